package dev.tandem.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a soak measured and whether it passed: no error, no operation lost or duplicated
 * ({@link OpLedger}), every copy converged, every user that left came back, and the node's live
 * heap and RSS flat over the second half (least-squares slope within the thresholds).
 */
record SoakResult(SoakOptions options, double minutes, long ops, Histogram e2e, Histogram ack, Map<String, Long> errors,
        OpLedger.Count ledger, boolean converged, String convergenceNote, Churn.Counts churn, boolean everyoneBack,
        List<MemorySample> memory, List<TimePoint> series) {

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double opsPerSecond() {
        return minutes > 0 ? ops / (minutes * 60) : 0;
    }

    /** Heap slope over the second half, MiB per 10 minutes; NaN when unknown. */
    double heapSlope() {
        return 10 * Trend.slope(memory, MemorySample::minutes, MemorySample::heapMiB, minutes / 2);
    }

    double rssSlope() {
        return 10 * Trend.slope(memory, MemorySample::minutes, MemorySample::rssMiB, minutes / 2);
    }

    boolean flat() {
        double heap = heapSlope();
        double rss = rssSlope();
        return !Double.isNaN(heap) && !Double.isNaN(rss) && heap <= options.maxHeapSlope() && rss <= options.maxRssSlope();
    }

    boolean ok() {
        return errorCount() == 0 && ledger.clean() && converged && everyoneBack && flat();
    }

    private double first(java.util.function.ToDoubleFunction<MemorySample> f) {
        return memory.stream().mapToDouble(f).filter(v -> v >= 0).findFirst().orElse(-1);
    }

    private double last(java.util.function.ToDoubleFunction<MemorySample> f) {
        return memory.stream().mapToDouble(f).filter(v -> v >= 0).reduce((a, b) -> b).orElse(-1);
    }

    String summaryLine() {
        return String.format(Locale.ROOT, "soak minutes=%.1f ops=%d errors=%d lost=%d duplicated=%d converged=%s "
                + "heap_start_mib=%.1f heap_end_mib=%.1f heap_slope_mib_per_10min=%.2f "
                + "rss_start_mib=%.0f rss_end_mib=%.0f rss_slope_mib_per_10min=%.2f "
                + "churned=%d cut=%d closed=%d docs=%d users=%d ops_per_s=%.0f e2e_p50_ms=%.2f e2e_p99_ms=%.2f "
                + "flat=%s ok=%s",
                minutes, ops, errorCount(), ledger.lost(), ledger.duplicated(), converged,
                first(MemorySample::heapMiB), last(MemorySample::heapMiB), heapSlope(),
                first(MemorySample::rssMiB), last(MemorySample::rssMiB), rssSlope(),
                churn.churned(), churn.cut(), churn.closed(), options.docs(), options.docs() * options.users(),
                opsPerSecond(), LatencyRecorder.ms(e2e, 50), LatencyRecorder.ms(e2e, 99), flat(), ok());
    }

    JsonObject json() {
        JsonArray samples = new JsonArray();
        for (MemorySample m : memory) {
            samples.add(new JsonArray().add(round(m.minutes())).add(m.heapBytes()).add(m.rssBytes()));
        }
        JsonObject o = new JsonObject()
                .put("summary", summaryLine())
                .put("ok", ok())
                .put("settings", new JsonObject()
                        .put("urls", new JsonArray(options.urls()))
                        .put("minutes", options.minutes())
                        .put("docs", options.docs())
                        .put("usersPerDoc", options.users())
                        .put("ratePerUser", options.rate())
                        .put("deleteShare", options.deleteShare())
                        .put("churnPerSecond", options.churnPerSecond())
                        .put("cleanShare", options.cleanShare())
                        .put("offlineMs", new JsonArray().add(options.offlineMinMs()).add(options.offlineMaxMs()))
                        .put("warmupSeconds", options.warmupSeconds())
                        .put("sampleSeconds", options.sampleSeconds())
                        .put("maxHeapSlopeMiBPer10Min", options.maxHeapSlope())
                        .put("maxRssSlopeMiBPer10Min", options.maxRssSlope())
                        .put("seed", options.seed()))
                .put("minutes", round(minutes))
                .put("ops", ops)
                .put("opsPerSecond", round(opsPerSecond()))
                .put("e2eMs", latency(e2e))
                .put("ackMs", latency(ack))
                .put("errors", new JsonObject(Map.copyOf(errors)))
                .put("ledger", new JsonObject()
                        .put("docs", ledger.docs())
                        .put("revisions", ledger.revisions())
                        .put("submissions", ledger.submissions())
                        .put("acks", ledger.acks())
                        .put("lost", ledger.lost())
                        .put("duplicated", ledger.duplicated())
                        .put("firstProblem", ledger.firstProblem()))
                .put("converged", converged)
                .put("churn", new JsonObject()
                        .put("cut", churn.cut())
                        .put("closed", churn.closed())
                        .put("back", churn.back())
                        .put("failed", churn.failed())
                        .put("everyoneBack", everyoneBack))
                .put("memory", new JsonObject()
                        .put("columns", new JsonArray().add("minutes").add("liveHeapBytes").add("rssBytes"))
                        .put("samples", samples)
                        .put("heapSlopeMiBPer10Min", round(heapSlope()))
                        .put("rssSlopeMiBPer10Min", round(rssSlope()))
                        .put("flat", flat()));
        if (!convergenceNote.isEmpty()) {
            o.put("convergenceNote", convergenceNote);
        }
        return o;
    }

    private static JsonObject latency(Histogram h) {
        return new JsonObject().put("count", h.getTotalCount()).put("p50", round(LatencyRecorder.ms(h, 50)))
                .put("p99", round(LatencyRecorder.ms(h, 99))).put("max", round(LatencyRecorder.maxMs(h)));
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
    }
}
