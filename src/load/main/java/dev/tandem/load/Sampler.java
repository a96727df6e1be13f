package dev.tandem.load;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.HdrHistogram.Histogram;

/**
 * The once-a-second heartbeat of a run: rolls the latency recorders into the time series, samples
 * the server, and prints a progress line. Runs on the calling (main) thread, never an event loop.
 */
final class Sampler {
    private final RunStats stats;
    private final ServerProbe probe;
    private final String label;
    private final PrintStream progress;
    private final IntSupplier users;
    private final List<TimePoint> series = new ArrayList<>();
    private final List<TimePoint> measured = new ArrayList<>();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long start = System.nanoTime();
    private long lastNanos = start;
    private long lastAcked;
    private long lastCpuNanos = os.getProcessCpuTime();
    private long lastGcMs = gcMillis();

    Sampler(RunStats stats, ServerProbe probe, String label, PrintStream progress, IntSupplier users) {
        this.stats = stats;
        this.probe = probe;
        this.label = label;
        this.progress = progress;
        this.users = users;
        probe.sample(); // primes the CPU counters
    }

    /** Samples once a second for {@code seconds}; {@code counts} says whether the samples are measured ones. */
    void run(int seconds, String phase, boolean counts) throws InterruptedException {
        long phaseStart = System.nanoTime();
        for (int i = 1; i <= seconds; i++) {
            long wake = phaseStart + i * 1_000_000_000L;
            long sleep = (wake - System.nanoTime()) / 1_000_000L;
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            TimePoint p = sample(counts);
            if (counts) {
                measured.add(p);
            }
            if (progress != null) {
                progress.printf(Locale.ROOT, "[%s %s %d/%ds] users=%d ops/s=%.0f e2e p50=%.1f p99=%.1f ms ack p99=%.1f ms"
                        + "%s errors=%d server cpu=%s gen cpu=%.2f gc=%.0f ms pressure cpu=%.0f%% io=%.0f%%%n", label, phase, i, seconds, p.users(), p.opsPerSecond(),
                        p.e2eP50(), p.e2eP99(), p.ackP99(),
                        p.presenceP99() > 0 ? String.format(Locale.ROOT, " presence p99=%.1f ms", p.presenceP99()) : "",
                        p.errors(), p.serverCpu() < 0 ? "?" : String.format(Locale.ROOT, "%.2f", p.serverCpu()),
                        p.generatorCpu(), p.generatorGcMs(), p.cpuPressure(), p.ioPressure());
            }
        }
    }

    private TimePoint sample(boolean counts) {
        long now = System.nanoTime();
        double dt = (now - lastNanos) / 1e9;
        lastNanos = now;
        Histogram e2e = stats.e2e.roll();
        Histogram ack = stats.ack.roll();
        Histogram pres = stats.presence.roll();
        long acked = stats.acked.sum();
        double opsPerSecond = (acked - lastAcked) / dt;
        lastAcked = acked;
        long cpu = os.getProcessCpuTime();
        double genCpu = (cpu - lastCpuNanos) / 1e9 / dt;
        lastCpuNanos = cpu;
        long gc = gcMillis();
        double gcMs = gc - lastGcMs;
        lastGcMs = gc;
        ServerProbe.Sample s = probe.sample();
        TimePoint p = new TimePoint((now - start) / 1e9, counts, LatencyRecorder.ms(e2e, 50), LatencyRecorder.ms(e2e, 90),
                LatencyRecorder.ms(e2e, 99), LatencyRecorder.maxMs(e2e), LatencyRecorder.ms(ack, 50),
                LatencyRecorder.ms(ack, 99), LatencyRecorder.ms(pres, 50), LatencyRecorder.ms(pres, 99), opsPerSecond,
                users.getAsInt(), s.jvmCpuCores(), s.treeCpuCores(), mib(s.rssBytes()), mib(s.heapUsedBytes()), genCpu, gcMs, s.cpuPressure(), s.ioPressure(),
                stats.errorCount());
        series.add(p);
        return p;
    }

    /** Time this JVM spent collecting garbage so far: a stalled generator would inflate latencies. */
    private static long gcMillis() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private static double mib(long bytes) {
        return bytes < 0 ? -1 : bytes / 1048576.0;
    }

    List<TimePoint> series() {
        return series;
    }

    /** Averages of the measured samples: server CPU, server CPU with its children, generator CPU; max RSS. */
    double avg(java.util.function.ToDoubleFunction<TimePoint> f) {
        return measured.stream().mapToDouble(f).filter(v -> v >= 0).average().orElse(-1);
    }

    double max(java.util.function.ToDoubleFunction<TimePoint> f) {
        return measured.stream().mapToDouble(f).filter(v -> v >= 0).max().orElse(-1);
    }
}
