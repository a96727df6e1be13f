package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Operations per user per second are counted across the cluster (in Redis), whatever the
 * connections and nodes the user spreads them over; another user has a budget of their own.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UserRateLimitTest {
    private static final String SECRET = "rate-limit-secret-0123456789-abcdefghij";

    @Test
    void aUserOnTwoNodesSharesOneBudgetAndAnotherUserHasTheirOwn() throws Exception {
        Vertx vertx = Vertx.vertx();
        String db = TestNodes.newDatabaseUrl();
        TandemNode a = null;
        TandemNode b = null;
        try {
            TandemOptions oa = TestNodes.options(db);
            oa.access().setJwtSecret(SECRET);
            oa.gateway().setOpsPerSecond(10);
            TandemOptions ob = TestNodes.options(db);
            ob.access().setJwtSecret(SECRET);
            ob.gateway().setOpsPerSecond(10);
            a = TestNodes.start(vertx, oa);
            b = TestNodes.start(vertx, ob);
            Tokens tokens = new Tokens(vertx, SECRET);
            String ana = tokens.token("ana", "Ana", Map.of("rate-*", "editor"));
            String bo = tokens.token("bo", "Bo", Map.of("rate-*", "editor"));
            try (RawClient onA = RawClient.hello(vertx, a.port(), "ana-on-a-client", ana);
                    RawClient onB = RawClient.hello(vertx, b.port(), "ana-on-b-client", ana);
                    RawClient other = RawClient.hello(vertx, b.port(), "bo-on-b-client", bo)) {
                for (RawClient c : new RawClient[] {onA, onB, other}) {
                    c.send(RawClient.open("rate-" + c.publicId(), null, true));
                    c.expect("opened");
                }
                // Start just after a second begins: the limit counts in one-second windows.
                Thread.sleep(1050 - System.currentTimeMillis() % 1000);
                int acceptedA = submit(onA, 8);
                Thread.sleep(150); // several flushes to Redis (every 50 ms)
                // Decisions are local between flushes (docs/OPERATIONS.md): paced over several
                // flushes, node b learns what node a counted and refuses the rest.
                int acceptedB = submit(onB, 8, 40);
                int acceptedOther = submit(other, 8);
                assertEquals(8, acceptedA, "under the limit on node a");
                assertTrue(acceptedA + acceptedB <= 10 + 1, "ana's two connections on two nodes share 10 a second: "
                        + acceptedA + " + " + acceptedB);
                assertEquals(8, acceptedOther, "bo has a budget of his own");
            }
        } finally {
            if (a != null) {
                TestNodes.stop(a);
            }
            if (b != null) {
                TestNodes.stop(b);
            }
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Submits {@code n} edits (one at a time) and counts the acks; the others must be RATE_LIMITED. */
    private static int submit(RawClient c, int n) throws Exception {
        return submit(c, n, 0);
    }

    /** As {@link #submit(RawClient, int)}, waiting {@code gapMs} after each answer. */
    private static int submit(RawClient c, int n, long gapMs) throws Exception {
        String doc = "rate-" + c.publicId();
        int acked = 0;
        long rev = -1;
        for (int i = 0; i < n; i++) {
            if (rev < 0) {
                rev = 0;
            }
            c.send(RawClient.submit(doc, rev, rev == 0 ? new JsonArray().add("x") : new JsonArray().add((int) rev).add("x"),
                    System.nanoTime()));
            JsonObject answer = c.expect(m -> "ack".equals(m.getString("type")) || "error".equals(m.getString("type")), "an answer");
            if ("ack".equals(answer.getString("type"))) {
                acked++;
                rev = answer.getLong("rev");
            } else {
                assertEquals("RATE_LIMITED", answer.getString("code"), answer.encode());
                assertTrue(answer.getLong("retryAfterMs") > 0);
            }
            if (gapMs > 0) {
                Thread.sleep(gapMs);
            }
        }
        return acked;
    }
}
