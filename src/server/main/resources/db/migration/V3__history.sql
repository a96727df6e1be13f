-- Tandem schema, version 3: history people can use (named versions, who wrote what) and its
-- storage policy (compaction of old revisions).

-- Compaction composes consecutive revisions by one client into one row: a row with span n
-- stands for revisions rev-n+1..rev, the client's submissions seq-n+1..seq (compaction only joins
-- revisions whose seqs follow on, so each seq's revision is rev - (seq - s): dedup stays exact).
-- NULL (every row written by the sequencer) means 1 and costs nothing: the null bitmap fits in
-- the row header's padding.
ALTER TABLE revisions ADD COLUMN span integer CHECK (span > 1);

-- Compaction's progress per document: revisions up to here have been looked at.
ALTER TABLE documents ADD COLUMN compacted_to bigint NOT NULL DEFAULT 0;

-- A revision somebody named ("Sent to legal"): listed first in the history, never compacted away.
CREATE TABLE named_versions (
    rev        bigint           NOT NULL CHECK (rev >= 0),
    created_at timestamptz      NOT NULL DEFAULT now(),
    doc_id     text COLLATE "C" NOT NULL REFERENCES documents (id),
    name       text             NOT NULL,
    -- Who named it: the tab (client id) and the display name it had then; user_id is the
    -- signed-in user once access tokens exist (NULL in the open demo mode).
    client_id  text COLLATE "C",
    author     text,
    user_id    text,
    PRIMARY KEY (doc_id, rev)
);

-- Who a client id is, for the history: revisions record only the client id (one per browser tab),
-- so the display name and colour it last edited this document with are kept here. user_id: the
-- signed-in user behind the tab once access tokens exist (NULL in the open demo mode).
CREATE TABLE authors (
    doc_id    text COLLATE "C" NOT NULL REFERENCES documents (id),
    client_id text COLLATE "C" NOT NULL,
    name      text             NOT NULL,
    color     text,
    user_id   text,
    seen_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (doc_id, client_id)
);
