package dev.tandem.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one workload run measured: the latency histograms of its measured window, throughput,
 * convergence, errors, the per-second series for the charts, the server's CPU per operation, and
 * the workload's own figures (W2 memory per document, W5 steps and largest author count that held
 * the SLO, W7 load time and memory per board in {@code figures}, by their summary names); with
 * {@code --cold}, the first seconds after the node said ready ({@code cold}, else null). On W6 and
 * W7 {@code e2e} times canvas batches and {@code presence} pointers.
 */
record WorkloadResult(Workload.Plan plan, int users, long ops, double seconds, Histogram e2e, Histogram ack,
        Histogram presence, boolean converged, String convergenceNote, Map<String, Long> errors,
        List<TimePoint> series, List<CrowdStep> steps, int maxAuthors, DocMemory memory,
        double serverCpuAvg, double serverTreeCpuAvg, double serverRssMaxMiB, double generatorCpuAvg,
        double cpuPressureAvg, CpuCost cost, ColdWindow cold,
        Map<String, Double> figures) {

    Workload workload() {
        return plan.workload();
    }

    double opsPerSecond() {
        return seconds > 0 ? ops / seconds : 0;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The one-line summary: the fields first, then the workload's own and the extras. */
    String summaryLine() {
        StringBuilder s = new StringBuilder();
        s.append("workload=").append(workload()).append(" users=").append(users).append(" ops=").append(ops);
        kv(s, "e2e_p50_ms", LatencyRecorder.ms(e2e, 50));
        kv(s, "e2e_p99_ms", LatencyRecorder.ms(e2e, 99));
        kv(s, "ack_p99_ms", LatencyRecorder.ms(ack, 99));
        s.append(" ops_per_s=").append(String.format(Locale.ROOT, "%.0f", opsPerSecond()));
        s.append(" converged=").append(converged);
        if (workload() == Workload.W4) {
            kv(s, "presence_p50_ms", LatencyRecorder.ms(presence, 50));
            kv(s, "presence_p99_ms", LatencyRecorder.ms(presence, 99));
        }
        if (workload() == Workload.W6 || workload() == Workload.W7) {
            kv(s, "pointer_p50_ms", LatencyRecorder.ms(presence, 50));
            kv(s, "pointer_p99_ms", LatencyRecorder.ms(presence, 99));
        }
        figures.forEach((k, v) -> kv(s, k, v));
        if (workload() == Workload.W5) {
            s.append(" max_authors=").append(maxAuthors);
        }
        kib(s, "heap_per_doc_kib", memory.heapPerDocBytes());
        kib(s, "memory_per_active_doc_kib", memory.memoryPerActiveDocBytes());
        kib(s, "rss_growth_per_doc_kib", memory.rssGrowthPerDocBytes());
        kv(s, "e2e_max_ms", LatencyRecorder.maxMs(e2e));
        kv(s, "ack_p50_ms", LatencyRecorder.ms(ack, 50));
        s.append(" docs=").append(plan.docs()).append(" errors=").append(errorCount());
        if (serverCpuAvg >= 0) {
            s.append(String.format(Locale.ROOT, " server_cpu=%.2f", serverCpuAvg));
        }
        if (serverRssMaxMiB >= 0) {
            s.append(String.format(Locale.ROOT, " server_rss_mib=%.0f", serverRssMaxMiB));
        }
        if (cpuPressureAvg >= 0) {
            s.append(String.format(Locale.ROOT, " cpu_pressure_pct=%.0f", cpuPressureAvg));
        }
        costs(s, "", cost);
        if (cold != null) {
            s.append(String.format(Locale.ROOT, " ready_wait_s=%.1f cold_s=%.0f", cold.readyWaitSeconds(), cold.seconds()));
            kv(s, "cold_e2e_p50_ms", LatencyRecorder.ms(cold.e2e(), 50));
            kv(s, "cold_e2e_p99_ms", LatencyRecorder.ms(cold.e2e(), 99));
            kv(s, "cold_e2e_max_ms", LatencyRecorder.maxMs(cold.e2e()));
            kv(s, "cold_ack_p99_ms", LatencyRecorder.ms(cold.ack(), 99));
            if (workload() == Workload.W4) {
                kv(s, "cold_presence_p50_ms", LatencyRecorder.ms(cold.presence(), 50));
                kv(s, "cold_presence_p99_ms", LatencyRecorder.ms(cold.presence(), 99));
            }
            s.append(" cold_ops_per_s=").append(String.format(Locale.ROOT, "%.0f", cold.opsPerSecond()));
            costs(s, "cold_", cold.cost());
        }
        return s.toString();
    }

    /** CPU per operation and per delivery (per presence delivery in W4), JVM and node; unknown ones left out. */
    private void costs(StringBuilder s, String prefix, CpuCost c) {
        if (workload() == Workload.W4) {
            us(s, prefix + "jvm_us_per_presence_delivery", c.jvmMicrosPerPresenceDelivery());
            us(s, prefix + "node_us_per_presence_delivery", c.nodeMicrosPerPresenceDelivery());
            return;
        }
        us(s, prefix + "jvm_us_per_op", c.jvmMicrosPerOp());
        us(s, prefix + "node_us_per_op", c.nodeMicrosPerOp());
        us(s, prefix + "jvm_us_per_delivery", c.jvmMicrosPerDelivery());
        us(s, prefix + "node_us_per_delivery", c.nodeMicrosPerDelivery());
    }

    private static void us(StringBuilder s, String k, double v) {
        if (v >= 0) {
            s.append(' ').append(k).append('=').append(String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.0f", v));
        }
    }

    private static void kib(StringBuilder s, String k, long bytes) {
        if (bytes > 0) {
            s.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.1f", bytes / 1024.0));
        }
    }

    private static void kv(StringBuilder s, String k, double v) {
        s.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.2f", v));
    }
}
