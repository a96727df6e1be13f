package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.presence.EmbeddedRedis;
import dev.tandem.presence.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What Redis gives a deployment: limits and a roster shared by nodes, and life without it. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisFeaturesTest {
    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static JsonObject submit(String doc, long base, String text, int at, long seq) {
        return RawClient.submit(doc, base, at == 0 ? new JsonArray().add(text) : new JsonArray().add(at).add(text), seq);
    }

    @Test
    void theOperationLimitOfAUserCountsAcrossNodes() throws Exception {
        String db = TestNodes.newDatabaseUrl();
        TandemOptions oa = TestNodes.options(db);
        oa.gateway().setOpsPerSecond(20);
        TandemOptions ob = TestNodes.options(db);
        ob.gateway().setOpsPerSecond(20);
        TandemNode a = TestNodes.start(vertx, oa);
        TandemNode b = TestNodes.start(vertx, ob);
        String user = "limited-" + System.nanoTime();
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        try (RawClient onA = RawClient.hello(vertx, a.port(), user); RawClient onB = RawClient.hello(vertx, b.port(), user)) {
            onA.send(RawClient.open("limits", null, true));
            onA.expect("opened");
            onB.send(RawClient.open("limits", null, true));
            onB.expect("opened");
            // Start just after a second boundary so the whole test falls in one one-second window.
            long now = System.currentTimeMillis();
            Thread.sleep(1000 - now % 1000 + 20);
            long second = System.currentTimeMillis() / 1000;
            for (int i = 0; i < 15; i++) {
                onA.send(submit("limits", i, "a", i, i + 1));
                onA.expect("ack");
            }
            // Node a adds its 15 to the window's counter in Redis (it flushes every 50 ms).
            windowCount(redis, user, second, 15);
            // Same user, so the same sequence numbers continue (they are per client and document).
            // A node tells Redis about a user once its own count reaches a tenth of the limit (2 of 20).
            for (int i = 15; i < 17; i++) {
                onB.send(submit("limits", i, "b", i, i + 1));
                onB.expect("ack");
            }
            // Node b adds its two and learns the total (17) from the same command's answer.
            windowCount(redis, user, second, 17);
            int accepted = 0;
            int limited = 0;
            for (int i = 0; i < 10; i++) {
                onB.send(submit("limits", 17 + accepted, "b", 17 + accepted, 18 + i));
                JsonObject r = onB.expect(m -> "ack".equals(m.getString("type")) || "error".equals(m.getString("type")),
                        "answer");
                if (r.getString("type").equals("ack")) {
                    accepted++;
                } else {
                    assertEquals("RATE_LIMITED", r.getString("code"));
                    assertTrue(r.getLong("retryAfterMs") > 0);
                    limited++;
                }
            }
            assertTrue(limited >= 5, "node b refused what node a had used up: " + limited + " refused");
            assertTrue(15 + 2 + accepted <= 21, "at most the limit (plus what b sent before it knew): "
                    + (17 + accepted));
        } finally {
            redis.close();
            TestNodes.stop(a);
            TestNodes.stop(b);
        }
    }

    /** Waits until the cluster-wide count of {@code user}'s operations in {@code second} reaches {@code n}. */
    private static void windowCount(Redis redis, String user, long second, long n) throws InterruptedException {
        String key = "tandem:rate:{OPS:" + RawClient.openModeId(user) + "}:" + second; // counted by public id
        Poll.until(key + " >= " + n, Duration.ofSeconds(5), () -> {
            Response count = redis.send(Request.cmd(Command.GET).arg(key)).await(5, TimeUnit.SECONDS);
            return count == null ? 0L : count.toLong();
        }, count -> count >= n);
    }

    @Test
    void withoutRedisEditingGoesOnAndPresenceDegradesThenRecovers() throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start(0);
        int redisPort = redis.port();
        String db = TestNodes.newDatabaseUrl();
        TandemOptions oa = TestNodes.options(db).setRedisUrl(redis.url()).setPresenceTtlMs(1500);
        TandemOptions ob = TestNodes.options(db).setRedisUrl(redis.url()).setPresenceTtlMs(1500);
        TandemNode a = TestNodes.start(vertx, oa);
        TandemNode b = TestNodes.start(vertx, ob);
        EmbeddedRedis restarted = null;
        try (RawClient ana = RawClient.hello(vertx, a.port(), "ana-on-node-a"); RawClient bo = RawClient.hello(vertx, b.port(), "bo-on-node-b")) {
            ana.send(RawClient.open("outage", null, true));
            ana.expect("opened");
            bo.send(RawClient.open("outage", null, false));
            assertTrue(rosterOf(bo.expect("opened")).contains(RawClient.openModeId("ana-on-node-a")), "through Redis, b knows ana");

            redis.close();
            ana.send(submit("outage", 0, "still typing", 0, 1));
            assertEquals(1, ana.expect("ack").getLong("rev"), "editing does not need Redis");
            assertEquals(new JsonArray().add("still typing"), bo.expect("op").getJsonArray("op"));
            try (RawClient cy = RawClient.hello(vertx, b.port(), "cy-on-node-b")) {
                cy.send(RawClient.open("outage", null, false));
                String roster = rosterOf(cy.expect("opened"));
                assertTrue(roster.contains(RawClient.openModeId("bo-on-node-b")), "degraded: node b's own users: " + roster);
                assertTrue(!roster.contains(RawClient.openModeId("ana-on-node-a")), "degraded: no one from other nodes: " + roster);
            }

            restarted = EmbeddedRedis.start(redisPort);
            // Once Redis is back, node a rewrites its users and b sees ana again: a newcomer's roster says so.
            int[] n = {0};
            Poll.until("ana in the roster of a newcomer on node b", Duration.ofSeconds(20), () -> {
                try (RawClient dee = RawClient.hello(vertx, b.port(), "dee-on-node-b-" + n[0]++)) {
                    dee.send(RawClient.open("outage", null, false));
                    return rosterOf(dee.expect("opened"));
                }
            }, roster -> roster.contains(RawClient.openModeId("ana-on-node-a")));
        } finally {
            TestNodes.stop(a);
            TestNodes.stop(b);
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    private static String rosterOf(JsonObject opened) {
        StringBuilder sb = new StringBuilder();
        for (Object o : opened.getJsonArray("presence")) {
            sb.append(((JsonObject) o).getString("client")).append(' ');
        }
        return sb.toString();
    }
}
