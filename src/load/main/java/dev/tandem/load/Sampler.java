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
 * It also keeps running totals ({@link Totals}) of time, work and CPU, so that any window of the
 * run (the measured one, a cold start's first seconds, a crowd step) gets its {@link CpuCost}.
 */
final class Sampler {
    /** What the samples of a {@link #run} are: unmeasured warm-up, a cold start's first seconds, or the measured window. */
    enum Phase { WARMUP, COLD, MEASURED }

    /**
     * Running totals since the sampler started: seconds sampled, operations acknowledged and
     * delivered, presence updates delivered, and CPU seconds of the server's JVM, its process tree
     * and the generator (-1 while the server's CPU has never been known).
     */
    record Totals(double seconds, long acked, long deliveries, long presenceDeliveries, double jvmCpuSeconds,
            double treeCpuSeconds, double generatorCpuSeconds) {
    }

    private final RunStats stats;
    private final ServerProbe probe;
    private final String label;
    private final PrintStream progress;
    private final IntSupplier users;
    private final List<TimePoint> series = new ArrayList<>();
    private final List<TimePoint> measured = new ArrayList<>();
    private final List<TimePoint> cold = new ArrayList<>();
    private ServerProbe.Sample last;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long origin;
    private long lastNanos = System.nanoTime();
    private long lastAcked;
    private long lastReceived;
    private long lastPresenceReceived;
    private double seconds;
    private long acked;
    private long deliveries;
    private long presenceDeliveries;
    private double jvmCpuSeconds = -1;
    private double treeCpuSeconds = -1;
    private double generatorCpuSeconds;
    private long lastCpuNanos = os.getProcessCpuTime();
    private long lastGcMs = gcMillis();

    Sampler(RunStats stats, ServerProbe probe, String label, PrintStream progress, IntSupplier users) {
        this(stats, probe, label, progress, users, System.nanoTime());
    }

    /** {@code origin}: the instant (System.nanoTime) the series' time axis counts from, e.g. when the node said ready. */
    Sampler(RunStats stats, ServerProbe probe, String label, PrintStream progress, IntSupplier users, long origin) {
        this.origin = origin;
        this.stats = stats;
        this.probe = probe;
        this.label = label;
        this.progress = progress;
        this.users = users;
        this.lastAcked = stats.acked.sum();
        this.lastReceived = stats.received.sum();
        this.lastPresenceReceived = stats.presenceReceived.sum();
        probe.sample(); // primes the CPU counters
    }

    /** The running totals now (as of the last sample). */
    Totals totals() {
        return new Totals(seconds, acked, deliveries, presenceDeliveries, jvmCpuSeconds, treeCpuSeconds,
                generatorCpuSeconds);
    }

    /** Samples once a second for {@code seconds}, labelling the progress lines {@code phase}. */
    void run(int seconds, String phase, Phase kind) throws InterruptedException {
        boolean counts = kind == Phase.MEASURED;
        long phaseStart = System.nanoTime();
        for (int i = 1; i <= seconds; i++) {
            long wake = phaseStart + i * 1_000_000_000L;
            long sleep = (wake - System.nanoTime()) / 1_000_000L;
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            TimePoint p = sample(kind);
            if (counts) {
                measured.add(p);
            } else if (kind == Phase.COLD) {
                cold.add(p);
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

    private TimePoint sample(Phase kind) {
        long now = System.nanoTime();
        double dt = (now - lastNanos) / 1e9;
        lastNanos = now;
        Histogram e2e = stats.e2e.roll();
        Histogram ack = stats.ack.roll();
        Histogram pres = stats.presence.roll();
        long ackedNow = stats.acked.sum();
        long receivedNow = stats.received.sum();
        long presenceNow = stats.presenceReceived.sum();
        double opsPerSecond = (ackedNow - lastAcked) / dt;
        acked += ackedNow - lastAcked;
        deliveries += receivedNow - lastReceived;
        presenceDeliveries += presenceNow - lastPresenceReceived;
        lastAcked = ackedNow;
        lastReceived = receivedNow;
        lastPresenceReceived = presenceNow;
        long cpu = os.getProcessCpuTime();
        double genCpu = (cpu - lastCpuNanos) / 1e9 / dt;
        lastCpuNanos = cpu;
        long gc = gcMillis();
        double gcMs = gc - lastGcMs;
        lastGcMs = gc;
        ServerProbe.Sample s = probe.sample();
        last = s;
        seconds += dt;
        generatorCpuSeconds += genCpu * dt;
        if (s.jvmCpuCores() >= 0) {
            jvmCpuSeconds = Math.max(0, jvmCpuSeconds) + s.jvmCpuCores() * dt;
        }
        if (s.treeCpuCores() >= 0) {
            treeCpuSeconds = Math.max(0, treeCpuSeconds) + s.treeCpuCores() * dt;
        }
        TimePoint p = new TimePoint((now - origin) / 1e9, kind == Phase.MEASURED, kind == Phase.COLD, LatencyRecorder.ms(e2e, 50), LatencyRecorder.ms(e2e, 90),
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

    /** The samples of the cold window ({@link Phase#COLD}). */
    List<TimePoint> coldSeries() {
        return List.copyOf(cold);
    }

    /** The server's latest sample, or null before the first. */
    ServerProbe.Sample last() {
        return last;
    }

    /** Averages of the measured samples: server CPU, server CPU with its children, generator CPU; max RSS. */
    double avg(java.util.function.ToDoubleFunction<TimePoint> f) {
        return measured.stream().mapToDouble(f).filter(v -> v >= 0).average().orElse(-1);
    }

    double max(java.util.function.ToDoubleFunction<TimePoint> f) {
        return measured.stream().mapToDouble(f).filter(v -> v >= 0).max().orElse(-1);
    }
}
