package dev.tandem.metrics;

import dev.tandem.gateway.GatewayMetrics;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.sequencer.SequencerMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures what metrics add to the hot paths: the calls an accepted operation makes (queue depth
 * at the sequencer, then accepted + latency at the gateway), a presence delivery, and a
 * rejection, on one thread and on two at once (the development machine's cores) to show contention.
 *
 * <p>Run: {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt}
 * then {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.tandem.metrics.MetricsOverheadBenchmark}.
 */
public final class MetricsOverheadBenchmark {
    private static final int CALLS = 20_000_000;

    public static void main(String[] args) throws Exception {
        try (TandemMetrics metrics = TandemMetrics.create("bench", true)) {
            GatewayMetrics g = metrics.gateway();
            SequencerMetrics s = metrics.sequencers();
            Runnable op = () -> {
                for (int i = 0; i < CALLS; i++) {
                    s.queueDepth(1 + (i & 3));
                    g.opAccepted(200_000L + (i & 0xffff) * 64L);
                }
            };
            Runnable presence = () -> {
                for (int i = 0; i < CALLS; i++) {
                    g.presenceRelayed(i & 31);
                }
            };
            Runnable rejected = () -> {
                for (int i = 0; i < CALLS; i++) {
                    g.opRejected(ErrorCode.RATE_LIMITED);
                }
            };
            for (int round = 0; round < 2; round++) { // the first round warms the JIT
                boolean report = round == 1;
                measure("accepted op (queueDepth + opAccepted)", op, 1, report);
                measure("accepted op (queueDepth + opAccepted)", op, 2, report);
                measure("presence delivery (presenceRelayed)", presence, 1, report);
                measure("presence delivery (presenceRelayed)", presence, 2, report);
                measure("rejected op (opRejected)", rejected, 1, report);
            }
        }
    }

    private static void measure(String what, Runnable body, int threads, boolean report) throws InterruptedException {
        List<Thread> all = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(body);
            all.add(th);
            th.start();
        }
        for (Thread th : all) {
            th.join();
        }
        double ns = (System.nanoTime() - t0) / (double) CALLS; // per call per thread, wall time
        if (report) {
            System.out.printf("%-40s threads=%d ns_per_call=%.1f calls_per_s_total=%.0f%n",
                    what, threads, ns, threads * 1e9 / ns);
        }
    }
}
