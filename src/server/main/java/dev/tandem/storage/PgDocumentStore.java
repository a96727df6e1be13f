package dev.tandem.storage;

import dev.tandem.ot.sequencer.ClientSubmission;
import dev.tandem.ot.sequencer.LoadedDocument;
import dev.tandem.ot.sequencer.RevisionRecord;
import dev.tandem.ot.sequencer.Snapshot;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.DocumentTypes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link DocumentStore} on PostgreSQL, through the Vert.x reactive client: nothing here blocks.
 *
 * <p>Failures: {@link StorageException} {@code CONFLICT} for a revision or submission already
 * stored, {@code UNAVAILABLE} for anything the database could not do (unreachable, shutting down,
 * out of resources); {@link IllegalArgumentException} for invalid arguments and for revisions or
 * snapshots of a document that does not exist (a caller's bug: documents are created first);
 * {@link IllegalStateException} when {@link #load} finds a gap in a document's history.
 */
public final class PgDocumentStore implements DocumentStore {

    /** Rows per query while loading the revisions after a snapshot. */
    static final int LOAD_PAGE = 10_000;

    private final Pool pool;
    private final DocumentTypes types;
    private final int loadPage;

    /**
     * Uses (and on {@link #close()} closes) {@code pool}, whose database must be migrated; reads
     * the operations and snapshots of documents of {@code types}.
     */
    public PgDocumentStore(Pool pool, DocumentTypes types) {
        this(pool, types, LOAD_PAGE);
    }

    /** A store for the standard document types. */
    public PgDocumentStore(Pool pool) {
        this(pool, dev.tandem.ot.types.StandardTypes.registry());
    }

    /** With a smaller load page, so that tests can cross page boundaries cheaply. */
    PgDocumentStore(Pool pool, DocumentTypes types, int loadPage) {
        this.pool = pool;
        this.types = types;
        this.loadPage = loadPage;
    }

    /** A store with its own pool of {@code poolSize} connections to the database of {@code connect}. */
    public static PgDocumentStore create(Vertx vertx, PgConnectOptions connect, int poolSize, DocumentTypes types) {
        return new PgDocumentStore(pool(vertx, connect, poolSize), types);
    }

    /** A pool tuned for this store: prepared statements stay cached, so the hot path skips parsing. */
    public static Pool pool(Vertx vertx, PgConnectOptions connect, int poolSize) {
        PgConnectOptions options = new PgConnectOptions(connect).setCachePreparedStatements(true);
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(poolSize).setName("tandem-pg")) // the pool_name label in /metrics
                .connectingTo(options)
                .using(vertx)
                .build();
    }

    /** The connections this store uses (shared with the {@link PgHistoryStore} of the same database). */
    Pool pool() {
        return pool;
    }

    @Override
    public Future<Boolean> createDocument(String docId, String type) {
        if (type == null || types.find(type) == null) {
            return Future.failedFuture(new IllegalArgumentException("unknown document type " + type));
        }
        return requireId(docId)
                .compose(ok -> run(Sql.CREATE_DOCUMENT, Tuple.of(docId, type)))
                .map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Future<Optional<String>> documentType(String docId) {
        return requireId(docId)
                .compose(ok -> run(Sql.DOCUMENT_TYPE, Tuple.of(docId)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("type")));
    }

    @Override
    public Future<Void> ping() {
        // A simple query, not a prepared one: nothing worth caching.
        return pool.query(Sql.PING).execute().recover(StorageErrors::fail).mapEmpty();
    }

    @Override
    public Future<Boolean> exists(String docId) {
        return requireId(docId)
                .compose(ok -> run(Sql.EXISTS, Tuple.of(docId)))
                .map(rows -> rows.size() > 0);
    }

    @Override
    public Future<List<DocumentInfo>> listDocuments(String afterId, int limit) {
        if (limit < 0) {
            return Future.failedFuture(new IllegalArgumentException("limit must not be negative: " + limit));
        }
        Future<RowSet<Row>> rows = afterId == null
                ? run(Sql.LIST_FIRST, Tuple.of((long) limit))
                : run(Sql.LIST_AFTER, Tuple.of(afterId, (long) limit));
        return rows.map(set -> {
            List<DocumentInfo> docs = new ArrayList<>(set.size());
            for (Row row : set) {
                Instant created = row.getOffsetDateTime("created_at").toInstant();
                docs.add(new DocumentInfo(row.getString("id"), row.getString("type"), row.getLong("head"), created));
            }
            return docs;
        });
    }

    /**
     * Reads in one REPEATABLE READ transaction: the snapshot and the pages of revisions after it
     * come from one view of the database, so a compaction batch that commits meanwhile (it only
     * rewrites revisions at or before the latest snapshot it sees) cannot show this load half of it.
     */
    @Override
    public Future<Optional<LoadedDocument>> load(String docId) {
        return requireId(docId)
                .compose(ok -> pool.getConnection().recover(StorageErrors::fail))
                .compose(conn -> conn.query(Sql.BEGIN_READ_ONLY_SNAPSHOT).execute().recover(StorageErrors::fail)
                        .compose(begun -> load(conn, docId))
                        .eventually(() -> conn.query("COMMIT").execute().eventually(conn::close)));
    }

    private Future<Optional<LoadedDocument>> load(SqlConnection conn, String docId) {
        return run(conn, Sql.LATEST_SNAPSHOT, Tuple.of(docId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    Row row = rows.iterator().next();
                    DocumentType<?> type = types.get(row.getString("type"));
                    Snapshot snapshot = row.getLong("rev") == null
                            ? new Snapshot(docId, 0, type.emptySnapshot())
                            : new Snapshot(docId, row.getLong("rev"), text(row.getBuffer("content")));
                    return revisionsAfter(conn, docId, snapshot.rev(), new ArrayList<>())
                            .map(after -> Optional.of(new LoadedDocument(type, snapshot, after)));
                });
    }

    /**
     * Reads every revision after {@code rev}, a page at a time so that no single query is
     * unbounded, and checks they follow on without a gap: a gap would make the sequencer apply
     * operations to the wrong text, so it is reported instead of silently loaded.
     */
    private Future<List<RevisionRecord>> revisionsAfter(SqlConnection conn, String docId, long rev, List<RevisionRecord> into) {
        return revisions(conn, docId, rev + 1, Long.MAX_VALUE, loadPage).compose(page -> {
            long expected = rev + 1;
            for (RevisionRecord r : page) {
                if (r.rev() != expected) {
                    return Future.failedFuture(new IllegalStateException("history of " + docId
                            + " has a gap: revision " + expected + " is missing before " + r.rev()));
                }
                expected++;
                into.add(r);
            }
            return page.size() < loadPage
                    ? Future.succeededFuture(into)
                    : revisionsAfter(conn, docId, expected - 1, into);
        });
    }

    @Override
    public Future<Void> append(List<RevisionRecord> revisions) {
        if (revisions == null) {
            return Future.failedFuture(new IllegalArgumentException("revisions is null"));
        }
        if (revisions.isEmpty()) {
            return Future.succeededFuture();
        }
        int n = revisions.size();
        String[] docs = new String[n];
        Long[] revs = new Long[n];
        String[] ops = new String[n];
        String[] clients = new String[n];
        Long[] seqs = new Long[n];
        Long[] times = new Long[n];
        for (int i = 0; i < n; i++) {
            RevisionRecord r = revisions.get(i);
            if (r == null || r.docId() == null || r.op() == null || r.clientId() == null || r.rev() < 1) {
                return Future.failedFuture(new IllegalArgumentException("invalid revision record at " + i + ": " + r));
            }
            docs[i] = r.docId();
            revs[i] = r.rev();
            ops[i] = r.op().toJson();
            clients[i] = r.clientId();
            seqs[i] = r.seq();
            times[i] = r.timeMillis();
        }
        Tuple batch = Tuple.tuple()
                .addArrayOfString(docs)
                .addArrayOfLong(revs)
                .addArrayOfString(ops)
                .addArrayOfString(clients)
                .addArrayOfLong(seqs)
                .addArrayOfLong(times);
        return run(Sql.APPEND, batch).mapEmpty();
    }

    @Override
    public Future<List<RevisionRecord>> revisions(String docId, long fromRev, long toRev, int limit) {
        if (limit < 0) {
            return Future.failedFuture(new IllegalArgumentException("limit must not be negative: " + limit));
        }
        return requireId(docId).compose(ok -> revisions(pool, docId, fromRev, toRev, limit));
    }

    private Future<List<RevisionRecord>> revisions(SqlClient client, String docId, long fromRev, long toRev, int limit) {
        return run(client, Sql.REVISIONS, Tuple.of(docId, fromRev, toRev, (long) limit))
                .map(rows -> {
                    List<RevisionRecord> list = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        DocumentType<?> type = types.get(row.getString("type"));
                        list.add(new RevisionRecord(docId, row.getLong("rev"), type.parse(row.getString("op")),
                                row.getString("client_id"), row.getLong("seq"),
                                row.getOffsetDateTime("created_at").toInstant().toEpochMilli()));
                    }
                    return list;
                });
    }

    @Override
    public Future<Optional<ClientSubmission>> lastSubmission(String docId, String clientId) {
        if (clientId == null) {
            return Future.failedFuture(new IllegalArgumentException("clientId is null"));
        }
        return requireId(docId)
                .compose(ok -> run(Sql.LAST_SUBMISSION, Tuple.of(docId, clientId)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new ClientSubmission(row.getLong("seq"), row.getLong("rev")));
                });
    }

    @Override
    public Future<Optional<Long>> submissionRevision(String docId, String clientId, long seq) {
        if (clientId == null) {
            return Future.failedFuture(new IllegalArgumentException("clientId is null"));
        }
        return requireId(docId)
                .compose(ok -> run(Sql.SUBMISSION_REVISION, Tuple.of(docId, clientId, seq)))
                .map(rows -> rows.size() == 0 ? Optional.<Long>empty() : Optional.of(rows.iterator().next().getLong("rev")));
    }

    @Override
    public Future<Void> saveSnapshot(String docId, long rev, String content) {
        if (content == null || rev < 0) {
            return Future.failedFuture(new IllegalArgumentException("snapshot needs content and a revision >= 0"));
        }
        Buffer bytes = Buffer.buffer(content.getBytes(StandardCharsets.UTF_8));
        return requireId(docId)
                .compose(ok -> run(Sql.SAVE_SNAPSHOT, Tuple.of(docId, rev, bytes)))
                .mapEmpty();
    }

    @Override
    public Future<Snapshot> snapshotAtOrBefore(String docId, long rev) {
        return requireId(docId)
                .compose(ok -> run(Sql.SNAPSHOT_AT_OR_BEFORE, Tuple.of(docId, rev)))
                .compose(rows -> {
                    if (rows.size() > 0) {
                        Row row = rows.iterator().next();
                        return Future.succeededFuture(new Snapshot(docId, row.getLong("rev"), text(row.getBuffer("content"))));
                    }
                    return documentType(docId).map(type -> new Snapshot(docId, 0,
                            type.map(t -> types.get(t).emptySnapshot()).orElse("")));
                });
    }

    @Override
    public Future<Optional<Long>> headRevision(String docId) {
        return requireId(docId)
                .compose(ok -> run(Sql.HEAD, Tuple.of(docId)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("head")));
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }

    /** Runs one statement; database failures come out as the contract's errors. */
    private Future<RowSet<Row>> run(String sql, Tuple params) {
        return run(pool, sql, params);
    }

    private static Future<RowSet<Row>> run(SqlClient client, String sql, Tuple params) {
        return client.preparedQuery(sql).execute(params).recover(StorageErrors::fail);
    }

    private static Future<Void> requireId(String docId) {
        return docId == null
                ? Future.failedFuture(new IllegalArgumentException("docId is null"))
                : Future.succeededFuture();
    }

    private static String text(Buffer utf8) {
        return utf8.toString(StandardCharsets.UTF_8);
    }
}
