package dev.tandem.load;

import dev.tandem.client.transport.Endpoint;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import dev.tandem.client.transport.VertxInternals;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's command line ({@code scripts/loadtest}): runs the chosen workloads one
 * after the other against a running server, prints the JSON summary and one line per workload,
 * and writes the JSON and HTML reports.
 */
public final class LoadMain {
    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(LoadOptions.usage());
            return;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("loadtest: " + e.getMessage());
            System.err.print(LoadOptions.usage());
            System.exit(2);
            return;
        }
        List<WorkloadResult> results = run(options, System.err);
        System.out.println(Report.json(options, results, Instant.now(), false).encodePrettily());
        for (WorkloadResult r : results) {
            System.out.println(r.summaryLine());
        }
        System.exit(0); // the HTTP client's threads must not keep the JVM
    }

    /** Runs every workload of {@code options}, writes the reports, and returns the results. */
    static List<WorkloadResult> run(LoadOptions options, PrintStream log) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops()));
        try {
            WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxConnections(1_000_000).setMaxMessageSize(64 << 20).setMaxFrameSize(64 << 20)
                    .setConnectTimeout(30_000));
            List<Endpoint> endpoints = options.urls().stream().map(Endpoint::parse).toList();
            List<Context> contexts = new ArrayList<>();
            for (int i = 0; i < options.eventLoops(); i++) {
                // One context per event loop: getOrCreateContext() from this (non-Vert.x) thread would hand
                // back the same context every time, and every simulated user would share one thread.
                contexts.add(VertxInternals.newEventLoopContext(vertx));
            }
            String runId = "L" + Long.toString(System.currentTimeMillis(), 36);
            WorkloadRunner runner = new WorkloadRunner(sockets, endpoints, contexts, options, log, runId);
            Instant started = Instant.now();
            List<WorkloadResult> results = new ArrayList<>();
            boolean cold = options.cold();
            for (Workload w : options.workloads()) {
                WorkloadResult r = runner.run(w, cold);
                cold = false; // only the first workload meets a freshly started node
                results.add(r);
                log.println(r.summaryLine());
            }
            Path html = Report.write(options.out(), options, results, started);
            log.println("report: " + html.toAbsolutePath());
            return results;
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }
}
