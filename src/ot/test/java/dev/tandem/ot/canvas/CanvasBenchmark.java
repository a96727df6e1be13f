package dev.tandem.ot.canvas;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints what a big board costs (the W7 shape: 10,000 objects): snapshot size, opening it,
 * memory per open document, a drag (one set per batch) on the room's document, and a remote
 * batch reaching a replica that has a drag of its own pending (take pending off, apply, put it
 * back). Warm-up rounds first, medians of the measured ones.
 *
 * <p>Run from the root: {@code mvn -B -o -q test-compile dependency:build-classpath -pl src/ot -Dmdep.outputFile=target/cp.txt}
 * then {@code java -cp src/ot/target/test-classes:src/ot/target/classes:$(cat src/ot/target/cp.txt) dev.tandem.ot.canvas.CanvasBenchmark}.
 */
public final class CanvasBenchmark {
    private static final int OBJECTS = 10_000;

    public static void main(String[] args) {
        CanvasType type = CanvasType.INSTANCE;
        String snapshot = board(type, OBJECTS).snapshot();
        System.out.printf("board: %,d objects, snapshot %,d bytes (%.0f bytes per object)%n",
                OBJECTS, snapshot.length(), snapshot.length() / (double) OBJECTS);

        double[] open = new double[15];
        for (int round = 0; round < 25; round++) {
            long t0 = System.nanoTime();
            CanvasDocument d = type.open(snapshot);
            long t1 = System.nanoTime();
            if (d.size() != OBJECTS) {
                throw new AssertionError(d.size());
            }
            if (round >= 10) {
                open[round - 10] = (t1 - t0) / 1e6;
            }
        }
        System.out.printf("open(snapshot): median %.1f ms%n", median(open));

        List<CanvasDocument> held = new ArrayList<>();
        long before = usedAfterGc();
        for (int i = 0; i < 10; i++) {
            held.add(type.open(snapshot));
        }
        long after = usedAfterGc();
        System.out.printf("memory per open document: %.1f MiB (%,d bytes per object), %d held%n",
                (after - before) / 10.0 / (1 << 20), (after - before) / 10 / OBJECTS, held.size());

        CanvasDocument room = held.get(0);
        List<CanvasObject> all = room.inTreeOrder();
        int n = 200_000;
        double[] drag = new double[5];
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                CanvasObject o = all.get(i % all.size());
                room.apply(CanvasOperation.of(new Change.Set(o.id(), "x", PropertyValue.of(i % 1000))));
            }
            long t1 = System.nanoTime();
            if (round >= 3) {
                drag[round - 3] = (t1 - t0) / (double) n;
            }
        }
        System.out.printf("room applies a drag batch (one set): median %.2f us%n", median(drag) / 1e3);

        CanvasReplica replica = new CanvasReplica(type, snapshot, 0);
        replica.edit(CanvasOperation.of(new Change.Set(all.get(0).id(), "y", PropertyValue.of(5))));
        double[] remote = new double[5];
        long rev = 0;
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                CanvasObject o = all.get(1 + i % (all.size() - 1));
                replica.remote(++rev, CanvasOperation.of(new Change.Set(o.id(), "x", PropertyValue.of(i % 1000))));
            }
            long t1 = System.nanoTime();
            if (round >= 3) {
                remote[round - 3] = (t1 - t0) / (double) n;
            }
        }
        System.out.printf("replica takes a remote drag batch with one of its own pending: median %.2f us%n", median(remote) / 1e3);
    }

    // Frames of 100 stickies and shapes, 99 frames plus loose objects at the root.
    static CanvasDocument board(CanvasType type, int objects) {
        CanvasDocument doc = type.open(type.emptySnapshot());
        List<String> frameKeys = FractionalIndex.nBetween(null, null, objects / 100);
        List<String> childKeys = FractionalIndex.nBetween(null, null, 100);
        int made = 0;
        for (int f = 0; made < objects; f++) {
            String frame = "frame" + f;
            List<Change> batch = new ArrayList<>();
            batch.add(new Change.Create(frame, Kind.FRAME, null, frameKeys.get(f % frameKeys.size()),
                    Properties.EMPTY.with("name", PropertyValue.of("Frame " + f)).with("x", PropertyValue.of(f * 1200))
                            .with("width", PropertyValue.of(1100)).with("height", PropertyValue.of(900))));
            made++;
            for (int c = 0; c < 99 && made < objects; c++, made++) {
                Kind kind = c % 3 == 0 ? Kind.STICKY : c % 3 == 1 ? Kind.RECTANGLE : Kind.ARROW;
                Properties p = Properties.EMPTY.with("x", PropertyValue.of(c * 11.5)).with("y", PropertyValue.of(c * 7))
                        .with("width", PropertyValue.of(200)).with("height", PropertyValue.of(120))
                        .with("fill", PropertyValue.of("#ffeb3b"));
                if (kind == Kind.STICKY) {
                    p = p.with("text", PropertyValue.of("Idea " + c + ": something worth a sticky note"));
                } else if (kind == Kind.ARROW) {
                    p = p.with("points", new PropertyValue.PointsValue(new double[] {0, 0, 80, 40, 160, 0}));
                }
                batch.add(new Change.Create(frame + "-" + c, kind, frame, childKeys.get(c), p));
            }
            doc.apply(new CanvasOperation(batch));
        }
        return doc;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
