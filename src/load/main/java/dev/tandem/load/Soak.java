package dev.tandem.load;

import dev.tandem.client.transport.Endpoint;
import dev.tandem.client.transport.VertxInternals;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The soak ({@code scripts/soak}): W2's load for a long while with random client churn
 * ({@link Churn}) against a running node. After a warm-up it samples the node's live heap (after a
 * full collection) and RSS every {@code --sample-seconds}; at the end it brings everyone back,
 * stops typing, checks that every copy converged on the server's text and that no operation was
 * lost or duplicated ({@link OpLedger}), judges whether memory stayed flat, and writes
 * {@code soak.json} and its charts.
 *
 * <pre>
 *   create docs, connect users --> warm-up --> [ load + churn, memory every 10 s ] x minutes
 *     --> churn stops, everyone back --> typing stops --> converged? ledger --> report
 * </pre>
 */
final class Soak {
    private final SoakOptions options;
    private final PrintStream log;

    Soak(SoakOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    SoakResult run() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops()));
        try {
            return run(vertx);
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    private SoakResult run(Vertx vertx) throws Exception {
        WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(1_000_000).setMaxMessageSize(64 << 20).setMaxFrameSize(64 << 20)
                .setConnectTimeout(30_000));
        List<Endpoint> endpoints = options.urls().stream().map(Endpoint::parse).toList();
        List<Context> contexts = new ArrayList<>();
        for (int i = 0; i < options.eventLoops(); i++) {
            contexts.add(VertxInternals.newEventLoopContext(vertx)); // one per event loop, as LoadMain does
        }
        Rest rest = new Rest(options.urls().get(0));
        ServerProbe probe = new ServerProbe(options.urls(), options.serverPids());
        HeapMeter heap = new HeapMeter(options.serverPid());
        String runId = "K" + Long.toString(System.currentTimeMillis(), 36);
        Typing<?> typing = Typing.of("text");
        RunStats stats = new RunStats();
        Swarm swarm = new Swarm(sockets, endpoints, contexts, stats, runId + "-soak", options.seed(), typing);

        log.printf(Locale.ROOT, "soak: %d docs x %d users, %s keystrokes/s each (%.0f%% delete), churn %s users/s "
                + "(%.0f%% clean, away %d-%d ms), %s min after %d s warm-up; memory every %d s%n", options.docs(),
                options.users(), options.rate(), options.deleteShare() * 100, options.churnPerSecond(),
                options.cleanShare() * 100, options.offlineMinMs(), options.offlineMaxMs(), options.minutes(),
                options.warmupSeconds(), options.sampleSeconds());
        if (!heap.available()) {
            log.println("soak: no server pid: memory is not sampled and cannot be judged flat (give --server-pid)");
        }
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < options.docs(); i++) {
            docs.add(runId + "-soak-d" + i);
        }
        rest.createAll(docs, typing.name(), typing.content(WorkloadRunner.initialText(options.initialLength(), options.seed())));
        List<SimUser> users = swarm.join(docs, options.users());
        for (SimUser u : users) {
            u.typeLike(options.deleteShare(), true);
        }
        log.printf("soak: %d users connected%n", users.size());
        Sampler sampler = new Sampler(stats, probe, "soak", null, swarm::size);
        swarm.start(users, Behaviour.TYPING, options.rate());
        sampler.run(options.warmupSeconds(), "warm-up", Sampler.Phase.WARMUP);

        stats.e2e.resetTotal();
        stats.ack.resetTotal();
        long ackedBefore = stats.acked.sum();
        List<MemorySample> memory = new ArrayList<>();
        long t0 = System.nanoTime();
        memory.add(sample(heap, 0));
        Churn churn = new Churn(users, stats, contexts.get(0), options.churnPerSecond(), options.cleanShare(),
                options.offlineMinMs(), options.offlineMaxMs(), options.seed());
        churn.start();
        long end = t0 + (long) (options.minutes() * 60e9);
        long ackedAtLastLine = ackedBefore;
        long lastLine = t0;
        while (System.nanoTime() < end) {
            int seconds = (int) Math.max(1, Math.min(options.sampleSeconds(), Math.ceil((end - System.nanoTime()) / 1e9)));
            sampler.run(seconds, "soak", Sampler.Phase.MEASURED);
            MemorySample m = sample(heap, (System.nanoTime() - t0) / 60e9);
            memory.add(m);
            long now = System.nanoTime();
            long acked = stats.acked.sum();
            TimePoint p = sampler.series().get(sampler.series().size() - 1);
            Churn.Counts c = churn.counts();
            log.printf(Locale.ROOT, "[soak %.1f/%.1f min] ops/s=%.0f e2e p99=%.1f ms errors=%d churned=%d away=%d "
                    + "live heap=%.1f MiB rss=%.0f MiB server cpu=%.2f pressure cpu=%.0f%%%n", m.minutes(), options.minutes(),
                    (acked - ackedAtLastLine) / ((now - lastLine) / 1e9), p.e2eP99(), stats.errorCount(), c.churned(),
                    c.away(), m.heapMiB(), m.rssMiB(), p.serverCpu(), p.cpuPressure());
            ackedAtLastLine = acked;
            lastLine = now;
        }
        long ops = stats.acked.sum() - ackedBefore;
        double minutes = (System.nanoTime() - t0) / 60e9;
        var e2e = stats.e2e.total();
        var ack = stats.ack.total();

        log.println("soak: churn stops; waiting for everyone away to come back");
        boolean everyoneBack = churn.stop(options.settleSeconds() * 1000L);
        swarm.stopAll();
        log.println("soak: typing stopped; checking every copy and counting operations");
        String diverged = swarm.converge(rest, options.settleSeconds());
        OpLedger.Count ledger = OpLedger.count(swarm.byDoc(), rest);
        swarm.closeAll();
        if (diverged != null) {
            log.println("soak: NOT CONVERGED: " + diverged);
        }
        if (ledger.firstProblem() != null) {
            log.println("soak: operations do not add up: " + ledger.firstProblem());
        }
        SoakResult r = new SoakResult(options, minutes, ops, e2e, ack, stats.errorsByCode(), ledger, diverged == null,
                diverged == null ? "" : diverged, churn.counts(), everyoneBack, List.copyOf(memory),
                List.copyOf(sampler.series()));
        write(r);
        return r;
    }

    private MemorySample sample(HeapMeter heap, double minutes) {
        return new MemorySample(minutes, heap.liveHeapBytes(), ServerProbe.rssBytes(options.serverPid()));
    }

    /** soak.json, and the memory and load over time as .svg. */
    private void write(SoakResult r) throws IOException {
        Path out = options.out();
        Files.createDirectories(out);
        Files.writeString(out.resolve("soak.json"), r.json().put("perSecond", perSecond(r.series())).encodePrettily());
        List<MemorySample> m = r.memory();
        double[] minutes = column(m, MemorySample::minutes);
        Files.writeString(out.resolve("soak-memory.svg"), SvgChart.lines(String.format(Locale.ROOT,
                "Soak: node memory, %d docs, %s users/s churning", options.docs(), options.churnPerSecond()),
                "minutes", "MiB", List.of(
                        new SvgChart.Series("live heap", "#1e88e5", minutes, column(m, MemorySample::heapMiB)),
                        new SvgChart.Series("RSS", "#e53935", minutes, column(m, MemorySample::rssMiB)))));
        List<TimePoint> s = r.series();
        double first = s.isEmpty() ? 0 : s.get(0).t();
        double[] t = column(s, p -> (p.t() - first) / 60);
        Files.writeString(out.resolve("soak-load.svg"), SvgChart.lines("Soak: acknowledged operations per second",
                "minutes", "ops/s", List.of(new SvgChart.Series("acked ops/s", "#1e88e5", t, column(s, TimePoint::opsPerSecond)))));
        Files.writeString(out.resolve("soak-latency.svg"), SvgChart.lines("Soak: latency per second (churned users' "
                + "offline edits included)", "minutes", "ms", List.of(
                        new SvgChart.Series("e2e p50", "#1e88e5", t, column(s, TimePoint::e2eP50)),
                        new SvgChart.Series("e2e p99", "#e53935", t, column(s, TimePoint::e2eP99)),
                        new SvgChart.Series("ack p99", "#8e24aa", t, column(s, TimePoint::ackP99)))));
        log.println("soak: report in " + out.toAbsolutePath());
    }

    /** The per-second samples, as columns and rows (a 30-minute soak has 1,800). */
    private static JsonObject perSecond(List<TimePoint> s) {
        JsonArray rows = new JsonArray();
        for (TimePoint p : s) {
            rows.add(new JsonArray().add(Math.round(p.t() * 10) / 10.0).add(Math.round(p.opsPerSecond()))
                    .add(p.e2eP99()).add(p.ackP99()).add(p.serverCpu()).add(Math.round(p.rssMiB())).add(p.cpuPressure())
                    .add(p.errors()));
        }
        return new JsonObject().put("columns", new JsonArray(List.of("seconds", "ackedOpsPerSecond", "e2eP99Ms", "ackP99Ms",
                "serverCpuCores", "rssMiB", "cpuPressurePercent", "errorsSoFar"))).put("rows", rows);
    }

    private static <T> double[] column(List<T> s, ToDoubleFunction<T> f) {
        return s.stream().mapToDouble(f).toArray();
    }
}
