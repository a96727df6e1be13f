package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each abuse limit of the gateway, its code, and what happens to the connection that breaks it. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LimitsTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static Vertx vertx;
    private static TandemNode node;

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        // Every address but 127.0.0.1 counts: the per-address test connects from 127.0.0.2 and .3.
        options.gateway().setMaxConnectionsPerIp(3).setConnectionLimitExempt("127.0.0.1").setHelloTimeoutMs(500)
                .setMaxOpenDocuments(2).setMaxOperationBytes(1024).setMaxMessagesPerSecond(300).setPresencePerSecond(5);
        node = TestNodes.start(vertx, options);
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static RawClient client() throws Exception {
        return RawClient.hello(vertx, node.port(), "limits-" + IDS.incrementAndGet() + "-client");
    }

    private static WebSocket connectFrom(WebSocketClient from) throws Exception {
        return from.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port()).setURI("/ws"))
                .await(10, TimeUnit.SECONDS);
    }

    @Test
    void anAddressGetsItsShareOfConnectionsAndNoMore() throws Exception {
        WebSocketClient two = vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress("127.0.0.2"));
        WebSocketClient three = vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress("127.0.0.3"));
        try {
            List<WebSocket> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                open.add(connectFrom(two));
            }
            UpgradeRejectedException refused = org.junit.jupiter.api.Assertions.assertThrows(UpgradeRejectedException.class,
                    () -> connectFrom(two));
            assertEquals(429, refused.getStatus());
            assertTrue(refused.getBody().toString().contains("TOO_MANY_CONNECTIONS"), refused.getBody().toString());
            connectFrom(three).close().await(5, TimeUnit.SECONDS); // another address has its own share
            open.remove(0).close().await(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            WebSocket again = null;
            while (again == null && System.nanoTime() < deadline) {
                try {
                    again = connectFrom(two); // the slot comes back when the server has seen the close
                } catch (UpgradeRejectedException stillCounted) {
                    Thread.sleep(20);
                }
            }
            assertTrue(again != null, "a closed connection gives its slot back");
            again.close();
            for (WebSocket ws : open) {
                ws.close();
            }
        } finally {
            two.close();
            three.close();
        }
    }

    @Test
    void connectionsThatNeverSayHelloAreClosed() throws Exception {
        List<RawClient> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                silent.add(RawClient.connect(vertx, node.port()));
            }
            for (RawClient c : silent) {
                assertEquals((short) 1008, c.awaitClose(), "closed for want of a hello");
            }
            assertEquals("HELLO_TIMEOUT", silent.get(0).expect("error").getString("code"));
        } finally {
            for (RawClient c : silent) {
                c.close();
            }
        }
    }

    @Test
    void aConnectionOpensAtMostItsShareOfDocuments() throws Exception {
        try (RawClient c = client()) {
            for (int i = 0; i < 2; i++) {
                c.send(RawClient.open("limit-docs-" + IDS.incrementAndGet(), null, true));
                c.expect("opened");
            }
            c.send(RawClient.open("limit-docs-" + IDS.incrementAndGet(), null, true));
            assertEquals("TOO_MANY_DOCUMENTS", c.expect("error").getString("code"));
        }
    }

    @Test
    void anOperationLongerThanTheLimitIsRefusedOverWebSocketAndRest() throws Exception {
        String doc = "limit-op-" + IDS.incrementAndGet();
        try (RawClient c = client()) {
            c.send(RawClient.open(doc, null, true));
            c.expect("opened");
            c.send(RawClient.submit(doc, 0, new JsonArray().add("x".repeat(2000)), 1));
            JsonObject e = c.expect("error");
            assertEquals("OPERATION_TOO_LARGE", e.getString("code"));
            assertTrue(e.getBoolean("resync"));
            c.send(RawClient.submit(doc, 0, new JsonArray().add("x".repeat(100)), 2));
            assertEquals(1, c.expect("ack").getLong("rev"), "a small one goes through");
        }
        Http.Response rest = Http.post(vertx, node.port(), "/api/docs/" + doc + "/ops", new JsonObject().put("base", 1)
                .put("op", new JsonArray().add(100).add("y".repeat(2000))).put("client", "rest-bot-1").put("seq", 1).encode());
        assertEquals(413, rest.status());
        assertEquals("OPERATION_TOO_LARGE", rest.errorCode());
    }

    @Test
    void aMessageFloodClosesTheConnectionWithAReason() throws Exception {
        try (RawClient c = client()) {
            JsonArray batch = new JsonArray();
            for (int i = 0; i < 400; i++) {
                batch.add(new JsonObject().put("type", "ping").put("t", i));
            }
            c.sendText(batch.encode());
            assertEquals((short) 1008, c.awaitClose());
            c.expect(m -> "error".equals(m.getString("type")) && "MESSAGE_FLOOD".equals(m.getString("code")), "MESSAGE_FLOOD");
        }
        try (RawClient fine = client()) {
            fine.send(new JsonObject().put("type", "ping").put("t", 1));
            fine.expect("pong");
        }
    }

    @Test
    void aPresenceFloodClosesTheConnectionButAFastHonestCaretIsOnlyCoalesced() throws Exception {
        String doc = "limit-presence-" + IDS.incrementAndGet();
        try (RawClient watcher = client(); RawClient honest = client(); RawClient flood = client()) {
            for (RawClient c : List.of(watcher, honest, flood)) {
                c.send(RawClient.open(doc, null, true));
                c.expect("opened");
            }
            for (int i = 0; i < 8; i++) { // above the 5/s limit, under four times it: coalesced, never refused
                honest.send(new JsonObject().put("type", "presence").put("doc", doc).put("rev", 0).putNull("sel").put("typing", i % 2 == 0));
            }
            JsonArray burst = new JsonArray();
            for (int i = 0; i < 50; i++) {
                burst.add(new JsonObject().put("type", "presence").put("doc", doc).put("rev", 0).putNull("sel").put("typing", true));
            }
            flood.sendText(burst.encode());
            assertEquals((short) 1008, flood.awaitClose());
            flood.expect(m -> "error".equals(m.getString("type")) && "PRESENCE_FLOOD".equals(m.getString("code")), "PRESENCE_FLOOD");
            watcher.expect(m -> "left".equals(m.getString("type")) && flood.publicId().equals(m.getString("client")), "the flood left");
            assertTrue(honest.drain(300).stream().noneMatch(m -> "error".equals(m.getString("type"))), "the honest caret got no error");
            assertTrue(!honest.isClosed());
        }
    }

    @Test
    void restWritesNeedJsonAndAnswerOptions() throws Exception {
        assertEquals(415, Http.request(vertx, node.port(), HttpMethod.POST, "/api/docs", "{}", Map.of("content-type", "text/plain")).status());
        assertEquals(204, Http.request(vertx, node.port(), HttpMethod.OPTIONS, "/api/docs", null, Map.of()).status());
    }
}
