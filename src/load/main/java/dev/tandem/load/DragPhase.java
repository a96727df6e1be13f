package dev.tandem.load;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The measured part of the canvas workloads: a crowd drags for the warm-up and the measured
 * seconds, stops, and every copy is checked against the server's board.
 */
final class DragPhase {
    private DragPhase() {
    }

    /** What the drag phase measured. */
    record Result(long ops, double seconds, Histogram e2e, Histogram ack, Histogram pointers, String diverged,
            RunStats stats, Sampler sampler, CpuCost cost) {

        /** The workload's result, with its own {@code figures} and live heap per document ({@code -1}: not measured). */
        WorkloadResult result(Workload.Plan plan, int users, long heapPerDoc, Map<String, Double> figures) {
            return new WorkloadResult(plan, users, ops, seconds, e2e, ack, pointers, diverged == null,
                    diverged == null ? "" : diverged, stats.errorsByCode(), sampler.series(), List.of(), 0,
                    heapPerDoc > 0 ? new DocMemory(heapPerDoc, -1, -1) : DocMemory.NONE,
                    sampler.avg(TimePoint::serverCpu), sampler.avg(TimePoint::serverTreeCpu), sampler.max(TimePoint::rssMiB),
                    sampler.avg(TimePoint::generatorCpu), sampler.avg(TimePoint::cpuPressure), cost, null, figures);
        }
    }

    static Result run(Harness h, Workload.Plan plan, RunStats stats, CanvasCrowd crowd, String doc, String label)
            throws Exception {
        Sampler sampler = new Sampler(stats, h.probe(), label, h.options().progress() ? h.log() : null, crowd::size);
        crowd.start(plan.rate());
        sampler.run(plan.warmupSeconds(), "warm-up", Sampler.Phase.WARMUP);
        stats.e2e.resetTotal();
        stats.ack.resetTotal();
        stats.presence.resetTotal();
        long ackedBefore = stats.acked.sum();
        long t0 = System.nanoTime();
        Sampler.Totals from = sampler.totals();
        sampler.run(plan.seconds(), "measure", Sampler.Phase.MEASURED);
        CpuCost cost = CpuCost.between(from, sampler.totals());
        long ops = stats.acked.sum() - ackedBefore;
        double seconds = (System.nanoTime() - t0) / 1e9;
        crowd.stop();
        Histogram e2e = stats.e2e.total();
        Histogram ack = stats.ack.total();
        Histogram pointers = stats.presence.total();
        String diverged = crowd.converge(doc, h.options().settleSeconds());
        if (diverged != null) {
            h.log().println(label + ": NOT CONVERGED: " + diverged);
        }
        return new Result(ops, seconds, e2e, ack, pointers, diverged, stats, sampler, cost);
    }
}
