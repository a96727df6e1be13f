package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.storage.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /health} and {@code /ready} of a real node whose PostgreSQL goes away and comes back:
 * the node reaches its database through a proxy the test cuts, as a network partition or a
 * database restart would.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReadinessTest {
    private static Vertx vertx;
    private static TcpProxy proxy;
    private static TandemNode node;

    @BeforeAll
    static void startNode() throws Exception {
        vertx = Vertx.vertx();
        PgConnectOptions db = TestPostgres.newDatabase();
        proxy = TcpProxy.start(vertx, db.getPort());
        String url = "postgresql://" + db.getUser() + "@127.0.0.1:" + proxy.port() + "/" + db.getDatabase();
        node = TestNodes.start(vertx, TestNodes.options(url));
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        proxy.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void readyWhileTheDatabaseAnswersNotReadyWhileItIsUnreachable() throws Exception {
        Http.Response ready = Http.get(vertx, node.port(), "/ready");
        assertEquals(200, ready.status(), ready.text());
        assertEquals("ready", ready.body().getString("status"));
        assertEquals("ok", ready.body().getJsonObject("checks").getString("database"));
        assertEquals("ok", ready.body().getJsonObject("checks").getString("cluster"));

        proxy.cut();
        try {
            long started = System.nanoTime();
            Http.Response down = Http.get(vertx, node.port(), "/ready");
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(503, down.status(), down.text());
            JsonObject checks = down.body().getJsonObject("checks");
            assertEquals("not ready", down.body().getString("status"));
            assertNotEquals("ok", checks.getString("database"), "the database check says what is wrong");
            assertEquals("ok", checks.getString("cluster"), "only the failing check fails");
            assertTrue(tookMs < 5_000, "a readiness probe answers within its timeout, took " + tookMs + " ms");
            // Liveness does not depend on the database: restarting the node would not help.
            assertEquals(200, Http.get(vertx, node.port(), "/health").status());
        } finally {
            proxy.restore();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Http.Response back;
        do {
            back = Http.get(vertx, node.port(), "/ready");
        } while (back.status() != 200 && System.nanoTime() < deadline && sleep(100));
        assertEquals(200, back.status(), "ready again once the database is back: " + back.text());
    }

    @Test
    void metricsCanBeTurnedOff() throws Exception {
        TandemNode off = TestNodes.start(vertx, TestNodes.options(TestNodes.newDatabaseUrl()).setMetrics(false));
        try {
            Http.Response r = Http.get(vertx, off.port(), "/metrics");
            assertEquals(404, r.status(), r.text());
            assertEquals(200, Http.get(vertx, off.port(), "/ready").status());
        } finally {
            TestNodes.stop(off);
        }
    }

    private static boolean sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
        return true;
    }
}
