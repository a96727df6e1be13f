package dev.tandem.load;

/**
 * What a window of a run cost the server in CPU, per unit of work: CPU time of the node's JVM
 * alone and of its whole process tree (the JVM with its embedded PostgreSQL and Redis), divided by
 * the operations acknowledged, the operations delivered (one operation reaching one other client)
 * and the presence updates delivered in that window. Latency alone hides a server that is fast
 * only because it has cores to spare; this says what each keystroke costs.
 *
 * <p>CPU seconds are the sums of the once-a-second samples (cores times the sample's length);
 * {@code cpuSeconds} says how much of the window had a known CPU figure. Figures that cannot be
 * computed (no server pid, nothing delivered) are -1.
 */
record CpuCost(double seconds, long acked, long deliveries, long presenceDeliveries, double jvmCpuSeconds,
        double treeCpuSeconds, double generatorCpuSeconds) {

    static final CpuCost NONE = new CpuCost(0, 0, 0, 0, -1, -1, -1);

    /** The JVM's CPU per acknowledged operation, in microseconds. */
    double jvmMicrosPerOp() {
        return per(jvmCpuSeconds, acked);
    }

    /** The node's (JVM + PostgreSQL + Redis) CPU per acknowledged operation, in microseconds. */
    double nodeMicrosPerOp() {
        return per(treeCpuSeconds, acked);
    }

    /** The JVM's CPU per operation delivered to one client, in microseconds. */
    double jvmMicrosPerDelivery() {
        return per(jvmCpuSeconds, deliveries);
    }

    /** The node's CPU per operation delivered to one client, in microseconds. */
    double nodeMicrosPerDelivery() {
        return per(treeCpuSeconds, deliveries);
    }

    /** The node's CPU per presence update delivered to one client, in microseconds. */
    double nodeMicrosPerPresenceDelivery() {
        return per(treeCpuSeconds, presenceDeliveries);
    }

    double jvmMicrosPerPresenceDelivery() {
        return per(jvmCpuSeconds, presenceDeliveries);
    }

    /** The load generator's own CPU per acknowledged operation, in microseconds. */
    double generatorMicrosPerOp() {
        return per(generatorCpuSeconds, acked);
    }

    private static double per(double cpuSeconds, long count) {
        return cpuSeconds < 0 || count <= 0 ? -1 : cpuSeconds * 1e6 / count;
    }

    /** The cost of the window from {@code from} to {@code to}, two readings of a {@link Sampler}'s running totals. */
    static CpuCost between(Sampler.Totals from, Sampler.Totals to) {
        return new CpuCost(to.seconds() - from.seconds(), to.acked() - from.acked(), to.deliveries() - from.deliveries(),
                to.presenceDeliveries() - from.presenceDeliveries(), diff(from.jvmCpuSeconds(), to.jvmCpuSeconds()),
                diff(from.treeCpuSeconds(), to.treeCpuSeconds()), diff(from.generatorCpuSeconds(), to.generatorCpuSeconds()));
    }

    /** Unknown at the end: unknown; unknown at the start (no sample had it yet): all of it falls in the window. */
    private static double diff(double from, double to) {
        return to < 0 ? -1 : to - Math.max(0, from);
    }
}
