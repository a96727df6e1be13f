package dev.tandem.storage;

/** The statements of {@link PgHistoryStore}; like {@link Sql}, parameters only, every read bounded. */
final class HistorySql {
    private HistorySql() {
    }

    static final String ENTRIES = """
            SELECT r.rev, r.span, r.op, r.client_id, r.seq, r.created_at, d.type
            FROM revisions r JOIN documents d ON d.id = r.doc_id
            WHERE r.doc_id = $1 AND r.rev >= $2 AND r.rev <= $3
            ORDER BY r.rev
            LIMIT $4""";

    static final String TIMELINE = """
            SELECT rev, span, client_id, seq, created_at FROM revisions
            WHERE doc_id = $1 AND rev <= $2
            ORDER BY rev DESC
            LIMIT $3""";

    /** The first row ending at or after the revision: it holds it if it starts at or before it. */
    static final String ENTRY_HOLDING = """
            SELECT r.rev, r.span, r.op, r.client_id, r.seq, r.created_at, d.type
            FROM revisions r JOIN documents d ON d.id = r.doc_id
            WHERE r.doc_id = $1 AND r.rev >= $2
            ORDER BY r.rev
            LIMIT 1""";

    /** Naming a version waits for a compaction batch of the document to end (and holds the next off). */
    static final String LOCK_DOCUMENT_SHARED = "SELECT 1 FROM documents WHERE id = $1 FOR SHARE";

    static final String NAME_VERSION = """
            INSERT INTO named_versions (doc_id, rev, name, client_id, author, user_id) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (doc_id, rev) DO UPDATE
                SET name = EXCLUDED.name, client_id = EXCLUDED.client_id, author = EXCLUDED.author,
                    user_id = EXCLUDED.user_id, created_at = now()
            RETURNING created_at""";

    static final String NAMED_VERSIONS = """
            SELECT v.rev, v.name, v.created_at, v.client_id, v.author, v.user_id, a.color
            FROM named_versions v LEFT JOIN authors a ON a.doc_id = v.doc_id AND a.client_id = v.client_id
            WHERE v.doc_id = $1 AND v.rev <= $2
            ORDER BY v.rev DESC
            LIMIT $3""";

    static final String DELETE_VERSION =
            "DELETE FROM named_versions WHERE doc_id = $1 AND rev = $2";

    static final String RECORD_AUTHOR = """
            INSERT INTO authors (doc_id, client_id, name, color, user_id) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (doc_id, client_id) DO UPDATE
                SET name = EXCLUDED.name, color = EXCLUDED.color, user_id = EXCLUDED.user_id, seen_at = now()""";

    static final String AUTHORS =
            "SELECT client_id, name, color, user_id FROM authors WHERE doc_id = $1 AND client_id = ANY($2::text[])";

    /**
     * A page of documents, each with whether it may have history to compact: its first revision
     * not yet looked at is old enough, and its head is far enough ahead of what was looked at.
     * Two index probes per document.
     */
    static final String COMPACTION_CANDIDATES = """
            SELECT p.id,
                   (SELECT r.created_at FROM revisions r WHERE r.doc_id = p.id AND r.rev > p.compacted_to
                    ORDER BY r.rev LIMIT 1) < $2
                   AND COALESCE((SELECT max(r.rev) FROM revisions r WHERE r.doc_id = p.id), 0) - $3 > p.compacted_to
                   AS candidate
            FROM (SELECT id, compacted_to FROM documents WHERE id > $1 ORDER BY id LIMIT $4) p
            ORDER BY p.id""";

    /** Only one node compacts at a time (any number of clusters sharing the database). */
    static final String COMPACTION_LOCK = "SELECT pg_try_advisory_xact_lock($1) AS locked";

    /**
     * Where the batch may look: after what was looked at, up to the latest snapshot and the head
     * less what clients may still need. Locks the document's row against naming a version
     * meanwhile; NO KEY UPDATE does not block the sequencer's inserts (their foreign-key checks
     * take KEY SHARE).
     */
    static final String COMPACTION_BOUNDS = """
            SELECT d.type, d.compacted_to,
                   COALESCE((SELECT max(r.rev) FROM revisions r WHERE r.doc_id = d.id), 0) AS head,
                   COALESCE((SELECT max(s.rev) FROM snapshots s WHERE s.doc_id = d.id), 0) AS snapshot
            FROM documents d WHERE d.id = $1
            FOR NO KEY UPDATE""";

    static final String COMPACTION_ROWS = """
            SELECT rev, span, op, client_id, seq, created_at, pg_column_size(r.*) AS row_bytes,
                   pg_column_size(op) AS op_bytes
            FROM revisions r
            WHERE doc_id = $1 AND rev >= $2 AND rev <= $3
            ORDER BY rev
            LIMIT $4""";

    /**
     * Revisions that must stay exactly rebuildable: snapshots and named versions. {@code thin}:
     * a snapshot that old-history thinning may drop, as it is not the first of its stretch of
     * {@code $4} revisions ($4 = 0: none is dropped).
     */
    static final String COMPACTION_BOUNDARIES = """
            SELECT rev, false AS thin FROM named_versions WHERE doc_id = $1 AND rev >= $2 AND rev <= $3
            UNION ALL
            SELECT rev, thin FROM (
                SELECT rev, $4 > 0 AND rev <> min(rev) OVER (PARTITION BY rev / greatest($4, 1)) AS thin
                FROM snapshots WHERE doc_id = $1 AND rev <= $3) s
            WHERE rev >= $2""";

    /** Drops thinned snapshots; answers the bytes they took. */
    static final String COMPACTION_DROP_SNAPSHOTS =
            "DELETE FROM snapshots s WHERE doc_id = $1 AND rev = ANY($2::bigint[]) RETURNING pg_column_size(s.*) AS bytes";

    static final String COMPACTION_DELETE =
            "DELETE FROM revisions WHERE doc_id = $1 AND rev = ANY($2::bigint[])";

    static final String COMPACTION_REWRITE = """
            UPDATE revisions r SET op = u.op, span = u.span,
                created_at = timestamptz 'epoch' + u.millis * interval '1 millisecond'
            FROM unnest($2::bigint[], $3::text[], $4::int[], $5::bigint[]) AS u(rev, op, span, millis)
            WHERE r.doc_id = $1 AND r.rev = u.rev""";

    static final String COMPACTION_PROGRESS =
            "UPDATE documents SET compacted_to = $2 WHERE id = $1 AND compacted_to < $2";
}
