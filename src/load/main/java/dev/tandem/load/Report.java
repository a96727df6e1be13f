package dev.tandem.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Writes a run's reports: {@code report.json} (figures and per-second series), a self-contained
 * {@code report.html} (tables and inline SVG charts, no script) and each chart as its own .svg.
 */
final class Report {
    private Report() {
    }

    static JsonObject json(LoadOptions o, List<WorkloadResult> results, Instant started, boolean withSeries) {
        JsonArray workloads = new JsonArray();
        for (WorkloadResult r : results) {
            JsonObject w = new JsonObject()
                    .put("workload", r.workload().name())
                    .put("title", r.workload().title)
                    .put("docs", r.plan().docs())
                    .put("usersPerDoc", r.plan().users())
                    .put("users", r.users())
                    .put("ratePerUser", r.workload().behaviour == Behaviour.CLOSED_LOOP ? null : r.plan().rate())
                    .put("warmupSeconds", r.cold() != null ? 0 : r.plan().warmupSeconds())
                    .put("measuredSeconds", round(r.seconds()))
                    .put("ops", r.ops())
                    .put("opsPerSecond", round(r.opsPerSecond()))
                    .put("e2eMs", latency(r.e2e()))
                    .put("ackMs", latency(r.ack()))
                    .put("presenceMs", latency(r.presence()))
                    .put("converged", r.converged())
                    .put("errors", new JsonObject(Map.copyOf(r.errors())))
                    .put("serverCpuCores", round(r.serverCpuAvg()))
                    .put("serverWithChildrenCpuCores", round(r.serverTreeCpuAvg()))
                    .put("serverRssMaxMiB", round(r.serverRssMaxMiB()))
                    .put("generatorCpuCores", round(r.generatorCpuAvg()))
                    .put("machineCpuPressurePercent", round(r.cpuPressureAvg()))
                    .put("cpu", cost(r.cost()))
                    .put("summary", r.summaryLine());
            if (!r.convergenceNote().isEmpty()) {
                w.put("convergenceNote", r.convergenceNote());
            }
            if (!r.figures().isEmpty()) {
                w.put("figures", new JsonObject(Map.copyOf(r.figures())));
            }
            if (r.memory().heapPerDocBytes() > 0) {
                w.put("heapPerActiveDocBytes", r.memory().heapPerDocBytes());
            }
            if (r.memory().memoryPerActiveDocBytes() > 0) {
                w.put("memoryPerActiveDocBytes", r.memory().memoryPerActiveDocBytes());
            }
            if (r.memory().rssGrowthPerDocBytes() > 0) {
                w.put("rssGrowthPerDocBytes", r.memory().rssGrowthPerDocBytes());
            }
            ColdWindow c = r.cold();
            if (c != null) {
                JsonObject cold = new JsonObject().put("readyWaitSeconds", round(c.readyWaitSeconds()))
                        .put("typingAfterReadySeconds", round(c.typingAfterReadySeconds()))
                        .put("seconds", round(c.seconds())).put("ops", c.ops()).put("opsPerSecond", round(c.opsPerSecond()))
                        .put("e2eMs", latency(c.e2e())).put("ackMs", latency(c.ack())).put("presenceMs", latency(c.presence()))
                        .put("cpu", cost(c.cost()));
                if (withSeries) {
                    JsonArray series = new JsonArray();
                    for (TimePoint p : c.series()) {
                        series.add(JsonObject.mapFrom(p));
                    }
                    cold.put("series", series);
                }
                w.put("cold", cold);
            }
            if (r.workload() == Workload.W5) {
                JsonArray steps = new JsonArray();
                for (CrowdStep s : r.steps()) {
                    steps.add(new JsonObject().put("authors", s.authors()).put("samples", s.samples())
                            .put("e2eP50Ms", round(s.e2eP50())).put("e2eP99Ms", round(s.e2eP99()))
                            .put("e2eMaxMs", round(s.e2eMax())).put("opsPerSecond", round(s.opsPerSecond()))
                            .put("errors", s.errors()).put("held", s.held()).put("cpu", cost(s.cost())));
                }
                w.put("sloMs", o.sloMs()).put("maxAuthors", r.maxAuthors()).put("steps", steps);
            }
            if (withSeries) {
                JsonArray series = new JsonArray();
                for (TimePoint p : r.series()) {
                    series.add(JsonObject.mapFrom(p));
                }
                w.put("series", series);
            }
            workloads.add(w);
        }
        Runtime rt = Runtime.getRuntime();
        return new JsonObject()
                .put("started", started.toString())
                .put("urls", new JsonArray(o.urls()))
                .put("quick", o.quick())
                .put("machine", new JsonObject().put("cores", rt.availableProcessors())
                        .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version")))
                .put("workloads", workloads);
    }

    /** CPU per unit of work; null where it could not be computed. */
    private static JsonObject cost(CpuCost c) {
        return new JsonObject().put("seconds", round(c.seconds())).put("acked", c.acked()).put("deliveries", c.deliveries())
                .put("presenceDeliveries", c.presenceDeliveries())
                .put("jvmCpuSeconds", known(c.jvmCpuSeconds())).put("nodeCpuSeconds", known(c.treeCpuSeconds()))
                .put("generatorCpuSeconds", known(c.generatorCpuSeconds()))
                .put("jvmMicrosPerOp", known(c.jvmMicrosPerOp())).put("nodeMicrosPerOp", known(c.nodeMicrosPerOp()))
                .put("jvmMicrosPerDelivery", known(c.jvmMicrosPerDelivery()))
                .put("nodeMicrosPerDelivery", known(c.nodeMicrosPerDelivery()))
                .put("jvmMicrosPerPresenceDelivery", known(c.jvmMicrosPerPresenceDelivery()))
                .put("nodeMicrosPerPresenceDelivery", known(c.nodeMicrosPerPresenceDelivery()))
                .put("generatorMicrosPerOp", known(c.generatorMicrosPerOp()));
    }

    private static Double known(double v) {
        return v < 0 ? null : round(v);
    }

    private static JsonObject latency(Histogram h) {
        return new JsonObject().put("count", h.getTotalCount())
                .put("p50", round(LatencyRecorder.ms(h, 50))).put("p90", round(LatencyRecorder.ms(h, 90)))
                .put("p99", round(LatencyRecorder.ms(h, 99))).put("p999", round(LatencyRecorder.ms(h, 99.9)))
                .put("max", round(LatencyRecorder.maxMs(h)));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String kib(long bytes) {
        return bytes <= 0 ? "unknown" : String.format("%.1f KiB", bytes / 1024.0);
    }

    private static void coldSection(StringBuilder html, WorkloadResult r) {
        ColdWindow c = r.cold();
        html.append(String.format("<h3>Cold start: the first %.0f s after ready</h3>%n<p>The node said ready after %.1f s of"
                + " waiting; the users were connected and typing %.1f s after that. %d operations acknowledged (%.0f/s).</p>%n",
                c.seconds() + c.typingAfterReadySeconds(), c.readyWaitSeconds(), c.typingAfterReadySeconds(), c.ops(),
                c.opsPerSecond()));
        html.append("<table><tr><th>window</th><th>e2e p50</th><th>e2e p99</th><th>e2e max</th><th>ack p50</th>"
                + "<th>ack p99</th><th>presence p99</th><th>JVM &micro;s/op</th><th>node &micro;s/op</th></tr>\n");
        row(html, "first " + Math.round(c.seconds() + c.typingAfterReadySeconds()) + " s after ready", c.e2e(), c.ack(),
                c.presence(), c.cost());
        row(html, "the rest (measured)", r.e2e(), r.ack(), r.presence(), r.cost());
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String label, Histogram e2e, Histogram ack, Histogram presence, CpuCost cost) {
        html.append("<tr><td>").append(label).append("</td>");
        for (double v : new double[] {LatencyRecorder.ms(e2e, 50), LatencyRecorder.ms(e2e, 99), LatencyRecorder.maxMs(e2e),
            LatencyRecorder.ms(ack, 50), LatencyRecorder.ms(ack, 99), LatencyRecorder.ms(presence, 99)}) {
            html.append("<td>").append(String.format("%.2f", v)).append("</td>");
        }
        for (double v : new double[] {cost.jvmMicrosPerOp(), cost.nodeMicrosPerOp()}) {
            html.append("<td>").append(v < 0 ? "" : String.format("%.1f", v)).append("</td>");
        }
        html.append("</tr>\n");
    }

    /** Writes everything into {@code dir}; returns the HTML report's path. */
    static Path write(Path dir, LoadOptions o, List<WorkloadResult> results, Instant started) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), json(o, results, started, true).encodePrettily());
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Tandem load test ").append(started)
                .append("</title>\n<style>body{font-family:sans-serif;margin:24px;max-width:1000px}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "th{background:#f3f3f3}pre{background:#f6f6f6;padding:8px;overflow-x:auto}"
                        + ".ok{color:#2e7d32}.bad{color:#c62828}</style></head><body>\n")
                .append("<h1>Tandem load test</h1>\n<p>Started ").append(started).append(" against ")
                .append(SvgChart.escape(String.join(", ", o.urls()))).append(o.quick() ? " (quick mode)" : "")
                .append(". Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(SvgChart.escape(System.getProperty("java.vm.name") + " " + System.getProperty("java.version")))
                .append(". Latencies in ms; end-to-end runs from a keystroke at one client to its arrival at each other"
                        + " client, on one clock.</p>\n<h2>Summary</h2>\n<pre>");
        for (WorkloadResult r : results) {
            html.append(SvgChart.escape(r.summaryLine())).append('\n');
        }
        html.append("</pre>\n<table><tr><th>workload</th><th>users</th><th>ops</th><th>ops/s</th><th>e2e p50</th>"
                + "<th>e2e p99</th><th>e2e max</th><th>ack p50</th><th>ack p99</th><th>presence p99</th>"
                + "<th>converged</th><th>errors</th><th>server CPU</th><th>JVM &micro;s/op</th><th>node &micro;s/op</th>"
                + "<th>node &micro;s/delivery</th></tr>\n");
        for (WorkloadResult r : results) {
            html.append("<tr><td>").append(r.workload()).append(' ').append(r.workload().title).append("</td><td>")
                    .append(r.users()).append("</td><td>").append(r.ops()).append("</td><td>")
                    .append(String.format("%.0f", r.opsPerSecond())).append("</td>");
            for (double v : new double[] {LatencyRecorder.ms(r.e2e(), 50), LatencyRecorder.ms(r.e2e(), 99),
                LatencyRecorder.maxMs(r.e2e()), LatencyRecorder.ms(r.ack(), 50), LatencyRecorder.ms(r.ack(), 99),
                LatencyRecorder.ms(r.presence(), 99)}) {
                html.append("<td>").append(String.format("%.2f", v)).append("</td>");
            }
            html.append("<td class=\"").append(r.converged() ? "ok" : "bad").append("\">").append(r.converged())
                    .append("</td><td>").append(SvgChart.escape(r.errors().toString())).append("</td><td>")
                    .append(String.format("%.2f", r.serverCpuAvg())).append("</td>");
            CpuCost c = r.cost();
            for (double v : new double[] {c.jvmMicrosPerOp(), c.nodeMicrosPerOp(),
                r.workload() == Workload.W4 ? c.nodeMicrosPerPresenceDelivery() : c.nodeMicrosPerDelivery()}) {
                html.append("<td>").append(v < 0 ? "" : String.format("%.1f", v)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        for (WorkloadResult r : results) {
            html.append("<h2>").append(r.workload()).append(": ").append(r.workload().title).append("</h2>\n<p>")
                    .append(r.plan().docs()).append(" document(s), ").append(r.users()).append(" users, ")
                    .append(r.plan().warmupSeconds()).append(" s warm-up, ").append(String.format("%.1f", r.seconds()))
                    .append(" s measured.").append(r.converged() ? "" : " <b class=\"bad\">Not converged: "
                            + SvgChart.escape(r.convergenceNote()) + "</b>").append("</p>\n");
            if (r.memory().heapPerDocBytes() > 0 || r.memory().rssGrowthPerDocBytes() > 0) {
                html.append(String.format("<p>Memory per active document: live heap growth %s, the node's"
                        + " <code>memory_per_active_doc</code> %s, RSS growth %s (see docs/BENCHMARKS.md for why they differ).</p>%n",
                        kib(r.memory().heapPerDocBytes()), kib(r.memory().memoryPerActiveDocBytes()),
                        kib(r.memory().rssGrowthPerDocBytes())));
            }
            if (r.cold() != null) {
                coldSection(html, r);
            }
            if (r.workload() == Workload.W5) {
                html.append("<table><tr><th>authors</th><th>samples</th><th>e2e p50</th><th>e2e p99</th><th>e2e max</th>"
                        + "<th>ops/s</th><th>errors</th><th>held</th><th>node &micro;s/delivery</th></tr>\n");
                for (CrowdStep s : r.steps()) {
                    html.append(String.format("<tr><td>%d</td><td>%d</td><td>%.2f</td><td>%.2f</td><td>%.2f</td>"
                            + "<td>%.0f</td><td>%d</td><td>%s</td><td>%.2f</td></tr>%n", s.authors(), s.samples(), s.e2eP50(),
                            s.e2eP99(), s.e2eMax(), s.opsPerSecond(), s.errors(), s.held(),
                            s.cost().nodeMicrosPerDelivery()));
                }
                html.append("</table><p>Largest author count whose step held the SLO: <b>").append(r.maxAuthors())
                        .append("</b></p>\n");
            }
            for (Map.Entry<String, String> chart : Charts.of(r).entrySet()) {
                Files.writeString(dir.resolve(chart.getKey()), chart.getValue());
                html.append("<div>").append(chart.getValue()).append("</div>\n");
            }
        }
        html.append("</body></html>\n");
        Path report = dir.resolve("report.html");
        Files.writeString(report, html.toString());
        return report;
    }
}
