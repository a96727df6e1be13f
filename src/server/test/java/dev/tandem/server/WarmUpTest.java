package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A starting node runs its hot paths through its own gateway before it says ready: /ready is 503
 * ("warmup") meanwhile, and afterwards the scratch documents are neither listed nor loaded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WarmUpTest {
    private Vertx vertx;
    private TandemNode node;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (node != null) {
            TestNodes.stop(node);
        }
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void theNodeSaysReadyOnlyAfterItsWarmUpAndLeavesNoTrace() throws Exception {
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl()).setWarmUpOps(3000).setWarmUpSeconds(60);
        int port = options.gateway().port();
        Future<TandemNode> starting = TandemNode.start(vertx, options);

        Http.Response health = until(() -> Http.get(vertx, port, "/health"), r -> r.status() == 200, "the gateway listens");
        Http.Response early = Http.get(vertx, port, "/ready");
        if (!starting.isComplete()) {
            assertEquals(503, early.status(), "not ready while warming up: " + early.text());
            assertTrue(early.text().contains("warm"), early.text());
        }
        node = starting.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
        assertEquals(200, health.status());

        Http.Response ready = Http.get(vertx, port, "/ready");
        assertEquals(200, ready.status(), ready.text());
        assertEquals("ok", ready.body().getJsonObject("checks").getString("warmup"));
        Scrape metrics = Scrape.of(vertx, port);
        assertTrue(metrics.sum("tandem_warmup_operations") >= 3000, "ran what it was asked to");
        assertTrue(metrics.sum("tandem_warmup_seconds") > 0);

        JsonObject list = Http.get(vertx, port, "/api/docs").body();
        assertEquals(0, list.getJsonArray("docs").size(), "scratch documents are not listed: " + list);
        assertFalse(node.sequencers().activeDocuments().stream().anyMatch(d -> d.startsWith(".warmup.")),
                "scratch documents do not stay loaded (they would count as active documents)");
        Http.Response scratch = Http.get(vertx, port, "/api/docs/.warmup." + options.nodeId() + ".0");
        assertTrue(scratch.body().getLong("rev") > 1000, "the warm-up was committed to the database: " + scratch.text());
    }

    private interface Call {
        Http.Response get() throws Exception;
    }

    private static Http.Response until(Call call, java.util.function.Predicate<Http.Response> ok, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Http.Response r = call.get();
                if (ok.test(r)) {
                    return r;
                }
            } catch (Exception e) {
                last = e; // not listening yet
            }
            Thread.sleep(20); // polling a condition, between attempts
        }
        throw new AssertionError("timed out waiting until " + what, last);
    }
}
