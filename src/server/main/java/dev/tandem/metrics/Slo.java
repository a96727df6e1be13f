package dev.tandem.metrics;

import java.time.Duration;

/**
 * Histogram buckets, chosen around the targets of the design: edits and presence under 100 ms
 * end to end (presence p99 under 50 ms), so the interesting range is 1 ms to a second; loading
 * a document may take seconds. Fixed buckets let Prometheus compute p50/p99 across nodes.
 */
final class Slo {
    private Slo() {
    }

    /** Server-side latencies: op, presence, commit, event-loop lag. */
    static final Duration[] LATENCY = millis(1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 2500);

    /** Loading a document: snapshot plus the revisions after it. */
    static final Duration[] LOAD = millis(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000);

    /** Counts: revisions per commit, requests queued, revisions replayed at load. */
    static final double[] COUNTS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000};

    private static Duration[] millis(long... ms) {
        Duration[] d = new Duration[ms.length];
        for (int i = 0; i < ms.length; i++) {
            d[i] = Duration.ofMillis(ms[i]);
        }
        return d;
    }
}
