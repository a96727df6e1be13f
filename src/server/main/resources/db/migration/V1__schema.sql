-- Tandem schema, version 1: documents, their revisions (the source of truth) and snapshots.
--
-- Ids use the "C" collation: they are ASCII ([A-Za-z0-9._-]), so byte order is the natural
-- order, paging by id is stable on any server locale, and index comparisons are a memcmp.

CREATE TABLE documents (
    id         text COLLATE "C" PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per committed operation, i.e. per keystroke: keep it narrow. Fixed-width columns
-- come first so that no alignment padding sits between them. op is the compact wire form
-- ([5,"abc",-3]) as text: smaller than jsonb for such short arrays, and it keeps JSON's
-- escaping of control characters (a U+0000 insert cannot be stored in text or jsonb otherwise).
CREATE TABLE revisions (
    rev        bigint           NOT NULL CHECK (rev > 0),
    seq        bigint           NOT NULL,
    created_at timestamptz      NOT NULL,
    doc_id     text COLLATE "C" NOT NULL REFERENCES documents (id),
    client_id  text COLLATE "C" NOT NULL,
    op         text             NOT NULL,
    -- The fence: two sequencers can never both commit a revision of a document.
    PRIMARY KEY (doc_id, rev),
    -- Durable dedup: a client's submission becomes at most one revision, across restarts.
    CONSTRAINT revisions_submission_key UNIQUE (doc_id, client_id, seq)
);

-- The full text at a revision. bytea (UTF-8), not text: a document may contain U+0000,
-- which PostgreSQL's text type rejects. Large values are compressed and TOASTed.
CREATE TABLE snapshots (
    rev     bigint           NOT NULL CHECK (rev >= 0),
    doc_id  text COLLATE "C" NOT NULL REFERENCES documents (id),
    content bytea            NOT NULL,
    PRIMARY KEY (doc_id, rev)
);
