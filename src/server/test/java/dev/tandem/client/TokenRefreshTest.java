package dev.tandem.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.server.Http;
import dev.tandem.server.TandemNode;
import dev.tandem.server.TandemOptions;
import dev.tandem.server.TestNodes;
import dev.tandem.server.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java client on a node that requires tokens: it asks its application for a token at every
 * connection, and when the token expires mid-session it gets a new one and carries on, losing no edit.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TokenRefreshTest {
    private static final String SECRET = "token-refresh-secret-0123456789-abcdefgh";
    private static Vertx vertx;
    private static TandemNode node;
    private static Tokens tokens;

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        options.access().setJwtSecret(SECRET).setLeewaySeconds(0);
        node = TestNodes.start(vertx, options);
        tokens = new Tokens(vertx, SECRET);
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void anExpiringTokenIsRenewedThroughTheApplicationWithoutLosingEdits() throws Exception {
        String doc = "refresh-" + System.nanoTime();
        AtomicInteger asked = new AtomicInteger();
        TandemClient client = TandemClient.create(vertx, new TandemClientOptions()
                .setUrl("http://127.0.0.1:" + node.port()).setUserName("ignored")
                .setReconnectInitialDelayMs(20).setReconnectMaxDelayMs(200)
                .setTokenProvider(() -> {
                    asked.incrementAndGet();
                    // Each token lives two seconds: the session ends a few times during the test.
                    return Future.succeededFuture(tokens.token(new JsonObject().put("sub", "ana").put("name", "Ana")
                            .put("docs", new JsonObject().put(doc, "editor")), System.currentTimeMillis() / 1000 + 2));
                }));
        try {
            ClientDocument d = client.open(doc, true).await(20, TimeUnit.SECONDS);
            StringBuilder expected = new StringBuilder();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(7);
            int i = 0;
            while (System.nanoTime() < end) {
                String word = "w" + i++ + " ";
                d.append(word); // offline or not: the document keeps what is typed
                expected.append(word);
                Thread.sleep(50);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(d.isSynced() && d.text().equals(expected.toString())) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(expected.toString(), d.text());
            assertTrue(d.isSynced(), "everything acknowledged");
            assertTrue(asked.get() >= 3, "a new token at each reconnect after expiry: asked " + asked.get());
            String viewer = tokens.token("vi", "Vi", Map.of(doc, "viewer"));
            assertEquals(expected.toString(), Http.request(vertx, node.port(), HttpMethod.GET, "/api/docs/" + doc, null,
                    Map.of("authorization", "Bearer " + viewer)).body().getString("content"), "every edit is on the server");
        } finally {
            client.close().await(10, TimeUnit.SECONDS);
        }
    }
}
