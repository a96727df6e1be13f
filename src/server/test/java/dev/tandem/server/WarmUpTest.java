package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.sequencer.DocumentOwnership;
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
 * ("warmup") meanwhile, a crowded scratch document and pairs moving between documents are typed
 * into, and afterwards the scratch documents are neither listed nor loaded.
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
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl()).setWarmUpOps(6000).setWarmUpSeconds(60)
                .setNodeId("warm-" + System.nanoTime());
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
        assertTrue(metrics.sum("tandem_warmup_operations") >= 6000, "ran what it was asked to: " + metrics.sum("tandem_warmup_operations")
                + " operations in " + metrics.sum("tandem_warmup_seconds") + " s");
        assertTrue(metrics.sum("tandem_warmup_seconds") > 0);

        JsonObject list = Http.get(vertx, port, "/api/docs").body();
        assertEquals(0, list.getJsonArray("docs").size(), "scratch documents are not listed: " + list);
        assertFalse(node.sequencers().activeDocuments().stream().anyMatch(d -> d.startsWith(".warmup.")),
                "scratch documents do not stay loaded (they would count as active documents)");
        long committed = 0;
        for (int i = 0; i < WarmUp.Shape.DEFAULT.documents(); i++) {
            Http.Response scratch = Http.get(vertx, port, "/api/docs/.warmup." + options.nodeId() + "." + i);
            if (scratch.status() == 200) {
                committed += scratch.body().getLong("rev");
            }
        }
        assertTrue(committed >= 6000, "the warm-up was committed to the database: " + committed + " revisions");
        Http.Response crowd = Http.get(vertx, port, "/api/docs/.warmup." + options.nodeId() + ".0");
        assertTrue(crowd.body().getLong("rev") > 100, "the crowded document was typed into: " + crowd.text());

    }

    @Test
    void typistsOfPairsMoveThroughTheirDocumentsAndWatchersStayInTheCrowd() throws Exception {
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        node = TestNodes.start(vertx, options);
        String id = options.nodeId();
        // One crowd typist and three watchers; two pairs, each moving between two documents every 20 edits.
        WarmUp.Shape shape = new WarmUp.Shape(1, 3, 2, 2, 20, 20);
        WarmUp.Result r = new WarmUp(vertx, "127.0.0.1", node.port(), id, shape, 400, 60_000).run()
                .await(90, TimeUnit.SECONDS);
        assertTrue(r.operations() >= 400 && !r.timedOut(), r.toString());
        assertEquals(5, shape.documents());
        long total = 0;
        for (int i = 0; i < shape.documents(); i++) {
            Http.Response doc = Http.get(vertx, node.port(), "/api/docs/" + DocumentOwnership.scratchDocument(id, i));
            assertEquals(200, doc.status(), "scratch document " + i + " was created and typed into: " + doc.text());
            assertTrue(doc.body().getLong("rev") > 0, doc.text());
            total += doc.body().getLong("rev");
        }
        assertTrue(total >= 400, "every acknowledged edit is a committed revision: " + total);
        double crowdCarets = Scrape.of(vertx, node.port()).sum("tandem_presence_latency_seconds_count");
        assertTrue(crowdCarets > 0, "the watchers' carets were relayed to the crowd");
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
