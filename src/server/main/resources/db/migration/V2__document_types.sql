-- Tandem schema, version 2: every document has a type (text, rich-text, canvas...), set when it
-- is created and never changed. Documents made before types existed are plain text.

ALTER TABLE documents ADD COLUMN type text COLLATE "C" NOT NULL DEFAULT 'text';
