package dev.tandem.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** The charts of one workload's result, by file name: latency over time, histogram, ops/s, server. */
final class Charts {
    private Charts() {
    }

    static Map<String, String> of(WorkloadResult r) {
        Map<String, String> charts = new LinkedHashMap<>();
        String w = r.workload().name();
        List<TimePoint> all = r.series();
        double[] ta = column(all, TimePoint::t);
        // Latency charts show the measured windows only: a cold start's seconds would flatten the rest.
        List<TimePoint> s = all.stream().filter(TimePoint::measured).toList();
        double[] t = column(s, TimePoint::t);
        if (r.workload() == Workload.W4) {
            charts.put(w + "-latency.svg", SvgChart.lines(w + ": presence latency per second (measured)", "seconds", "ms", List.of(
                    new SvgChart.Series("presence p50", "#1e88e5", t, column(s, TimePoint::presenceP50)),
                    new SvgChart.Series("presence p99", "#e53935", t, column(s, TimePoint::presenceP99)))));
        } else {
            List<SvgChart.Series> lines = new ArrayList<>(List.of(
                    new SvgChart.Series("e2e p50", "#1e88e5", t, column(s, TimePoint::e2eP50)),
                    new SvgChart.Series("e2e p90", "#43a047", t, column(s, TimePoint::e2eP90)),
                    new SvgChart.Series("e2e p99", "#e53935", t, column(s, TimePoint::e2eP99)),
                    new SvgChart.Series("ack p99", "#8e24aa", t, column(s, TimePoint::ackP99))));
            if (r.workload() == Workload.W3) {
                lines = List.of(new SvgChart.Series("ack p50", "#1e88e5", t, column(s, TimePoint::ackP50)),
                        new SvgChart.Series("ack p99", "#e53935", t, column(s, TimePoint::ackP99)),
                        new SvgChart.Series("e2e p99", "#43a047", t, column(s, TimePoint::e2eP99)));
            }
            charts.put(w + "-latency.svg", SvgChart.lines(w + ": latency percentiles per second (measured)", "seconds", "ms", lines));
        }
        Histogram h = r.workload() == Workload.W4 ? r.presence() : r.workload() == Workload.W3 ? r.ack() : r.e2e();
        String what = r.workload() == Workload.W4 ? "presence" : r.workload() == Workload.W3 ? "ack" : "end-to-end";
        charts.put(w + "-histogram.svg", histogram(w + ": " + what + " latency histogram (measured window, "
                + h.getTotalCount() + " samples)", h));
        List<SvgChart.Series> ops = new ArrayList<>(List.of(
                new SvgChart.Series("acked ops/s", "#1e88e5", ta, column(all, TimePoint::opsPerSecond))));
        if (r.workload() == Workload.W5) {
            ops.add(new SvgChart.Series("authors", "#fb8c00", ta, column(all, p -> p.users())));
        }
        charts.put(w + "-throughput.svg", SvgChart.lines(w + ": acknowledged operations per second", "seconds",
                r.workload() == Workload.W5 ? "ops/s, authors" : "ops/s", ops));
        charts.put(w + "-cpu.svg", SvgChart.lines(w + ": CPU (cores of 2)", "seconds", "cores", List.of(
                new SvgChart.Series("server JVM", "#e53935", ta, column(all, TimePoint::serverCpu)),
                new SvgChart.Series("server + PG/Redis", "#fb8c00", ta, column(all, TimePoint::serverTreeCpu)),
                new SvgChart.Series("load generator", "#1e88e5", ta, column(all, TimePoint::generatorCpu)),
                new SvgChart.Series("CPU pressure/100", "#9e9e9e", ta, column(all, p -> p.cpuPressure() / 100)),
                new SvgChart.Series("I/O pressure/100", "#6d4c41", ta, column(all, p -> p.ioPressure() / 100)))));
        charts.put(w + "-memory.svg", SvgChart.lines(w + ": server memory", "seconds", "MiB", List.of(
                new SvgChart.Series("JVM RSS", "#e53935", ta, column(all, TimePoint::rssMiB)),
                new SvgChart.Series("heap used", "#1e88e5", ta, column(all, TimePoint::heapMiB)))));
        if (r.cold() != null) {
            List<TimePoint> c = r.cold().series();
            double[] tc = column(c, TimePoint::t);
            List<SvgChart.Series> lines = r.workload() == Workload.W4
                    ? List.of(new SvgChart.Series("presence p50", "#1e88e5", tc, column(c, TimePoint::presenceP50)),
                            new SvgChart.Series("presence p99", "#e53935", tc, column(c, TimePoint::presenceP99)))
                    : List.of(new SvgChart.Series("e2e p50", "#1e88e5", tc, column(c, TimePoint::e2eP50)),
                            new SvgChart.Series("e2e p99", "#e53935", tc, column(c, TimePoint::e2eP99)),
                            new SvgChart.Series("ack p99", "#8e24aa", tc, column(c, TimePoint::ackP99)));
            charts.put(w + "-cold-latency.svg", SvgChart.lines(w + ": latency per second after the node said ready (cold)",
                    "seconds after ready", "ms", lines));
            if (r.workload() != Workload.W4) {
                charts.put(w + "-cold-cpu-per-op.svg", SvgChart.lines(w + ": server CPU per acknowledged operation after ready (cold)",
                        "seconds after ready", "µs per op", List.of(
                                new SvgChart.Series("node JVM", "#e53935", tc, column(c, p -> perOp(p.serverCpu(), p.opsPerSecond()))),
                                new SvgChart.Series("node + PG/Redis", "#fb8c00", tc,
                                        column(c, p -> perOp(p.serverTreeCpu(), p.opsPerSecond()))))));
            }
        }
        if (r.workload() == Workload.W5 && !r.steps().isEmpty()) {
            double[] authors = r.steps().stream().mapToDouble(CrowdStep::authors).toArray();
            charts.put(w + "-steps.svg", SvgChart.lines(w + ": end-to-end latency per step", "authors", "ms", List.of(
                    new SvgChart.Series("step p50", "#1e88e5", authors, r.steps().stream().mapToDouble(CrowdStep::e2eP50).toArray()),
                    new SvgChart.Series("step p99", "#e53935", authors, r.steps().stream().mapToDouble(CrowdStep::e2eP99).toArray()))));
        }
        return charts;
    }

    /** 50 equal bins from 0 to a little past the 99.9th percentile; slower samples go in the last bin. */
    private static String histogram(String title, Histogram h) {
        int bins = 50;
        double top = Math.max(1, LatencyRecorder.ms(h, 99.9) * 1.1);
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = top * i / bins;
        }
        long[] counts = new long[bins];
        for (HistogramIterationValue v : h.recordedValues()) {
            double ms = v.getValueIteratedTo() / 1000.0;
            counts[Math.min(bins - 1, (int) (ms / top * bins))] += v.getCountAtValueIteratedTo();
        }
        return SvgChart.bars(title, "ms (last bin: everything slower)", "samples", edges, counts, "#1e88e5");
    }

    private static double perOp(double cores, double opsPerSecond) {
        return cores < 0 || opsPerSecond <= 0 ? 0 : cores * 1e6 / opsPerSecond;
    }

    private static double[] column(List<TimePoint> s, ToDoubleFunction<TimePoint> f) {
        return s.stream().mapToDouble(f).toArray();
    }
}
