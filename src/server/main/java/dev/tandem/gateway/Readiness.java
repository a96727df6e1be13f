package dev.tandem.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The conditions a node must meet to take traffic, answered on {@code GET /ready}: named probes
 * ("database", "cluster") that each succeed or fail within a short timeout. Whoever owns a
 * condition adds its probe; a probe added under an existing name replaces it. Thread-safe.
 */
public final class Readiness {
    public static final long DEFAULT_TIMEOUT_MS = 2_000;

    private final Map<String, Supplier<Future<?>>> probes = new LinkedHashMap<>();
    private final long timeoutMs;

    /** The outcome of every probe: {@code "ok"} or what is wrong, by name. */
    public record Report(boolean ready, Map<String, String> checks) {
        public JsonObject toJson() {
            JsonObject c = new JsonObject();
            checks.forEach(c::put);
            return new JsonObject().put("status", ready ? "ready" : "not ready").put("checks", c);
        }
    }

    public Readiness() {
        this(DEFAULT_TIMEOUT_MS);
    }

    public Readiness(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    /** Adds (or replaces) a probe: a future that succeeds when the condition holds. */
    public synchronized Readiness add(String name, Supplier<Future<?>> probe) {
        probes.put(name, probe);
        return this;
    }

    /** Runs every probe at once; never fails. A probe that takes longer than the timeout counts as failed. */
    public Future<Report> check(Vertx vertx) {
        List<String> names;
        List<Supplier<Future<?>>> all;
        synchronized (this) {
            names = new ArrayList<>(probes.keySet());
            all = new ArrayList<>(probes.values());
        }
        List<Future<String>> results = new ArrayList<>();
        for (Supplier<Future<?>> probe : all) {
            results.add(run(vertx, probe));
        }
        return Future.join(results).transform(ignored -> {
            Map<String, String> checks = new LinkedHashMap<>();
            boolean ready = true;
            for (int i = 0; i < names.size(); i++) {
                String outcome = results.get(i).result();
                checks.put(names.get(i), outcome);
                ready &= "ok".equals(outcome);
            }
            return Future.succeededFuture(new Report(ready, checks));
        });
    }

    private Future<String> run(Vertx vertx, Supplier<Future<?>> probe) {
        Promise<String> outcome = Promise.promise();
        long timer = vertx.setTimer(timeoutMs, id -> outcome.tryComplete("no answer within " + timeoutMs + " ms"));
        Future<?> f;
        try {
            f = probe.get();
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onComplete(ar -> {
            vertx.cancelTimer(timer);
            outcome.tryComplete(ar.succeeded() ? "ok" : describe(ar.cause()));
        });
        return outcome.future();
    }

    private static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
