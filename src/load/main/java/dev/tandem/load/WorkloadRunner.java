package dev.tandem.load;

import dev.tandem.client.transport.Endpoint;
import io.vertx.core.Context;
import io.vertx.core.http.WebSocketClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs one workload from start to end: creates its documents, connects its users, warms up,
 * measures, stops, waits for the copies to settle, checks convergence and closes everything.
 * The crowd workload (W5) grows its authors step by step instead, until a step misses the SLO.
 */
final class WorkloadRunner {
    /** W5: seconds after a step's newcomers joined before the step is measured (quick mode: 1). */
    static final int JOIN_SETTLE_SECONDS = 3;

    private final WebSocketClient sockets;
    private final List<Endpoint> endpoints;
    private final List<Context> contexts;
    private final LoadOptions options;
    private final Rest rest;
    private final ServerProbe probe;
    private final HeapMeter heap;
    private final PrintStream log;
    private final String runId;

    WorkloadRunner(WebSocketClient sockets, List<Endpoint> endpoints, List<Context> contexts, LoadOptions options,
            PrintStream log, String runId) {
        this.sockets = sockets;
        this.endpoints = endpoints;
        this.contexts = contexts;
        this.options = options;
        this.rest = new Rest(options.urls().get(0));
        this.probe = new ServerProbe(options.urls(), options.serverPids());
        // Memory per document needs every document on the measured JVM: one node only.
        this.heap = new HeapMeter(options.urls().size() == 1 ? options.serverPid() : -1);
        this.log = log;
        this.runId = runId;
    }

    /** Runs {@code w}; {@code cold}: first wait for the node to say ready and report its first seconds apart (W1-W4). */
    WorkloadResult run(Workload w, boolean cold) throws Exception {
        Workload.Plan plan = w.plan(options);
        return switch (w) {
            case W5 -> crowd(plan);
            case W6 -> new DragStorm(harness()).run(plan);
            case W7 -> new BigBoard(harness()).run(plan);
            default -> steady(plan, cold);
        };
    }

    private Harness harness() {
        return new Harness(sockets, endpoints, contexts, options, rest, probe, heap, log, runId);
    }

