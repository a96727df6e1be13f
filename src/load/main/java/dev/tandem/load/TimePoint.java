package dev.tandem.load;

/**
 * One second of a run, for the charts ({@code measured}: inside the measured window, not warm-up;
 * {@code cold}: inside a cold start's first seconds, see {@code --cold}): latency percentiles of what was recorded in that second
 * (milliseconds), acknowledged operations per second, users connected, server and generator CPU
 * (cores) and memory (MiB), the generator's own GC pauses (ms in that second), and the machine's
 * CPU and I/O pressure (percent of time some task waited for a CPU, for I/O); -1 where unknown.
 */
record TimePoint(double t, boolean measured, boolean cold, double e2eP50, double e2eP90, double e2eP99, double e2eMax, double ackP50, double ackP99,
        double presenceP50, double presenceP99, double opsPerSecond, int users, double serverCpu,
        double serverTreeCpu, double rssMiB, double heapMiB, double generatorCpu, double generatorGcMs, double cpuPressure, double ioPressure, long errors) {
}
