package dev.tandem.load;

import dev.tandem.client.ClientDocument;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemClientOptions;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The storage figures of the history (docs/BENCHMARKS.md, "History storage"), one step at a time;
 * {@code scripts/bench-history} runs the steps against fresh nodes and restarts them in between:
 * <ul>
 *   <li>{@code type}: keystrokes through the Java client library, each one a revision (closed
 *   loop: the next keystroke once the previous is acknowledged). "Solo" documents have one typist
 *   each, as one person writing; the "crowd" document has several typing at once, so one author's
 *   revisions are interleaved with the others' (the worst case for compaction), and it is the
 *   document with a million revisions whose opening is timed.</li>
 *   <li>{@code storage}: bytes PostgreSQL holds, per table (heap, indexes and TOAST) and per
 *   group of documents (the rows' own bytes), read over SQL.</li>
 *   <li>{@code compacted}: waits until background compaction has nothing left to do.</li>
 *   <li>{@code open}: opens the crowd document on a node that has not loaded it: the client's time
 *   to the document's first sync and the node's own {@code document_load_time}; then again after
 *   the node unloaded it (started with a short {@code --doc-idle-seconds}).</li>
 * </ul>
 * Each step prints one line of {@code key=value} figures. Every wait is bounded.
 */
@Command(name = "bench-history", mixinStandardHelpOptions = true, description = "history storage figures, one step at a time")
public final class HistoryBench implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STEP", description = "type, storage, compacted or open")
    private String step;

    @Option(names = "--url", description = "the node (default ${DEFAULT-VALUE})")
    private String url = "http://127.0.0.1:8080";

    @Option(names = "--postgres-url", description = "storage, compacted: the node's database, e.g. postgresql://postgres@127.0.0.1:5432/tandem")
    private String postgresUrl;

    @Option(names = "--prefix", description = "document ids start with this (default ${DEFAULT-VALUE})")
    private String prefix = "hb";

    @Option(names = "--solo-docs", description = "documents with one typist each (default ${DEFAULT-VALUE})")
    private int soloDocs = 10;

    @Option(names = "--solo-keystrokes", description = "keystrokes into each solo document (default ${DEFAULT-VALUE})")
    private int soloKeystrokes = 100_000;

    @Option(names = "--crowd-typists", description = "typists in the crowd document (default ${DEFAULT-VALUE})")
    private int crowdTypists = 10;

    @Option(names = "--crowd-keystrokes", description = "keystrokes into the crowd document, all typists together (default ${DEFAULT-VALUE})")
    private int crowdKeystrokes = 1_000_000;

    @Option(names = "--label", description = "storage: a word naming the moment (default ${DEFAULT-VALUE})")
    private String label = "now";

    @Option(names = "--vacuum-full", description = "storage: run VACUUM FULL on the history's tables first, so the files shrink to what is live")
    private boolean vacuumFull;

    @Option(names = "--timeout-s", description = "longest any step may take (default ${DEFAULT-VALUE})")
    private int timeoutSeconds = 1800;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HistoryBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        return switch (step) {
            case "type" -> type();
            case "storage" -> storage();
            case "compacted" -> compacted();
            case "open" -> open();
            default -> {
                System.err.println("bench-history: unknown step " + step + " (type, storage, compacted or open)");
                yield 2;
            }
        };
    }

    private String crowdDoc() {
        return prefix + "-crowd";
    }

    private String soloDoc(int i) {
        return prefix + "-solo-" + i;
    }

    // ---------------------------------------------------------------- typing

    private int type() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            List<Typist> typists = new ArrayList<>();
            for (int i = 0; i < soloDocs; i++) {
                typists.add(new Typist(vertx, soloDoc(i), "solo-" + i, soloKeystrokes, i));
            }
            int each = crowdKeystrokes / Math.max(1, crowdTypists);
            for (int i = 0; i < crowdTypists; i++) {
                int n = i == 0 ? crowdKeystrokes - each * (crowdTypists - 1) : each;
                typists.add(new Typist(vertx, crowdDoc(), "crowd-" + i, n, 1000 + i));
            }
            for (Typist t : typists) { // one after another: the first of a document creates it
                t.open().await(60, TimeUnit.SECONDS);
            }
            long t0 = System.nanoTime();
            typists.forEach(Typist::start);
            long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long lastReport = t0;
            for (Typist t : typists) {
                while (!t.done.await(1, TimeUnit.SECONDS)) {
                    if (t.failure != null) {
                        throw new IllegalStateException(t.name + ": " + t.failure);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("typing did not finish within " + timeoutSeconds + " s");
                    }
                    if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                        lastReport = System.nanoTime();
                        long acked = typists.stream().mapToLong(x -> x.acked.get()).sum();
                        System.err.printf(Locale.ROOT, "typing: %d keystrokes acknowledged after %.0f s%n", acked,
                                (lastReport - t0) / 1e9);
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long solo = typists.stream().filter(t -> t.name.startsWith("solo")).mapToLong(t -> t.acked.get()).sum();
            long crowd = typists.stream().filter(t -> t.name.startsWith("crowd")).mapToLong(t -> t.acked.get()).sum();
            for (Typist t : typists) {
                t.client.close().await(10, TimeUnit.SECONDS);
            }
            System.out.printf(Locale.ROOT, "typed solo_keystrokes=%d crowd_keystrokes=%d seconds=%.1f keystrokes_per_s=%.0f%n",
                    solo, crowd, seconds, (solo + crowd) / seconds);
            return 0;
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * One person typing: inserts a character at the caret (80%) or deletes the one before it
     * (20%), the caret jumping somewhere else every fifty keystrokes; the next keystroke goes out
     * when the previous one is acknowledged, so each is a revision of its own.
     */
    private final class Typist {
        final String name;
        final TandemClient client;
        final String docId;
        final int keystrokes;
        final SplittableRandom random;
        final AtomicLong acked = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        volatile String failure;
        ClientDocument doc;
        int caret;
        int typed;

        Typist(Vertx vertx, String docId, String name, int keystrokes, long seed) {
            this.name = name;
            this.docId = docId;
            this.keystrokes = keystrokes;
            this.random = new SplittableRandom(seed);
            this.client = TandemClient.create(vertx, new TandemClientOptions().setUrl(url).setUserName(name)
                    .setClientId(prefix + "-" + name).setReconnect(false));
        }

        Future<Void> open() {
            return client.connect().compose(v -> client.open(docId, true)).map(d -> {
                doc = d;
                doc.addListener(new DocumentListener<TextOperation, Selection>() {
                    @Override
                    public void acknowledged(long seq, long rev) {
                        acked.incrementAndGet();
                        client.context().runOnContext(x -> next());
                    }

                    @Override
                    public void error(dev.tandem.protocol.ServerMessage.Error error) {
                        failure = error.code() + ": " + error.message();
                        done.countDown();
                    }
                });
                return null;
            });
        }

        void start() {
            client.context().runOnContext(v -> next());
        }

        private void next() {
            if (typed >= keystrokes || failure != null) {
                if (acked.get() >= keystrokes) {
                    done.countDown();
                }
                return;
            }
            int length = doc.length();
            if (typed % 50 == 0 || caret > length) {
                caret = length == 0 ? 0 : random.nextInt(length + 1);
            }
            typed++;
            if (random.nextInt(5) == 0 && caret > 0) {
                doc.delete(caret - 1, 1);
                caret--;
            } else {
                doc.insert(caret, String.valueOf((char) ('a' + random.nextInt(26))));
                caret++;
            }
        }
    }

    // ---------------------------------------------------------------- storage

    private Pool pool(Vertx vertx) {
        if (postgresUrl == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--postgres-url is needed for " + step);
        }
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
                .connectingTo(PgConnectOptions.fromUri(postgresUrl))
                .using(vertx).build();
    }

    private int storage() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Pool pool = pool(vertx);
            if (vacuumFull) {
                for (String table : List.of("revisions", "snapshots", "authors")) {
                    pool.query("VACUUM FULL " + table).execute().await(timeoutSeconds, TimeUnit.SECONDS);
                }
            }
            Row sizes = pool.query("""
                    SELECT pg_total_relation_size('revisions') AS revisions,
                           pg_total_relation_size('snapshots') AS snapshots,
                           pg_total_relation_size('authors') AS authors,
                           pg_database_size(current_database()) AS db""").execute().await(60, TimeUnit.SECONDS).iterator().next();
            StringBuilder line = new StringBuilder("storage label=" + label);
            line.append(" revisions_bytes=").append(sizes.getLong("revisions"))
                    .append(" snapshots_bytes=").append(sizes.getLong("snapshots"))
                    .append(" authors_bytes=").append(sizes.getLong("authors"))
                    .append(" database_bytes=").append(sizes.getLong("db"));
            // Per group of documents: rows, revisions and the rows' own bytes (pg_column_size of
            // the whole row), in the revisions and in the snapshots. A group's share of the files
            // (pages, indexes, TOAST) is taken in proportion to its rows' bytes.
            Map<String, long[]> groups = new java.util.TreeMap<>();
            String group = "CASE WHEN doc_id LIKE $1 THEN 'solo' WHEN doc_id = $2 THEN 'crowd' ELSE 'other' END";
            io.vertx.sqlclient.Tuple args = io.vertx.sqlclient.Tuple.of(prefix + "-solo-%", crowdDoc());
            for (Row r : pool.preparedQuery("SELECT " + group + " AS grp, count(*) AS n, coalesce(sum(coalesce(span, 1)), 0) AS revs, "
                    + "coalesce(sum(pg_column_size(r.*)), 0) AS bytes FROM revisions r GROUP BY 1")
                    .execute(args).await(timeoutSeconds, TimeUnit.SECONDS)) {
                long[] g = groups.computeIfAbsent(r.getString("grp"), k -> new long[5]);
                g[0] = r.getLong("n");
                g[1] = r.getLong("revs");
                g[2] = r.getLong("bytes");
            }
            for (Row r : pool.preparedQuery("SELECT " + group + " AS grp, count(*) AS n, coalesce(sum(pg_column_size(s.*)), 0) AS bytes "
                    + "FROM snapshots s GROUP BY 1").execute(args).await(timeoutSeconds, TimeUnit.SECONDS)) {
                long[] g = groups.computeIfAbsent(r.getString("grp"), k -> new long[5]);
                g[3] = r.getLong("n");
                g[4] = r.getLong("bytes");
            }
            long revRowBytes = groups.values().stream().mapToLong(g -> g[2]).sum();
            long snapRowBytes = groups.values().stream().mapToLong(g -> g[4]).sum();
            for (Map.Entry<String, long[]> e : groups.entrySet()) {
                String g = e.getKey();
                long[] v = e.getValue();
                double revDisk = revRowBytes == 0 ? 0 : (double) sizes.getLong("revisions") * v[2] / revRowBytes;
                double snapDisk = snapRowBytes == 0 ? 0 : (double) sizes.getLong("snapshots") * v[4] / snapRowBytes;
                line.append(String.format(Locale.ROOT, " %s_rows=%d %s_revisions=%d %s_row_bytes=%d %s_snapshots=%d %s_snapshot_bytes=%d",
                        g, v[0], g, v[1], g, v[2], g, v[3], g, v[4]));
                if (v[1] > 0 && !g.equals("other")) {
                    // What a million keystrokes (each one a revision here) take on disk: revisions and snapshots.
                    line.append(String.format(Locale.ROOT, " %s_revisions_mib_per_million=%.1f %s_snapshots_mib_per_million=%.1f",
                            g, revDisk / v[1] * 1e6 / 1048576, g, snapDisk / v[1] * 1e6 / 1048576));
                }
            }
            System.out.println(line);
            pool.close().await(10, TimeUnit.SECONDS);
            return 0;
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until the node's compaction is idle: its row counter has not moved for 10 s after moving. */
    private int compacted() throws Exception {
        NodeMetrics metrics = new NodeMetrics(List.of(url));
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        double last = -1;
        long stillSince = System.nanoTime();
        while (true) {
            Map<String, Double> m = metrics.scrape();
            double rows = m == null ? -1 : m.getOrDefault("tandem_history_compacted_revisions_total", -1.0);
            if (rows != last) {
                last = rows;
                stillSince = System.nanoTime();
            } else if (rows > 0 && System.nanoTime() - stillSince > TimeUnit.SECONDS.toNanos(10)) {
                System.out.printf(Locale.ROOT, "compacted revisions=%.0f seconds=%.1f%n", rows, (stillSince - t0) / 1e9);
                return 0;
            }
            if (System.nanoTime() > deadline) {
                System.err.println("bench-history: compaction still busy (or never started) after " + timeoutSeconds + " s; last count " + rows);
                return 1;
            }
            Thread.sleep(1000);
        }
    }

    // ---------------------------------------------------------------- opening

    private int open() throws Exception {
        Vertx vertx = Vertx.vertx();
        NodeMetrics metrics = new NodeMetrics(List.of(url));
        try {
            StringBuilder line = new StringBuilder("open doc=" + crowdDoc());
            for (String when : new String[] {"first", "again"}) {
                if (when.equals("again") && !unloaded(metrics)) {
                    line.append(" again=not_unloaded");
                    break;
                }
                Map<String, Double> before = metrics.scrape();
                TandemClient client = TandemClient.create(vertx, new TandemClientOptions().setUrl(url).setReconnect(false));
                long t0 = System.nanoTime();
                client.connect().await(30, TimeUnit.SECONDS);
                long t1 = System.nanoTime();
                ClientDocument doc = client.open(crowdDoc(), false).await(120, TimeUnit.SECONDS);
                doc.whenSynced().await(120, TimeUnit.SECONDS);
                double openMs = (System.nanoTime() - t1) / 1e6;
                Map<String, Double> after = metrics.scrape();
                double loadMs = -1;
                double replayed = -1;
                if (before != null && after != null) {
                    double n = after.getOrDefault("document_load_time_seconds_count", 0.0) - before.getOrDefault("document_load_time_seconds_count", 0.0);
                    double s = after.getOrDefault("document_load_time_seconds_sum", 0.0) - before.getOrDefault("document_load_time_seconds_sum", 0.0);
                    double rn = after.getOrDefault("tandem_document_load_revisions_sum", 0.0) - before.getOrDefault("tandem_document_load_revisions_sum", 0.0);
                    loadMs = n == 1 ? s * 1000 : -1;
                    replayed = n == 1 ? rn : -1;
                }
                line.append(String.format(Locale.ROOT, " %s_rev=%d %s_open_ms=%.1f %s_document_load_ms=%.1f %s_replayed_revisions=%.0f %s_connect_ms=%.1f",
                        when, doc.revision(), when, openMs, when, loadMs, when, replayed, when, (t1 - t0) / 1e6));
                client.close().await(10, TimeUnit.SECONDS);
            }
            System.out.println(line);
            return 0;
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Waits (bounded) until the node has no document loaded. */
    private boolean unloaded(NodeMetrics metrics) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (metrics.value("tandem_active_documents") == 0) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }
}