    private List<String> createDocs(Workload.Plan plan) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < plan.docs(); i++) {
            ids.add(runId + "-" + plan.workload() + "-d" + i);
        }
        // Carets spread over some text rather than all starting at 0, as in a document being worked on.
        rest.createAll(ids, typing().name(), typing().content(initialText(options.initialLength(), options.seed())));
        return ids;
    }

    private WorkloadResult steady(Workload.Plan plan, boolean cold) throws Exception {
        Workload w = plan.workload();
        RunStats stats = new RunStats();
        Swarm swarm = new Swarm(sockets, endpoints, contexts, stats, runId + "-" + w, options.seed(), typing());
        ReadyWait.Ready ready = null;
        if (cold) {
            log.printf("%s: waiting until %s says ready (at most %d s)%n", w, String.join(", ", options.urls()),
                    options.readyTimeoutSeconds());
            ready = new ReadyWait().await(options.urls(), options.readyTimeoutSeconds());
            log.printf("%s: ready after %.1f s of waiting; starting at once, no warm-up%n", w, ready.waitedSeconds());
        }
        boolean memory = w == Workload.W2 && heap.available();
        // A full collection right after ready would disturb the cold window it is meant to observe.
        long heapBefore = memory && !cold ? heap.liveHeapBytes() : -1;
        long rssBefore = memory ? ServerProbe.rssBytes(options.serverPid()) : -1;
        log.printf("%s (%s): %d docs x %d users, %s, %s + %d s%n", w, w.title, plan.docs(), plan.users(),
                w.behaviour == Behaviour.CLOSED_LOOP ? "closed loop" : plan.rate() + " per user per second",
                cold ? "the first " + options.coldSeconds() + " s after ready" : plan.warmupSeconds() + " s warm-up",
                plan.seconds());
        List<String> docs = createDocs(plan);
        List<SimUser> users = swarm.join(docs, plan.users());
        long origin = ready != null ? ready.atNanos() : System.nanoTime();
        Sampler sampler = new Sampler(stats, probe, w.name(), options.progress() ? log : null, swarm::size, origin);
        swarm.start(users, w.behaviour, plan.rate());
        ColdWindow coldWindow = null;
        if (ready != null) {
            coldWindow = coldWindow(ready, stats, sampler);
        } else {
            sampler.run(plan.warmupSeconds(), "warm-up", Sampler.Phase.WARMUP);
        }
        stats.e2e.resetTotal();
        stats.ack.resetTotal();
        stats.presence.resetTotal();
        long ackedBefore = stats.acked.sum();
        Sampler.Totals costFrom = sampler.totals();
        long t0 = System.nanoTime();
        sampler.run(plan.seconds(), "measure", Sampler.Phase.MEASURED);
        long ops = stats.acked.sum() - ackedBefore;
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuCost cost = CpuCost.between(costFrom, sampler.totals());
        long memoryPerActiveDoc = memory && sampler.last() != null ? sampler.last().memoryPerActiveDocBytes() : -1;
        long rssAfter = memory ? ServerProbe.rssBytes(options.serverPid()) : -1;
        swarm.stopAll();
        Histogram e2e = stats.e2e.total();
        Histogram ack = stats.ack.total();
        Histogram presence = stats.presence.total();
        String diverged = swarm.converge(rest, options.settleSeconds());
        long perDoc = -1;
        if (heapBefore > 0) {
            long after = heap.liveHeapBytes(); // everything still connected and open
            perDoc = after > 0 ? (after - heapBefore) / plan.docs() : -1;
        }
        long rssPerDoc = rssBefore > 0 && rssAfter > 0 ? (rssAfter - rssBefore) / plan.docs() : -1;
        swarm.closeAll();
        if (diverged != null) {
            log.println(w + ": NOT CONVERGED: " + diverged);
        }
        return new WorkloadResult(plan, swarm.size(), ops, seconds, e2e, ack, presence, diverged == null,
                diverged == null ? "" : diverged, stats.errorsByCode(), sampler.series(), List.of(), 0,
                new DocMemory(perDoc, memoryPerActiveDoc, rssPerDoc),
                sampler.avg(TimePoint::serverCpu), sampler.avg(TimePoint::serverTreeCpu), sampler.max(TimePoint::rssMiB),
                sampler.avg(TimePoint::generatorCpu), sampler.avg(TimePoint::cpuPressure), cost, coldWindow, Map.of());
    }

    /**
     * The cold window: from the moment the node said ready until {@code --cold-seconds} after it,
     * the users (connected meanwhile) already typing; everything they recorded counts.
     */
    private ColdWindow coldWindow(ReadyWait.Ready ready, RunStats stats, Sampler sampler) throws InterruptedException {
        long start = System.nanoTime();
        double typingAfter = (start - ready.atNanos()) / 1e9;
        long end = ready.atNanos() + TimeUnit.SECONDS.toNanos(options.coldSeconds());
        int secs = (int) Math.max(1, Math.ceil((end - start) / 1e9));
        if (typingAfter >= options.coldSeconds()) {
            log.printf("cold: connecting took %.1f s, longer than the cold window; measuring %d s from now%n", typingAfter, secs);
        }
        long ackedBefore = stats.acked.sum();
        Sampler.Totals from = sampler.totals();
        sampler.run(secs, "cold", Sampler.Phase.COLD);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ColdWindow(ready.waitedSeconds(), typingAfter, seconds, stats.acked.sum() - ackedBefore,
                stats.e2e.total(), stats.ack.total(), stats.presence.total(), sampler.coldSeries(),
                CpuCost.between(from, sampler.totals()));
    }

    /**
     * W5: {@code plan.users()} more authors every step; a step holds when its end-to-end p99 is
     * within the SLO with no errors. Stops at the first step that does not hold, or at the cap.
     */
    private WorkloadResult crowd(Workload.Plan plan) throws Exception {
        RunStats stats = new RunStats();
        Swarm swarm = new Swarm(sockets, endpoints, contexts, stats, runId + "-W5", options.seed(), typing());
        log.printf("W5 (crowd): +%d authors every %d s at %s ops/s each, until e2e p99 > %.0f ms or errors (cap %d)%n",
                plan.users(), plan.seconds(), plan.rate(), options.sloMs(), options.maxAuthors());
        List<String> docs = createDocs(plan);
        Sampler sampler = new Sampler(stats, probe, "W5", options.progress() ? log : null, swarm::size);
        List<CrowdStep> steps = new ArrayList<>();
        int maxAuthors = 0;
        Histogram heldE2e = new Histogram(LatencyRecorder.HIGHEST_MICROS, 3);
        Histogram heldAck = new Histogram(LatencyRecorder.HIGHEST_MICROS, 3);
        long ackedStart = stats.acked.sum();
        long t0 = System.nanoTime();
        boolean warmedUp = false;
        CpuCost heldCost = CpuCost.NONE;
        while (swarm.size() < options.maxAuthors()) {
            int add = Math.min(plan.users(), options.maxAuthors() - swarm.size());
            List<SimUser> joined = swarm.join(docs, add, options.fullEvery());
            swarm.start(joined, Behaviour.TYPING, plan.rate());
            if (!warmedUp) {
                sampler.run(plan.warmupSeconds(), "warm-up", Sampler.Phase.WARMUP);
                warmedUp = true;
            } else {
                // Not measured: fifty people opening the document at once (snapshots, rosters) is a
                // burst of its own; the step measures the crowd typing.
                sampler.run(options.quick() ? 1 : JOIN_SETTLE_SECONDS, "joining", Sampler.Phase.WARMUP);
            }
            stats.e2e.resetTotal();
            stats.ack.resetTotal();
            long errorsBefore = stats.errorCount();
            long ackedBefore = stats.acked.sum();
            long s0 = System.nanoTime();
            Sampler.Totals stepFrom = sampler.totals();
            sampler.run(plan.seconds(), swarm.size() + " authors", Sampler.Phase.MEASURED);
            double secs = (System.nanoTime() - s0) / 1e9;
            CpuCost stepCost = CpuCost.between(stepFrom, sampler.totals());
            Histogram e2e = stats.e2e.total();
            long errors = stats.errorCount() - errorsBefore;
            boolean held = e2e.getTotalCount() > 0 && LatencyRecorder.ms(e2e, 99) <= options.sloMs() && errors == 0;
            steps.add(new CrowdStep(swarm.size(), e2e.getTotalCount(), LatencyRecorder.ms(e2e, 50),
                    LatencyRecorder.ms(e2e, 99), LatencyRecorder.maxMs(e2e), (stats.acked.sum() - ackedBefore) / secs,
                    errors, held, stepCost));
            log.printf("W5 step: %d authors e2e p99 %.1f ms, %d errors: %s%n", swarm.size(), LatencyRecorder.ms(e2e, 99),
                    errors, held ? "held" : "missed the SLO");
            if (!held) {
                break;
            }
            maxAuthors = swarm.size();
            heldE2e = e2e;
            heldAck = stats.ack.total();
            heldCost = stepCost;
        }
        long ops = stats.acked.sum() - ackedStart;
        double seconds = (System.nanoTime() - t0) / 1e9;
        swarm.stopAll();
        String diverged = swarm.converge(rest, options.settleSeconds());
        swarm.closeAll();
        if (diverged != null) {
            log.println("W5: NOT CONVERGED: " + diverged);
        }
        Map<String, Long> errors = stats.errorsByCode();
        return new WorkloadResult(plan, swarm.size(), ops, seconds, heldE2e, heldAck, stats.presence.total(),
                diverged == null, diverged == null ? "" : diverged, errors, sampler.series(), steps, maxAuthors,
                DocMemory.NONE, sampler.avg(TimePoint::serverCpu), sampler.avg(TimePoint::serverTreeCpu),
                sampler.max(TimePoint::rssMiB), sampler.avg(TimePoint::generatorCpu), sampler.avg(TimePoint::cpuPressure),
                heldCost, null, Map.of());
    }

    /** How the users of the typing workloads type: on {@code --doc-type} documents. */
    private Typing<?> typing() {
        return Typing.of(options.docType());

    }

    /** Some words to start each document with, the same for a seed. */
    static String initialText(int length, long seed) {
        String[] words = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and", "writes", "notes",
            "together", "with", "friends", "in", "one", "shared", "document", "while", "others", "type"};
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder(length + 16);
        while (s.length() < length) {
            s.append(words[r.nextInt(words.length)]).append(r.nextInt(12) == 0 ? ".\n" : " ");
        }
        return s.substring(0, length);
    }
}
