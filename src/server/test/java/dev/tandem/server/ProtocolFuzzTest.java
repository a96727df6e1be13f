package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of malformed and hostile WebSocket frames, seeded: each kind of frame must get its
 * documented error code (or, for the few legitimate ones, its documented answer), the node must
 * stay healthy, and a canary document typed into throughout (and attacked with every operation
 * the attacker can think of) must end exactly as its author typed it. {@link RestFuzzTest} does
 * the same for REST.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProtocolFuzzTest {
    static final long SEED = Long.getLong("tandem.fuzz.seed", 20261205L);
    private static final int FRAMES = 4000;
    private static final String CANARY = "fuzz-canary";
    private static final String SCRATCH = "fuzz-scratch";
    private static Vertx vertx;
    private static TandemNode node;

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        options.gateway().setOpsPerSecond(0).setMaxMessagesPerSecond(20_000).setPresencePerSecond(200)
                .setMaxMessageBytes(64 * 1024).setMaxOperationBytes(16 * 1024);
        node = TestNodes.start(vertx, options);
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** A kind of hostile frame and the answer PROTOCOL.md documents for it. */
    private record Kind(String name, String expected, Function<Random, String> frame) {
    }

    private static JsonObject submit(String doc, long base, Object op, long seq) {
        return new JsonObject().put("type", "submit").put("doc", doc).put("base", base).put("op", op).put("seq", seq);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static String junk(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) r.nextInt(0x10000)); // lone surrogates, controls, anything
        }
        return sb.toString();
    }

    private static List<Kind> kinds() {
        List<Kind> k = new ArrayList<>();
        k.add(new Kind("not JSON", "MALFORMED_MESSAGE", r -> "{" + junk(r, 1 + r.nextInt(40))));
        k.add(new Kind("a scalar", "MALFORMED_MESSAGE", r -> List.of("1", "\"hello\"", "null", "true", "1e308").get(r.nextInt(5))));
        k.add(new Kind("too deep", "MALFORMED_MESSAGE", r -> nested(1500 + r.nextInt(3000))));
        k.add(new Kind("too many in a batch", "MALFORMED_MESSAGE", r -> "[" + "{\"type\":\"ping\"},".repeat(1000) + "{\"type\":\"ping\"}]"));
        k.add(new Kind("no type", "MALFORMED_MESSAGE", r -> new JsonObject().put("doc", CANARY).put("seq", r.nextInt()).encode()));
        k.add(new Kind("a type of the wrong kind", "MALFORMED_MESSAGE", r -> "{\"type\":" + List.of("1", "[]", "{}", "null").get(r.nextInt(4)) + "}"));
        k.add(new Kind("an unknown type", "UNKNOWN_MESSAGE_TYPE", r -> new JsonObject().put("type", "x" + junk(r, 8)).encode()));
        k.add(new Kind("a second hello", "HELLO_REQUIRED", r -> new JsonObject().put("type", "hello").put("v", 1)
                .put("clientId", "again-" + r.nextInt(1_000_000) + "-id").encode()));
        k.add(new Kind("a doc that is not a string", "MALFORMED_MESSAGE", r -> "{\"type\":\"open\",\"doc\":" + r.nextInt() + "}"));
        k.add(new Kind("an invalid doc id", "INVALID_DOCUMENT_ID", r -> new JsonObject().put("type", "open")
                .put("doc", List.of("", "../etc/passwd", "a b", "x".repeat(129), "\u0000", junk(r, 5) + "/").get(r.nextInt(6))).encode()));
        k.add(new Kind("a huge number", "MALFORMED_MESSAGE", r -> "{\"type\":\"submit\",\"doc\":\"" + CANARY + "\",\"base\":"
                + List.of("1e300", "123456789012345678901234567890", "-5", "0.5", "\"1\"").get(r.nextInt(5)) + ",\"op\":[\"x\"],\"seq\":1}"));
        k.add(new Kind("a seq of the wrong kind", "MALFORMED_MESSAGE", r -> "{\"type\":\"submit\",\"doc\":\"" + CANARY
                + "\",\"base\":0,\"op\":[\"x\"],\"seq\":" + List.of("0", "-1", "1.5", "\"1\"", "null", "99999999999999999999").get(r.nextInt(6)) + "}"));
        k.add(new Kind("a malformed text operation", "INVALID_OPERATION", r -> submit(CANARY, 0,
                new JsonArray(List.of(List.of(0, -0.5, true, "", new JsonArray(), new JsonObject()).get(r.nextInt(6)))), 1 + r.nextInt(1000)).encode()));
        k.add(new Kind("a deeply nested operation", "INVALID_OPERATION", r -> "{\"type\":\"submit\",\"doc\":\"" + CANARY
                + "\",\"base\":0,\"op\":" + nested(2 + r.nextInt(200)) + ",\"seq\":3}"));
        k.add(new Kind("a lone surrogate", "INVALID_OPERATION", r -> "{\"type\":\"submit\",\"doc\":\"" + CANARY
                + "\",\"base\":0,\"op\":[\"a\\ud800b\"],\"seq\":" + (1 + r.nextInt(1000)) + "}"));
        k.add(new Kind("an operation longer than the document", "OPERATION_DOES_NOT_FIT", r -> submit(CANARY, 0,
                new JsonArray().add(1 + r.nextInt(1_000_000)).add("x"), 1_000_000 + r.nextInt(1_000_000)).encode()));
        k.add(new Kind("a base in the future", "REVISION_IN_FUTURE", r -> submit(CANARY, 1_000_000_000L + r.nextInt(1000),
                new JsonArray().add("x"), 2_000_000 + r.nextInt(1_000_000)).encode()));
        k.add(new Kind("an operation over the size limit", "OPERATION_TOO_LARGE", r -> submit(CANARY, 0,
                new JsonArray().add("y".repeat(20_000 + r.nextInt(20_000))), 1).encode()));
        k.add(new Kind("a frame over the size limit", "MESSAGE_TOO_LARGE", r -> "\"" + "z".repeat(70_000 + r.nextInt(10_000)) + "\""));
        k.add(new Kind("another type's operation", "TYPE_MISMATCH", r -> submit(CANARY, 0,
                new JsonObject().put("ops", new JsonArray().add(new JsonObject().put("insert", "q"))), 5).encode()));
        k.add(new Kind("a document not open", "DOCUMENT_NOT_OPEN", r -> submit("never-opened-" + r.nextInt(100), 0,
                new JsonArray().add("x"), 1).encode()));
        k.add(new Kind("presence with a malformed selection", "MALFORMED_MESSAGE", r -> new JsonObject().put("type", "presence")
                .put("doc", CANARY).put("rev", 0).put("sel", List.of("x", new JsonArray().add(-1).add(0), new JsonArray().add(1)).get(r.nextInt(3))).encode()));
        k.add(new Kind("a very long name", "MALFORMED_MESSAGE", r -> new JsonObject().put("type", "user")
                .put("user", new JsonObject().put("name", "n".repeat(65 + r.nextInt(20_000)))).encode()));
        k.add(new Kind("a bad colour", "MALFORMED_MESSAGE", r -> new JsonObject().put("type", "user")
                .put("user", new JsonObject().put("color", junk(r, 7))).encode()));
        k.add(new Kind("an unknown document type", "UNKNOWN_DOCUMENT_TYPE", r -> new JsonObject().put("type", "open")
                .put("doc", SCRATCH).put("docType", "spreadsheet" + r.nextInt(10)).encode()));
        k.add(new Kind("a close of a document not open", "DOCUMENT_NOT_OPEN", r -> new JsonObject().put("type", "close")
                .put("doc", "not-open-" + r.nextInt(1000)).encode()));
        return k;
    }

    @Test
    void thousandsOfHostileFramesGetTheirCodesAndTheCanaryEndsExactlyAsTyped() throws Exception {
        Random r = new Random(SEED);
        List<Kind> kinds = kinds();
        Map<String, Integer> counts = new LinkedHashMap<>();
        StringBuilder canaryText = new StringBuilder();
        try (RawClient author = RawClient.hello(vertx, node.port(), "fuzz-canary-author");
                RawClient attacker = RawClient.hello(vertx, node.port(), "fuzz-attacker-01")) {
            author.send(RawClient.open(CANARY, null, true));
            author.expect("opened");
            attacker.send(RawClient.open(CANARY, null, false));
            attacker.expect("opened");
            long canaryRev = 0;
            for (int i = 0; i < FRAMES; i++) {
                Kind kind = kinds.get(r.nextInt(kinds.size()));
                attacker.sendText(kind.frame().apply(r));
                JsonObject answer = attacker.expect(m -> "error".equals(m.getString("type")), kind.name());
                assertEquals(kind.expected(), answer.getString("code"), "frame " + i + " (" + kind.name() + ", seed " + SEED + "): " + answer.encode());
                counts.merge(kind.name(), 1, Integer::sum);
                if (i % 20 == 0) { // the author types on, one character at the end
                    String c = Character.toString('a' + (i / 20) % 26);
                    author.send(RawClient.submit(CANARY, canaryRev, canaryRev == 0 ? new JsonArray().add(c)
                            : new JsonArray().add(canaryText.codePointCount(0, canaryText.length())).add(c), canaryRev + 1));
                    canaryRev = author.expect("ack").getLong("rev");
                    canaryText.append(c);
                }
            }
            assertTrue(attacker.seen().stream().noneMatch(m -> "ack".equals(m.getString("type"))), "no hostile frame was applied");
        }
        System.out.println("protocol fuzz (seed " + SEED + "): " + counts);
        assertEquals(kinds.size(), counts.size(), "every kind of frame was tried");
        assertEquals(canaryText.toString(), Http.get(vertx, node.port(), "/api/docs/" + CANARY).body().getString("content"),
                "the canary document ends exactly as its author typed it");
        assertHealthy();
    }

    @Test
    void anotherClientsSequenceNumbersReplayedUnderItsPublicIdDoNotTouchItsEdits() throws Exception {
        String doc = SCRATCH + "-replay";
        try (RawClient owner = RawClient.hello(vertx, node.port(), "fuzz-replay-owner")) {
            owner.send(RawClient.open(doc, null, true));
            owner.expect("opened");
            owner.send(RawClient.submit(doc, 0, new JsonArray().add("mine"), 1));
            assertEquals(1, owner.expect("ack").getLong("rev"));
            // The attacker has seen the owner's public id in a broadcast and poses as it.
            try (RawClient replayer = RawClient.hello(vertx, node.port(), owner.publicId())) {
                replayer.send(RawClient.open(doc, 1L, false));
                replayer.expect("opened");
                replayer.send(RawClient.submit(doc, 1, new JsonArray().add(4).add("!"), 1));
                JsonObject ack = replayer.expect("ack");
                assertEquals(2, ack.getLong("rev"), "a new client's first edit, not a duplicate of the owner's seq 1");
                replayer.send(RawClient.submit(doc, 2, new JsonArray().add(5).add("?"), 1_000_000));
                replayer.expect("ack");
            }
            owner.send(RawClient.submit(doc, 3, new JsonArray().add(6).add("."), 2));
            assertEquals(4, owner.expect(m -> "ack".equals(m.getString("type")) && m.getLong("seq") == 2, "the owner's ack").getLong("rev"));
        }
        assertHealthy();
    }

    @Test
    void floodsCloseTheirConnectionsAndNothingElse() throws Exception {
        try (RawClient bystander = RawClient.hello(vertx, node.port(), "fuzz-bystander-01")) {
            try (RawClient pings = RawClient.hello(vertx, node.port(), "fuzz-ping-flood")) {
                String batch = "[" + "{\"type\":\"ping\",\"t\":1},".repeat(999) + "{\"type\":\"ping\",\"t\":1}]";
                // Frames of 1000 within one second (the limit counts wall-clock seconds), each sent once
                // the last one's pongs are in, and none after the flood error: what a client writes
                // after the close is answered by a TCP reset, which would cut the close frame.
                Thread.sleep(1010 - System.currentTimeMillis() % 1000);
                boolean flooded = false;
                for (int i = 0; i < 30 && !flooded; i++) {
                    pings.sendText(batch);
                    int pongs = 0;
                    while (pongs < 1000 && !flooded) {
                        JsonObject m = pings.expect(x -> "pong".equals(x.getString("type")) || "error".equals(x.getString("type")), "pongs");
                        flooded = "error".equals(m.getString("type"));
                        assertTrue(!flooded || "MESSAGE_FLOOD".equals(m.getString("code")), m.encode());
                        pongs++;
                    }
                }
                assertTrue(flooded, "the flood was stopped");
                assertEquals((short) 1008, pings.awaitClose());
            }
            try (RawClient carets = RawClient.hello(vertx, node.port(), "fuzz-caret-flood")) {
                carets.send(RawClient.open(SCRATCH, null, true));
                carets.expect("opened");
                JsonArray burst = new JsonArray();
                for (int i = 0; i < 450; i++) {
                    burst.add(new JsonObject().put("type", "presence").put("doc", SCRATCH).put("rev", 0)
                            .put("sel", new JsonArray().add(0).add(0)).put("typing", i % 2 == 0));
                }
                // Two frames (each under the frame limit) in one wall-clock second: 900 carets, over 4 x 200.
                Thread.sleep(1010 - System.currentTimeMillis() % 1000);
                carets.sendText(burst.encode());
                carets.sendText(burst.encode());
                assertEquals((short) 1008, carets.awaitClose());
                carets.expect(m -> "PRESENCE_FLOOD".equals(m.getString("code")), "PRESENCE_FLOOD");
            }
            bystander.send(new JsonObject().put("type", "ping").put("t", 7));
            assertEquals(7, bystander.expect("pong").getInteger("t"), "others are served on");
        }
        assertHealthy();
    }

    static void assertHealthy() throws Exception {
        assertEquals(200, Http.get(vertx, node.port(), "/health").status());
        assertEquals(200, Http.get(vertx, node.port(), "/ready").status());
        try (RawClient fresh = RawClient.hello(vertx, node.port(), "fuzz-after-" + System.nanoTime())) {
            String doc = "fuzz-after-" + System.nanoTime();
            fresh.send(RawClient.open(doc, null, true));
            fresh.expect("opened");
            fresh.send(RawClient.submit(doc, 0, new JsonArray().add("ok"), 1));
            assertEquals(1, fresh.expect("ack").getLong("rev"), "the node still edits");
        }
    }
}
