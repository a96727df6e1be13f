package dev.tandem.load;

import dev.tandem.client.model.CanvasPresence;
import dev.tandem.client.model.ClientTypes;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.ot.canvas.CanvasOperation;
import dev.tandem.ot.canvas.Change;
import dev.tandem.ot.canvas.FractionalIndex;
import dev.tandem.ot.canvas.Kind;
import dev.tandem.ot.canvas.Properties;
import dev.tandem.ot.canvas.PropertyValue;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * W7, the big board: canvases of {@code --objects} objects (default 10,000: frames of a hundred
 * stickies, rectangles and arrows), built through the protocol in batches. Once the node has
 * unloaded them (idle for {@code --doc-idle-seconds} on the node), each is opened again and the
 * node's own {@code document_load_time} of that load is read from its {@code /metrics}, with the
 * client's time from {@code open} to a live copy, and the live heap per active board (jcmd, when
 * the node's pid is known; the node's {@code memory_per_active_doc} estimate too). Then people
 * drag stickies on the first board for the measured seconds, as in W6.
 */
final class BigBoard {
    private static final int FRAME = 100;
    private static final long BUILD_TIMEOUT_MS = 300_000;

    private final Harness h;

    BigBoard(Harness h) {
        this.h = h;
    }

    WorkloadResult run(Workload.Plan plan) throws Exception {
        int objects = h.options().boardObjects();
        h.log().printf("W7 (big board): %d board(s) of %d objects; load time and memory per board; then %d people drag "
                + "stickies, %d s warm-up + %d s%n", plan.docs(), objects, plan.users(), plan.warmupSeconds(), plan.seconds());
        List<String> boards = new ArrayList<>();
        for (int i = 0; i < plan.docs(); i++) {
            boards.add(h.runId() + "-W7-board" + i);
        }
        h.rest().createAll(boards, "canvas", "{\"objects\":[]}");
        RunStats stats = new RunStats();
        long t0 = System.nanoTime();
        for (String b : boards) {
            build(b, objects, stats);
        }
        h.log().printf("W7: built %d board(s) in %.1f s%n", boards.size(), (System.nanoTime() - t0) / 1e9);

        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("board_objects", (double) objects);
        NodeMetrics metrics = new NodeMetrics(h.options().urls());
        boolean unloaded = waitForUnload(metrics);
        long heapBefore = unloaded && h.heap().available() ? h.heap().liveHeapBytes() : -1;
        Map<String, Double> before = metrics.scrape();
        List<LoadConnection> readers = new ArrayList<>();
        double openMs = 0;
        for (String b : boards) {
            openMs = Math.max(openMs, open(b, stats, readers));
        }
        figures.put("open_ms", round(openMs));
        double loadMs = unloaded ? loadMs(metrics, before, boards.size()) : -1;
        figures.put("document_load_ms", round(loadMs));
        long perBoard = -1;
        if (heapBefore > 0) {
            long after = h.heap().liveHeapBytes(); // every board active, each open on one connection
            perBoard = after > 0 ? (after - heapBefore) / boards.size() : -1;
        }
        double estimate = unloaded ? metrics.value("memory_per_active_doc_bytes") : -1;
        figures.put("server_memory_per_active_doc_kib", estimate > 0 ? round(estimate / 1024) : -1);
        h.log().printf(Locale.ROOT, "W7: document_load_time %.1f ms, open %.1f ms at the client, heap per board %s%n",
                loadMs, openMs, perBoard > 0 ? String.format(Locale.ROOT, "%.1f MiB", perBoard / 1048576.0) : "not measured");

        CanvasCrowd crowd = new CanvasCrowd(h, stats, h.runId() + "-W7");
        List<String> stickies = new ArrayList<>();
        for (int i = 0; i < plan.users(); i++) {
            stickies.add("frame" + (i % Math.max(1, objects / FRAME)) + "-" + 3 * (i / Math.max(1, objects / FRAME)));
        }
        crowd.join(boards.get(0), stickies);
        DragPhase.Result r = DragPhase.run(h, plan, stats, crowd, boards.get(0), "W7");
        crowd.close();
        Future.join(readers.stream().map(LoadConnection::close).toList()).await(30, TimeUnit.SECONDS);
        return r.result(plan, crowd.size(), perBoard, figures);
    }

