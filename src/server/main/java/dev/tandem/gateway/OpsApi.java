package dev.tandem.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The operator's endpoints: {@code /health} (liveness: the process answers HTTP),
 * {@code /ready} (readiness: every {@link Readiness} probe passes) and {@code /metrics}
 * (Prometheus text format).
 */
final class OpsApi {
    private final Vertx vertx;
    private final GatewayContext ctx;

    OpsApi(Vertx vertx, GatewayContext ctx) {
        this.vertx = vertx;
        this.ctx = ctx;
    }

    void mount(Router router) {
        router.get("/health").handler(rc -> RestApi.send(rc, 200,
                new JsonObject().put("status", "up").put("node", ctx.nodeId())));
        router.get("/ready").handler(this::ready);
        router.get("/metrics").handler(this::metrics);
    }

    private void ready(RoutingContext rc) {
        ctx.readiness().check(vertx).onComplete(ar -> {
            Readiness.Report report = ar.result();
            boolean ready = report.ready() && !ctx.drain().draining();
            io.vertx.core.json.JsonObject body = report.toJson().put("node", ctx.nodeId())
                    .put("access", ctx.access().openMode() ? "open" : "token");
            if (ctx.drain().draining()) {
                body.put("status", "not ready").put("draining", true);
            }
            RestApi.send(rc, ready ? 200 : 503, body);
        });
    }

    private void metrics(RoutingContext rc) {
        MetricsEndpoint endpoint = ctx.metricsEndpoint();
        if (!endpoint.enabled()) {
            RestApi.send(rc, 404, new JsonObject().put("error", new JsonObject().put("code", "NOT_FOUND")
                    .put("message", "metrics are off on this node (TANDEM_METRICS=false)")));
            return;
        }
        // Rendering every series is a few milliseconds of string building: keep it off the event loop.
        vertx.executeBlocking(endpoint::scrape, false).onComplete(ar -> {
            if (rc.response().ended()) {
                return;
            }
            if (ar.succeeded()) {
                rc.response().putHeader("content-type", endpoint.contentType()).end(ar.result());
            } else {
                rc.response().setStatusCode(500).end("scrape failed: " + ar.cause());
            }
        });
    }
}
