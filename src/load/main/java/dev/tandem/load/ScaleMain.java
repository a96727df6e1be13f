package dev.tandem.load;

import dev.tandem.client.model.CanvasPresence;
import dev.tandem.client.model.ClientTypes;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.ot.canvas.CanvasOperation;
import dev.tandem.ot.canvas.Change;
import dev.tandem.ot.canvas.PropertyValue;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.client.transport.Endpoint;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import dev.tandem.client.transport.VertxInternals;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one-node scale test ({@code scripts/scale-test}): opens many WebSocket connections (default
 * 10,000) and many active two-user documents (default 20,000, each opened by two connections and
 * edited), holds them for a while with light typing, and measures the server's live heap per
 * connection and per active document. Passes when nothing failed and sampled documents converged.
 */
@Command(name = "scripts/scale-test", usageHelpWidth = 110, customSynopsis = "scripts/scale-test [OPTION]...",
        description = "Holds many connections and active two-user documents on one node and measures its live heap per "
                + "connection and per document; exit status 0 when nothing failed and the sampled documents converged.")
public final class ScaleMain implements Callable<Integer> {
    @Option(names = "--url", paramLabel = "URL", description = "the node (default ${DEFAULT-VALUE})")
    private String url = LoadOptions.DEFAULT_URL;
    @Option(names = "--connections", paramLabel = "N", description = "WebSocket connections (default ${DEFAULT-VALUE})")
    private int connections = 10_000;
    @Option(names = "--docs", paramLabel = "N", description = "documents, each opened by two connections (default ${DEFAULT-VALUE})")
    private int docs = 20_000;
    @Option(names = "--hold", paramLabel = "S", description = "seconds to hold everything open with light typing (default ${DEFAULT-VALUE})")
    private int hold = 60;
    @Option(names = "--doc-type", paramLabel = "TYPE", description = "text, or canvas: boards of --objects shapes, "
            + "a keystroke moves one (default ${DEFAULT-VALUE})")
    private String docType = "text";
    @Option(names = "--objects", paramLabel = "N", description = "canvas: shapes per board (default ${DEFAULT-VALUE})")
    private int objects = 20;
    @Option(names = "--op-every", paramLabel = "S", description = "seconds between two keystrokes in one document, +-20%% (default ${DEFAULT-VALUE})")
    private double opEvery = 30;
    @Option(names = "--server-pid", paramLabel = "PID", split = ",", splitSynopsisLabel = ",",
            description = "the node's JVM, then e.g. its PostgreSQL: heap via jcmd, CPU and memory from /proc (scripts/scale-test finds them)")
    private List<Long> pids = List.of(-1L);
    @Option(names = "--out", paramLabel = "DIR", description = "where scale.json and scale-hold.svg go (default ${DEFAULT-VALUE})")
    private Path out = Path.of("target", "scale-test");
    @Option(names = "--event-loops", paramLabel = "N", description = "generator event loops (default ${DEFAULT-VALUE})")
    private int loops = 2;
    @Option(names = "--check-docs", paramLabel = "N", description = "documents whose copies are compared with the server's at the end (default ${DEFAULT-VALUE})")
    private int checkDocs = 1000;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    private boolean help;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        return run() ? 0 : 1;
    }

    private boolean run() throws Exception {
        if (!docType.equals("text") && !docType.equals("canvas")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--doc-type must be text or canvas, not " + docType);
        }
        boolean canvas = docType.equals("canvas");
        long pid = pids.get(0);
        HeapMeter heap = new HeapMeter(pid);
        ServerProbe probe = new ServerProbe(List.of(url), pid > 0 ? pids : List.of());
        Rest rest = new Rest(url);
        RunStats stats = new RunStats();
        String runId = "S" + Long.toString(System.currentTimeMillis(), 36);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        try {
            WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxConnections(1_000_000).setConnectTimeout(60_000));
            List<Context> contexts = new ArrayList<>();
            for (int i = 0; i < loops; i++) {
                contexts.add(VertxInternals.newEventLoopContext(vertx)); // one per event loop
            }
            Endpoint endpoint = Endpoint.parse(url);
            List<String> ids = new ArrayList<>();
            for (int d = 0; d < docs; d++) {
                ids.add(runId + "-d" + d);
            }
            log("creating %d documents", docs);
            if (canvas) {
                List<String> shapes = new ArrayList<>();
                for (int i = 0; i < objects; i++) {
                    shapes.add("o" + i);
                }
                rest.createAll(ids, "canvas", DragStorm.board(shapes).encode());
            } else {
                rest.createAll(ids, "scale test document\n");
            }
            long heap0 = minLiveHeap(heap);
            log("live heap before connecting: %s", mib(heap0));

            Map<String, SentTimes> keystrokes = new ConcurrentHashMap<>();
            List<LoadConnection> conns = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int from = 0; from < connections; from += 200) {
                List<Future<LoadConnection>> batch = new ArrayList<>();
                for (int i = from; i < Math.min(connections, from + 200); i++) {
                    String id = runId + "-c" + i;
                    batch.add(LoadConnection.connect(sockets, endpoint, contexts.get(i % loops), id, "Scale " + i, stats,
                            60_000));
                }
                conns.addAll(Future.all(batch).map(cf -> cf.<LoadConnection>list()).await(120, TimeUnit.SECONDS));
            }
            for (LoadConnection c : conns) {
                keystrokes.put(c.publicId(), new SentTimes(64)); // operations name their author by public id
            }
            log("%d connections in %.1f s", conns.size(), (System.nanoTime() - t0) / 1e9);
            Thread.sleep(2000);
            long heap1 = minLiveHeap(heap);
            log("live heap with the connections: %s", mib(heap1));

            // Each document is opened by two different connections; the first of them types in it.
            List<ScaleDoc<?, ?>> typists = new ArrayList<>();
            List<ScaleDoc<?, ?>> copies = new ArrayList<>();
            t0 = System.nanoTime();
            for (int from = 0; from < 2 * docs; from += 500) {
                List<Future<?>> batch = new ArrayList<>();
                for (int k = from; k < Math.min(2 * docs, from + 500); k++) {
                    LoadConnection c = conns.get(k % conns.size());
                    String id = ids.get(k / 2);
                    ScaleDoc<?, ?> d;
                    if (canvas) {
                        ScaleDoc<CanvasOperation, CanvasPresence> cd = new ScaleDoc<>(c, stats, keystrokes, ScaleMain::moveShape);
                        batch.add(c.open(id, false, ClientTypes.CANVAS, cd).map(m -> {
                            cd.opened(m);
                            return cd;
                        }));
                        d = cd;
                    } else {
                        ScaleDoc<TextOperation, Selection> td = new ScaleDoc<>(c, stats, keystrokes, ScaleMain::typeChar);
                        batch.add(c.open(id, false, ClientTypes.TEXT, td).map(m -> {
                            td.opened(m);
                            return td;
                        }));
                        d = td;
                    }
                    if (k % 2 == 0) {
                        typists.add(d);
                    }
                    copies.add(d);
                }
                Future.all(batch).await(120, TimeUnit.SECONDS);
            }
            log("%d documents open twice in %.1f s", docs, (System.nanoTime() - t0) / 1e9);
            for (ScaleDoc<?, ?> d : typists) {
                d.connection().context().runOnContext(v -> d.keystroke(0)); // every document gets a revision: active
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stats.acked.sum() < docs && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            log("first edit acknowledged in %d of %d documents", stats.acked.sum(), docs);
            Thread.sleep(5000); // snapshots, roster writes and replies of the first edits settle
            long heap2 = minLiveHeap(heap);
            log("live heap with the documents: %s", mib(heap2));

            // Hold: every typist types now and then (+-20% jitter), the other copy receives.
            SplittableRandom random = new SplittableRandom(7);
            long periodNanos = (long) (opEvery * 1e9);
            for (ScaleDoc<?, ?> d : typists) {
                long first = (long) (random.nextDouble() * periodNanos);
                scheduleTyping(vertx, d, first, periodNanos, random.split());
            }
            stats.e2e.resetTotal();
            long errorsBefore = stats.errorCount();
            long ackedBefore = stats.acked.sum();
            List<double[]> series = new ArrayList<>();
            probe.sample();
            long holdStart = System.nanoTime();
            for (int s = 1; s <= hold; s++) {
                long sleep = (holdStart + s * 1_000_000_000L - System.nanoTime()) / 1_000_000L;
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
                var h = stats.e2e.roll();
                ServerProbe.Sample p = probe.sample();
                series.add(new double[] {s, p.rssBytes() / 1048576.0, p.jvmCpuCores(), LatencyRecorder.ms(h, 99)});
                System.err.printf(Locale.ROOT, "[hold %d/%ds] connections=%d errors=%d acked=%d e2e p99=%.1f ms server cpu=%.2f rss=%s%n",
                        s, hold, conns.size() - stats.disconnects.sum(), stats.errorCount() - errorsBefore,
                        stats.acked.sum() - ackedBefore, LatencyRecorder.ms(h, 99), p.jvmCpuCores(), mib(p.rssBytes()));
            }
            for (ScaleDoc<?, ?> d : typists) {
                d.connection().context().runOnContext(v -> stopTyping(d));
            }
            long holdErrors = stats.errorCount() - errorsBefore;
            long heap3 = minLiveHeap(heap); // after a minute of typing, everything still open
            log("live heap after the hold: %s", mib(heap3));
            var e2e = stats.e2e.total();
            long rss = ServerProbe.rssBytes(pid);
            Thread.sleep(2000); // the last keystrokes land
            String diverged = checkSample(copies, rest, checkDocs, canvas);
            double perConn = heap0 > 0 && heap1 > 0 ? (heap1 - heap0) / (double) connections : -1;
            double perDoc = heap1 > 0 && heap2 > 0 ? (heap2 - heap1) / (double) docs : -1;
            double perDocAfterHold = heap1 > 0 && heap3 > 0 ? (heap3 - heap1) / (double) docs : -1;
            boolean ok = holdErrors == 0 && stats.errorCount() == 0 && diverged == null && conns.size() == connections;
            String line = String.format(Locale.ROOT, "scale doc_type=" + docType + " connections=%d docs=%d hold_s=%d errors=%d ops=%d "
                    + "e2e_p50_ms=%.2f e2e_p99_ms=%.2f heap_per_connection_kib=%.1f heap_per_doc_kib=%.1f "
                    + "heap_per_doc_after_hold_kib=%.1f server_rss_mib=%.0f converged=%s ok=%s", connections, docs,
                    hold, stats.errorCount(), stats.acked.sum() - ackedBefore, LatencyRecorder.ms(e2e, 50),
                    LatencyRecorder.ms(e2e, 99), perConn / 1024, perDoc / 1024, perDocAfterHold / 1024,
                    rss / 1048576.0, diverged == null, ok);
            Files.createDirectories(out);
            Files.writeString(out.resolve("scale.json"), new JsonObject().put("summary", line)
                    .put("heapBeforeBytes", heap0).put("heapWithConnectionsBytes", heap1)
                    .put("heapWithDocumentsBytes", heap2).put("heapAfterHoldBytes", heap3).put("errors", new JsonObject(Map.copyOf(stats.errorsByCode())))
                    .put("convergenceNote", diverged).encodePrettily());
            double[] t = series.stream().mapToDouble(r -> r[0]).toArray();
            Files.writeString(out.resolve("scale-hold.svg"), SvgChart.lines("Scale hold: " + connections
                    + " connections, " + docs + " documents", "seconds", "MiB / ms", List.of(
                    new SvgChart.Series("server RSS MiB", "#e53935", t, series.stream().mapToDouble(r -> r[1]).toArray()),
                    new SvgChart.Series("e2e p99 ms", "#1e88e5", t, series.stream().mapToDouble(r -> r[3]).toArray()))));
            if (diverged != null) {
                log("NOT CONVERGED: %s", diverged);
            }
            log("closing");
            Future.join(conns.stream().map(LoadConnection::close).toList()).await(120, TimeUnit.SECONDS);
            System.out.println(line);
            return ok;
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    /** The smaller of two measurements: whatever was in flight during the first is gone by the second. */
    private static long minLiveHeap(HeapMeter heap) throws InterruptedException {
        long a = heap.liveHeapBytes();
        Thread.sleep(1000);
        long b = heap.liveHeapBytes();
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /** A keystroke on text: one character at a random place. */
    private static TextOperation typeChar(DocumentModel<TextOperation, Selection> m, int random) {
        int length = m.length();
        return TextOperation.splice(length, Math.min(random, length), 0, "s");
    }

    /** A keystroke on a canvas: one shape moved. */
    private static CanvasOperation moveShape(DocumentModel<CanvasOperation, CanvasPresence> m, int random) {
        int shapes = Math.max(1, m.length());
        return CanvasOperation.of(new Change.Set("o" + (random % shapes), "x",
                new PropertyValue.NumberValue(random * 10 + (System.nanoTime() & 0xff))));
    }

    private static final Map<ScaleDoc<?, ?>, Long> TIMERS = new ConcurrentHashMap<>();

    private static void scheduleTyping(Vertx vertx, ScaleDoc<?, ?> d, long delayNanos, long periodNanos, SplittableRandom r) {
        d.connection().context().runOnContext(v -> TIMERS.put(d, vertx.setTimer(Math.max(1, delayNanos / 1_000_000), id -> {
            if (TIMERS.remove(d) == null) {
                return;
            }
            d.keystroke(r.nextInt(1 + d.model().length()));
            scheduleTyping(vertx, d, (long) (periodNanos * (0.8 + 0.4 * r.nextDouble())), periodNanos, r);
        })));
    }

    private static void stopTyping(ScaleDoc<?, ?> d) {
        TIMERS.remove(d);
    }

    /** Compares both copies of {@code n} documents (spread over all) with the server's text. */
    private static String checkSample(List<ScaleDoc<?, ?>> copies, Rest rest, int n, boolean canvas) throws Exception {
        int docs = copies.size() / 2;
        int step = Math.max(1, docs / Math.max(1, n));
        for (int d = 0; d < docs; d += step) {
            for (int attempt = 0; ; attempt++) {
                Rest.Content server = rest.content(copies.get(2 * d).model().docId());
                String mismatch = null;
                for (ScaleDoc<?, ?> c : List.of(copies.get(2 * d), copies.get(2 * d + 1))) {
                    String[] text = new String[1];
                    long[] rev = new long[1];
                    boolean[] synced = new boolean[1];
                    Future<Void> f = Future.future(p -> c.connection().context().runOnContext(v -> {
                        text[0] = c.model().snapshot();
                        rev[0] = c.model().revision();
                        synced[0] = c.model().isSynced();
                        p.complete();
                    }));
                    f.await(10, TimeUnit.SECONDS);
                    if (!synced[0] || rev[0] != server.rev() || !(canvas ? new JsonObject(text[0]).equals(new JsonObject(server.text())) : text[0].equals(server.text()))) {
                        mismatch = c.connection().clientId() + " has " + c.model().docId() + " at " + rev[0]
                                + ", the server at " + server.rev();
                    }
                }
                if (mismatch == null) {
                    break;
                }
                if (attempt >= 50) {
                    return mismatch;
                }
                Thread.sleep(100);
            }
        }
        return null;
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "scale-test: " + format + "%n", args);
    }
}