    /** Fills {@code board} with {@code objects} objects through one connection, in frames of a hundred. */
    private void build(String board, int objects, RunStats stats) throws Exception {
        LoadConnection c = LoadConnection.connect(h.sockets(), h.endpoints().get(0), h.contexts().get(0),
                h.runId() + "-W7-builder-" + board.hashCode(), "Builder", stats, 30_000).await(60, TimeUnit.SECONDS);
        try {
            DocumentModel<CanvasOperation, CanvasPresence> m = c.open(board, false, ClientTypes.CANVAS,
                    new DocumentListener<CanvasOperation, CanvasPresence>() { }).await(60, TimeUnit.SECONDS);
            List<CanvasOperation> batches = frames(objects);
            onContext(c, () -> {
                batches.forEach(m::edit); // the copy joins them into submissions of up to 1,000 changes
                return true;
            });
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUILD_TIMEOUT_MS);
            while (!onContext(c, m::isSynced)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("building " + board + " did not finish within " + BUILD_TIMEOUT_MS + " ms");
                }
                Thread.sleep(50);
            }
        } finally {
            c.close().await(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits until the node has no document loaded (the boards and every earlier workload's documents
     * idle-unloaded), at most {@code --unload-wait} seconds. False if that never happened or the node
     * has no {@code /metrics}: then no cold load can be measured.
     */
    private boolean waitForUnload(NodeMetrics metrics) throws InterruptedException {
        int wait = h.options().unloadWaitSeconds();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(wait);
        long t0 = System.nanoTime();
        while (true) {
            double active = metrics.value("tandem_active_documents");
            if (active < 0) {
                h.log().println("W7: the node has no /metrics: document_load_time is not measured");
                return false;
            }
            if (active == 0) {
                h.log().printf("W7: the node unloaded every document after %.0f s%n", (System.nanoTime() - t0) / 1e9);
                return true;
            }
            if (System.nanoTime() > deadline) {
                h.log().printf("W7: %s document(s) still loaded after %d s: start the node with --doc-idle-seconds 5 "
                        + "(or raise --unload-wait) to measure a cold load%n", (long) active, wait);
                return false;
            }
            Thread.sleep(500);
        }
    }

    /** Opens {@code board} on a new connection; returns the milliseconds from {@code open} to a live copy. */
    private double open(String board, RunStats stats, List<LoadConnection> readers) throws Exception {
        LoadConnection c = LoadConnection.connect(h.sockets(), h.endpoints().get(0), h.contexts().get(0),
                h.runId() + "-W7-reader-" + board.hashCode(), "Reader", stats, 30_000).await(60, TimeUnit.SECONDS);
        readers.add(c);
        long t0 = System.nanoTime();
        c.open(board, false, ClientTypes.CANVAS, new DocumentListener<CanvasOperation, CanvasPresence>() { })
                .await(120, TimeUnit.SECONDS);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The mean {@code document_load_time} of the loads since {@code before}, in ms; -1 if the node did not record {@code loads}. */
    private static double loadMs(NodeMetrics metrics, Map<String, Double> before, int loads) throws InterruptedException {
        if (before == null) {
            return -1;
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            Map<String, Double> after = metrics.scrape();
            double count = after.getOrDefault("document_load_time_seconds_count", 0.0)
                    - before.getOrDefault("document_load_time_seconds_count", 0.0);
            if (count >= loads) {
                double sum = after.getOrDefault("document_load_time_seconds_sum", 0.0)
                        - before.getOrDefault("document_load_time_seconds_sum", 0.0);
                return sum / count * 1000;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** Frames of a hundred: a frame, then stickies, rectangles and arrows in it (as CanvasBenchmark's board). */
    static List<CanvasOperation> frames(int objects) {
        List<CanvasOperation> batches = new ArrayList<>();
        int frames = (objects + FRAME - 1) / FRAME;
        List<String> frameKeys = FractionalIndex.nBetween(null, null, frames);
        List<String> childKeys = FractionalIndex.nBetween(null, null, FRAME);
        int made = 0;
        for (int f = 0; made < objects; f++) {
            String frame = "frame" + f;
            List<Change> batch = new ArrayList<>();
            batch.add(new Change.Create(frame, Kind.FRAME, null, frameKeys.get(f), Properties.EMPTY
                    .with("name", new PropertyValue.StringValue("Frame " + f)).with("x", new PropertyValue.NumberValue(f * 1200))
                    .with("width", new PropertyValue.NumberValue(1100)).with("height", new PropertyValue.NumberValue(900))));
            made++;
            for (int c = 0; c < FRAME - 1 && made < objects; c++, made++) {
                Kind kind = c % 3 == 0 ? Kind.STICKY : c % 3 == 1 ? Kind.RECTANGLE : Kind.ARROW;
                Properties p = Properties.EMPTY.with("x", new PropertyValue.NumberValue(c * 11.5)).with("y", new PropertyValue.NumberValue(c * 7))
                        .with("width", new PropertyValue.NumberValue(200)).with("height", new PropertyValue.NumberValue(120))
                        .with("fill", new PropertyValue.StringValue("#ffeb3b"));
                if (kind == Kind.STICKY) {
                    p = p.with("text", new PropertyValue.StringValue("Idea " + c + ": something worth a sticky note"));
                } else if (kind == Kind.ARROW) {
                    p = p.with("points", new PropertyValue.PointsValue(new double[] {0, 0, 80, 40, 160, 0}));
                }
                batch.add(new Change.Create(frame + "-" + c, kind, frame, childKeys.get(c), p));
            }
            batches.add(new CanvasOperation(batch));
        }
        return batches;
    }

    private static <T> T onContext(LoadConnection c, java.util.function.Supplier<T> f) throws Exception {
        Promise<T> p = Promise.promise();
        c.context().runOnContext(v -> p.complete(f.get()));
        return p.future().await(30, TimeUnit.SECONDS);
    }

    private static double round(double v) {
        return v < 0 ? -1 : Math.round(v * 10) / 10.0;
    }
}
