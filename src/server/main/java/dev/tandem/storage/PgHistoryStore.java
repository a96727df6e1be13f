package dev.tandem.storage;

import dev.tandem.ot.DocumentType;
import dev.tandem.ot.DocumentTypes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@link HistoryStore} on PostgreSQL, beside {@link PgDocumentStore} on the same pool. */
public final class PgHistoryStore implements HistoryStore {
    /** The advisory lock that lets one node at a time compact ("tandemC1"). */
    static final long COMPACTION_LOCK_KEY = 0x74616e64656d4331L;

    private final Pool pool;
    private final DocumentTypes types;

    /** Uses {@code pool} (not closed here: its {@link PgDocumentStore} closes it) on a migrated database. */
    public PgHistoryStore(Pool pool, DocumentTypes types) {
        this.pool = pool;
        this.types = types;
    }

    @Override
    public Future<List<HistoryEntry>> entries(String docId, long fromRev, long toRev, int limit) {
        return check(docId, limit)
                .compose(ok -> run(pool, HistorySql.ENTRIES, Tuple.of(docId, fromRev, toRev, (long) limit)))
                .map(rows -> {
                    List<HistoryEntry> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        out.add(entry(row, true));
                    }
                    return out;
                });
    }

    @Override
    public Future<List<HistoryEntry>> timeline(String docId, long atOrBefore, int limit) {
        return check(docId, limit)
                .compose(ok -> run(pool, HistorySql.TIMELINE, Tuple.of(docId, atOrBefore, (long) limit)))
                .map(rows -> {
                    List<HistoryEntry> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        out.add(entry(row, false));
                    }
                    return out;
                });
    }

    @Override
    public Future<Optional<HistoryEntry>> entryHolding(String docId, long rev) {
        return entryHolding(pool, docId, rev);
    }

    private Future<Optional<HistoryEntry>> entryHolding(SqlClient client, String docId, long rev) {
        return check(docId, 0)
                .compose(ok -> run(client, HistorySql.ENTRY_HOLDING, Tuple.of(docId, rev)))
                .map(rows -> {
                    if (rows.size() == 0 || rev < 1) {
                        return Optional.<HistoryEntry>empty();
                    }
                    HistoryEntry e = entry(rows.iterator().next(), true);
                    return e.firstRev() <= rev ? Optional.of(e) : Optional.<HistoryEntry>empty();
                });
    }

    @Override
    public Future<NamedVersion> nameVersion(String docId, long rev, String name, Author by) {
        if (name == null || rev < 0) {
            return Future.failedFuture(new IllegalArgumentException("a named version needs a name and a revision >= 0"));
        }
        Author who = by == null ? new Author(null, null, null, null) : by;
        return check(docId, 0).compose(ok -> pool.withTransaction(conn ->
                run(conn, HistorySql.LOCK_DOCUMENT_SHARED, Tuple.of(docId)).compose(doc -> {
                    if (doc.size() == 0) {
                        return Future.failedFuture(new IllegalArgumentException("document does not exist: " + docId));
                    }
                    return requireKept(conn, docId, rev);
                }).compose(kept -> run(conn, HistorySql.NAME_VERSION, Tuple.of(docId, rev, name, who.clientId(),
                        who.name(), who.userId())))
                .map(rows -> new NamedVersion(docId, rev, name,
                        rows.iterator().next().getOffsetDateTime("created_at").toInstant(), by))));
    }

    /** Fails unless the document at {@code rev} can be rebuilt exactly: revision 0, or the end of a row. */
    private Future<Void> requireKept(SqlConnection conn, String docId, long rev) {
        if (rev == 0) {
            return Future.succeededFuture();
        }
        return run(conn, HistorySql.ENTRY_HOLDING, Tuple.of(docId, rev)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(new IllegalArgumentException("revision " + rev + " of " + docId
                        + " does not exist"));
            }
            HistoryEntry e = entry(rows.iterator().next(), false);
            return e.rev() == rev ? Future.succeededFuture()
                    : Future.failedFuture(new RevisionCompactedException(rev, e.firstRev() - 1, e.rev()));
        });
    }

    @Override
    public Future<List<NamedVersion>> namedVersions(String docId, long atOrBefore, int limit) {
        return check(docId, limit)
                .compose(ok -> run(pool, HistorySql.NAMED_VERSIONS, Tuple.of(docId, atOrBefore, (long) limit)))
                .map(rows -> {
                    List<NamedVersion> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        String client = row.getString("client_id");
                        String author = row.getString("author");
                        Author by = client == null && author == null ? null
                                : new Author(client, author, row.getString("color"), row.getString("user_id"));
                        out.add(new NamedVersion(docId, row.getLong("rev"), row.getString("name"),
                                row.getOffsetDateTime("created_at").toInstant(), by));
                    }
                    return out;
                });
    }

    @Override
    public Future<Boolean> deleteVersion(String docId, long rev) {
        return check(docId, 0)
                .compose(ok -> run(pool, HistorySql.DELETE_VERSION, Tuple.of(docId, rev)))
                .map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Future<Void> recordAuthor(String docId, Author author) {
        if (author == null || author.clientId() == null || author.name() == null) {
            return Future.failedFuture(new IllegalArgumentException("an author needs a client id and a name"));
        }
        return check(docId, 0)
                .compose(ok -> run(pool, HistorySql.RECORD_AUTHOR, Tuple.of(docId, author.clientId(), author.name(),
                        author.color(), author.userId())))
                .mapEmpty();
    }

    @Override
    public Future<Map<String, Author>> authors(String docId, Collection<String> clientIds) {
        if (clientIds == null) {
            return Future.failedFuture(new IllegalArgumentException("clientIds is null"));
        }
        if (clientIds.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return check(docId, 0)
                .compose(ok -> run(pool, HistorySql.AUTHORS, Tuple.tuple().addValue(docId).addArrayOfString(clientIds.toArray(new String[0]))))
                .map(rows -> {
                    Map<String, Author> out = new HashMap<>();
                    for (Row row : rows) {
                        String client = row.getString("client_id");
                        out.put(client, new Author(client, row.getString("name"), row.getString("color"),
                                row.getString("user_id")));
                    }
                    return out;
                });
    }

    @Override
    public Future<CompactionCandidates> compactionCandidates(String afterId, Instant olderThan, long keepRevisions, int limit) {
        if (olderThan == null || keepRevisions < 0 || limit < 1) {
            return Future.failedFuture(new IllegalArgumentException("candidates need a cut-off, keep >= 0 and limit >= 1"));
        }
        return run(pool, HistorySql.COMPACTION_CANDIDATES, Tuple.of(afterId == null ? "" : afterId,
                olderThan.atOffset(ZoneOffset.UTC), keepRevisions, (long) limit)).map(rows -> {
                    List<String> docs = new ArrayList<>();
                    String last = null;
                    for (Row row : rows) {
                        last = row.getString("id");
                        if (Boolean.TRUE.equals(row.getBoolean("candidate"))) {
                            docs.add(last);
                        }
                    }
                    return new CompactionCandidates(docs, last);
                });
    }

    @Override
    public Future<CompactionResult> compact(String docId, CompactionPolicy policy, Instant olderThan) {
        if (policy == null || olderThan == null) {
            return Future.failedFuture(new IllegalArgumentException("compaction needs a policy and a cut-off"));
        }
        return check(docId, 0).compose(ok -> pool.withTransaction(conn ->
                run(conn, HistorySql.COMPACTION_LOCK, Tuple.of(COMPACTION_LOCK_KEY)).compose(lock ->
                        Boolean.TRUE.equals(lock.iterator().next().getBoolean("locked"))
                                ? compactLocked(conn, docId, policy, olderThan)
                                : Future.succeededFuture(CompactionResult.busy(docId)))));
    }

    private Future<CompactionResult> compactLocked(SqlConnection conn, String docId, CompactionPolicy policy, Instant olderThan) {
        return run(conn, HistorySql.COMPACTION_BOUNDS, Tuple.of(docId)).compose(bounds -> {
            if (bounds.size() == 0) {
                return Future.failedFuture(new IllegalArgumentException("document does not exist: " + docId));
            }
            Row b = bounds.iterator().next();
            DocumentType<?> type = types.get(b.getString("type"));
            long compactedTo = b.getLong("compacted_to");
            long upTo = Math.min(b.getLong("head") - policy.keepRevisions(), b.getLong("snapshot"));
            // The row at compacted_to was looked at last time: read it again, a run may go on from it.
            long from = Math.max(1, compactedTo);
            if (upTo <= compactedTo) {
                return Future.succeededFuture(new CompactionResult(docId, 0, 0, true, false));
            }
            return run(conn, HistorySql.COMPACTION_ROWS, Tuple.of(docId, from, upTo, (long) policy.batchRows()))
                    .compose(rows -> run(conn, HistorySql.COMPACTION_BOUNDARIES, Tuple.of(docId, from, upTo, policy.snapshotSpacing()))
                            .compose(boundaryRows -> {
                                // Kept snapshots and named versions end runs; thinned snapshots do
                                // not, and every one the plan passes is dropped with it.
                                Set<Long> boundaries = new HashSet<>();
                                Set<Long> thin = new HashSet<>();
                                for (Row r : boundaryRows) {
                                    (Boolean.TRUE.equals(r.getBoolean("thin")) ? thin : boundaries).add(r.getLong("rev"));
                                }
                                thin.removeAll(boundaries); // a named version keeps its snapshot
                                thin.remove(b.getLong("snapshot")); // the latest, which documents load from
                                boundaries.add(b.getLong("snapshot"));
                                List<CompactionPlan.StoredRow> stored = new ArrayList<>(rows.size());
                                for (Row r : rows) {
                                    stored.add(new CompactionPlan.StoredRow(entry(r, type), r.getInteger("row_bytes"),
                                            r.getInteger("op_bytes")));
                                }
                                CompactionPlan plan = CompactionPlan.of(type, stored, boundaries, policy.runMillis(),
                                        olderThan.toEpochMilli());
                                boolean more = rows.size() == policy.batchRows() && plan.lastExamined() == lastRev(stored);
                                Long[] dropped = thin.stream().filter(rev -> rev <= plan.lastExamined()).sorted().toArray(Long[]::new);
                                return write(conn, docId, plan)
                                        .compose(v -> dropped.length == 0 ? Future.succeededFuture(0L)
                                                : run(conn, HistorySql.COMPACTION_DROP_SNAPSHOTS, Tuple.tuple().addValue(docId).addArrayOfLong(dropped))
                                                        .map(PgHistoryStore::bytes))
                                        .map(snapshotBytes -> new CompactionResult(docId, plan.deleted().size(),
                                                plan.bytesReclaimed() + snapshotBytes, !more, false, dropped.length));
                            }));
        });
    }

    private static long bytes(RowSet<Row> rows) {
        long n = 0;
        for (Row r : rows) {
            n += r.getInteger("bytes");
        }
        return n;
    }

    private static long lastRev(List<CompactionPlan.StoredRow> rows) {
        return rows.isEmpty() ? -1 : rows.get(rows.size() - 1).entry().rev();
    }

    private static Future<Void> write(SqlConnection conn, String docId, CompactionPlan plan) {
        Future<?> f = Future.succeededFuture();
        if (!plan.deleted().isEmpty()) {
            Long[] revs = plan.deleted().toArray(new Long[0]);
            f = f.compose(v -> run(conn, HistorySql.COMPACTION_DELETE, Tuple.tuple().addValue(docId).addArrayOfLong(revs)));
            int n = plan.rewrites().size();
            Long[] rewritten = new Long[n];
            String[] ops = new String[n];
            Integer[] spans = new Integer[n];
            Long[] times = new Long[n];
            for (int i = 0; i < n; i++) {
                CompactionPlan.Rewrite w = plan.rewrites().get(i);
                rewritten[i] = w.rev();
                ops[i] = w.op();
                spans[i] = w.span();
                times[i] = w.timeMillis();
            }
            f = f.compose(v -> run(conn, HistorySql.COMPACTION_REWRITE, Tuple.tuple().addValue(docId)
                    .addArrayOfLong(rewritten).addArrayOfString(ops).addArrayOfInteger(spans).addArrayOfLong(times)));
        }
        if (plan.lastExamined() > 0) {
            f = f.compose(v -> run(conn, HistorySql.COMPACTION_PROGRESS, Tuple.of(docId, plan.lastExamined())));
        }
        return f.mapEmpty();
    }

    private HistoryEntry entry(Row row, boolean withOp) {
        return entry(row, withOp ? types.get(row.getString("type")) : null);
    }

    private static HistoryEntry entry(Row row, DocumentType<?> type) {
        Integer span = row.getInteger("span");
        return new HistoryEntry(row.getLong("rev"), span == null ? 1 : span,
                type == null ? null : type.parse(row.getString("op")), row.getString("client_id"), row.getLong("seq"),
                row.getOffsetDateTime("created_at").toInstant().toEpochMilli());
    }

    private static Future<Void> check(String docId, int limit) {
        if (docId == null) {
            return Future.failedFuture(new IllegalArgumentException("docId is null"));
        }
        if (limit < 0) {
            return Future.failedFuture(new IllegalArgumentException("limit must not be negative: " + limit));
        }
        return Future.succeededFuture();
    }

    private static Future<RowSet<Row>> run(SqlClient client, String sql, Tuple params) {
        return client.preparedQuery(sql).execute(params).recover(StorageErrors::fail);
    }
}
