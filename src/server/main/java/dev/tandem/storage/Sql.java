package dev.tandem.storage;

/**
 * Every statement the PostgreSQL store runs, in one place. All take their inputs as
 * parameters ({@code $n}), never by concatenation, and every read is bounded by a key or a LIMIT.
 */
final class Sql {
    private Sql() {
    }

    static final String CREATE_SCHEMA_VERSION = """
            CREATE TABLE schema_version (
                version    integer     PRIMARY KEY,
                description text       NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )""";

    static final String PING = "SELECT 1";

    static final String CREATE_DOCUMENT =
            "INSERT INTO documents (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING";

    static final String DOCUMENT_TYPE =
            "SELECT type FROM documents WHERE id = $1";

    static final String EXISTS =
            "SELECT 1 FROM documents WHERE id = $1";

    /** max(rev) of one document is a single step down the (doc_id, rev) primary key. */
    private static final String HEAD_OF_D =
            "COALESCE((SELECT max(r.rev) FROM revisions r WHERE r.doc_id = d.id), 0) AS head";

    /** Ids starting with a dot are the server's own (a node's warm-up scratch documents): not listed. */
    private static final String LISTED = "d.id NOT LIKE '.%'";

    static final String LIST_FIRST =
            "SELECT d.id, d.type, d.created_at, " + HEAD_OF_D + " FROM documents d WHERE " + LISTED
            + " ORDER BY d.id LIMIT $1";

    static final String LIST_AFTER =
            "SELECT d.id, d.type, d.created_at, " + HEAD_OF_D + " FROM documents d WHERE d.id > $1 AND " + LISTED
            + " ORDER BY d.id LIMIT $2";

    static final String HEAD =
            "SELECT " + HEAD_OF_D + " FROM documents d WHERE d.id = $1";

    /** The document (to tell "unknown" from "no snapshot") and its latest snapshot, if any. */
    static final String LATEST_SNAPSHOT = """
            SELECT d.type, s.rev, s.content
            FROM documents d
            LEFT JOIN LATERAL (
                SELECT rev, content FROM snapshots WHERE doc_id = d.id ORDER BY rev DESC LIMIT 1
            ) s ON true
            WHERE d.id = $1""";

    /**
     * The group commit: a whole batch, of any number of documents, in one statement, hence one
     * round trip and one implicit transaction: every row is stored or none is.
     */
    static final String APPEND = """
            INSERT INTO revisions (doc_id, rev, op, client_id, seq, created_at)
            SELECT u.doc_id, u.rev, u.op, u.client_id, u.seq, timestamptz 'epoch' + u.millis * interval '1 millisecond'
            FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
                AS u(doc_id, rev, op, client_id, seq, millis)""";

    static final String REVISIONS = """
            SELECT r.rev, r.op, r.client_id, r.seq, r.created_at, d.type
            FROM revisions r JOIN documents d ON d.id = r.doc_id
            WHERE r.doc_id = $1 AND r.rev >= $2 AND r.rev <= $3
            ORDER BY r.rev
            LIMIT $4""";

    static final String LAST_SUBMISSION =
            "SELECT seq, rev FROM revisions WHERE doc_id = $1 AND client_id = $2 ORDER BY seq DESC LIMIT 1";

    /**
     * The revision that a client's submission {@code seq} became: the row whose seqs
     * {@code seq - span + 1 .. seq} contain it (one index step down (doc_id, client_id, seq)); in
     * a row that compaction joined, seqs and revisions follow on together, so it is
     * {@code rev - (seq - $3)}.
     */
    static final String SUBMISSION_REVISION = """
            SELECT rev - (seq - $3) AS rev FROM (
                SELECT rev, seq, span FROM revisions
                WHERE doc_id = $1 AND client_id = $2 AND seq >= $3
                ORDER BY seq LIMIT 1
            ) r
            WHERE r.seq - COALESCE(r.span, 1) < $3""";

    /** Loads see one view of the database (a compaction committing meanwhile stays invisible). */
    static final String BEGIN_READ_ONLY_SNAPSHOT = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

    static final String SAVE_SNAPSHOT =
            "INSERT INTO snapshots (doc_id, rev, content) VALUES ($1, $2, $3) ON CONFLICT (doc_id, rev) DO NOTHING";

    static final String SNAPSHOT_AT_OR_BEFORE =
            "SELECT rev, content FROM snapshots WHERE doc_id = $1 AND rev <= $2 ORDER BY rev DESC LIMIT 1";
}
