package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wire protocol of docs/PROTOCOL.md, message by message, against a real node over real sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProtocolTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static Vertx vertx;
    private static TandemNode node;

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        options.sequencer().setMaxCatchUp(20).setHistoryWindow(8);
        options.gateway().setMaxQueuedBytes(256 * 1024);
        node = TestNodes.start(vertx, options);
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String doc() {
        return "doc-" + IDS.incrementAndGet();
    }

    private static RawClient client(String name) throws Exception {
        return RawClient.hello(vertx, node.port(), name + "-" + IDS.incrementAndGet() + "-client");
    }

    private static JsonArray op(Object... parts) {
        return new JsonArray(java.util.List.of(parts));
    }

    @Test
    void editsAreAckedToTheAuthorAndBroadcastToOthersInOrder() throws Exception {
        String doc = doc();
        try (RawClient ana = client("ana"); RawClient bo = client("bo")) {
            ana.send(RawClient.open(doc, null, true));
            JsonObject opened = ana.expect("opened");
            assertEquals(0, opened.getLong("rev"));
            assertEquals("", opened.getString("snapshot"));
            assertNotNull(opened.getJsonObject("owner").getString("node"));
            bo.send(RawClient.open(doc, null, false));
            bo.expect("opened");

            ana.send(RawClient.submit(doc, 0, op("h\ud83d\ude00"), 1));
            JsonObject ack = ana.expect("ack");
            assertEquals(1, ack.getLong("rev"));
            assertEquals(1, ack.getLong("seq"));
            JsonObject remote = bo.expect("op");
            assertEquals(1, remote.getLong("rev"));
            assertEquals(op("h\ud83d\ude00"), remote.getJsonArray("op"));

            // Concurrent edits on the same base: bo has not seen ana's revision 2 when it submits.
            ana.send(RawClient.submit(doc, 1, op(2, "!"), 2));
            assertEquals(2, ana.expect("ack").getLong("rev"));
            bo.send(RawClient.submit(doc, 1, op("<", 2), 1));
            assertEquals(op(2, "!"), bo.expect("op").getJsonArray("op"));
            assertEquals(3, bo.expect("ack").getLong("rev"));
            assertEquals(op("<", 3), ana.expect("op").getJsonArray("op"));
        }
        assertEquals("<h\ud83d\ude00!", readDocument(doc).getString("content"));
    }

    @Test
    void reopeningWithAKnownRevisionSendsOnlyTheMissedRevisions() throws Exception {
        String doc = doc();
        try (RawClient ana = client("ana")) {
            ana.send(RawClient.open(doc, null, true));
            ana.expect("opened");
            for (int i = 0; i < 5; i++) {
                ana.send(RawClient.submit(doc, i, i == 0 ? op("a") : op(i, "a"), i + 1));
                ana.expect("ack");
            }
        }
        try (RawClient again = client("again")) {
            again.send(RawClient.open(doc, 2L, false));
            JsonObject opened = again.expect("opened");
            assertEquals(5, opened.getLong("rev"));
            assertFalse(opened.containsKey("snapshot"));
            JsonArray ops = opened.getJsonArray("ops");
            assertEquals(3, ops.size());
            assertEquals(3, ops.getJsonObject(0).getLong("rev"));
            assertEquals(op(2, "a"), ops.getJsonObject(0).getJsonArray("op"));
        }
    }

    @Test
    void resubmittedOpIsAckedButNotAppliedTwice() throws Exception {
        String doc = doc();
        String clientId = "resubmitter-" + IDS.incrementAndGet();
        try (RawClient first = RawClient.hello(vertx, node.port(), clientId)) {
            first.send(RawClient.open(doc, null, true));
            first.expect("opened");
            first.send(RawClient.submit(doc, 0, op("once"), 1));
            assertEquals(1, first.expect("ack").getLong("rev"));
        }
        // Same client after a reconnect, unsure whether its edit landed, sends it again.
        try (RawClient second = RawClient.hello(vertx, node.port(), clientId)) {
            second.send(RawClient.open(doc, 0L, false));
            second.expect("opened");
            second.send(RawClient.submit(doc, 0, op("once"), 1));
            JsonObject ack = second.expect("ack");
            assertEquals(1, ack.getLong("rev"));
            assertEquals(1, ack.getLong("seq"));
        }
        JsonObject state = readDocument(doc);
        assertEquals("once", state.getString("content"));
        assertEquals(1, state.getLong("rev"));
    }

    /**
     * A resubmission older than the client's last seq, of an edit that has left the sequencer's
     * memory (this node keeps at most 20 revisions), is looked up in storage: acked with its
     * original revision if it was committed, refused as stale if it never was.
     */
    @Test
    void anOldResubmissionIsAckedWithItsOriginalRevisionFromStorage() throws Exception {
        String doc = doc();
        try (RawClient c = client("old-seq")) {
            c.send(RawClient.open(doc, null, true));
            c.expect("opened");
            for (int i = 0; i < 30; i++) {
                c.send(RawClient.submit(doc, i, i == 0 ? op("a") : op(i, "a"), 2L * (i + 1)));
                assertEquals(i + 1, c.expect("ack").getLong("rev"));
            }
            c.send(RawClient.submit(doc, 1, op(1, "a"), 4));
            JsonObject ack = c.expect(m -> true, "the answer to seq 4");
            assertEquals("ack", ack.getString("type"), ack.encode());
            assertEquals(4, ack.getLong("seq"));
            assertEquals(2, ack.getLong("rev"));
            c.send(RawClient.submit(doc, 2, op(2, "a"), 5));
            assertEquals(5, c.expectError("STALE_SEQUENCE").getLong("seq"));
            c.send(RawClient.submit(doc, 29, op(29, "a"), 60));
            JsonObject recent = c.expect("ack");
            assertEquals(60, recent.getLong("seq"));
            assertEquals(30, recent.getLong("rev"));
            assertTrue(c.seen().stream().noneMatch(m -> m.getString("type").equals("op")), c.seen().toString());
        }
        assertEquals(30, readDocument(doc).getLong("rev"));
    }

    @Test
    void everyRejectedInputGetsItsErrorAndChangesNothing() throws Exception {
        String doc = doc();
        try (RawClient c = client("bad")) {
            c.send(RawClient.open(doc, null, true));
            c.expect("opened");
            c.send(RawClient.submit(doc, 0, op("abc"), 1));
            c.expect("ack");

            c.send(RawClient.submit(doc, 7, op(3, "x"), 2));
            JsonObject future = c.expectError("REVISION_IN_FUTURE");
            assertTrue(future.getBoolean("resync"));
            assertEquals(2, future.getLong("seq"));
            assertEquals(doc, future.getString("doc"));

            c.send(RawClient.submit(doc, 1, op(5, "x"), 3));
            assertEquals("PAST_END", c.expectError("OPERATION_DOES_NOT_FIT").getString("detail"));
            c.send(RawClient.submit(doc, 1, op(2, "x"), 4));
            assertEquals("BASE_LENGTH_MISMATCH", c.expectError("OPERATION_DOES_NOT_FIT").getString("detail"));
            c.send(RawClient.submit(doc, 1, op(0, "x"), 5));
            assertEquals("NON_POSITIVE_LENGTH", c.expectError("INVALID_OPERATION").getString("detail"));
            // A lone surrogate can only arrive escaped: raw, it is not valid UTF-8 on the wire.
            c.sendText("{\"type\":\"submit\",\"doc\":\"" + doc + "\",\"base\":1,\"op\":[3,\"\\ud83d\"],\"seq\":6}");
            assertEquals("LONE_SURROGATE", c.expectError("INVALID_OPERATION").getString("detail"));
            c.send(RawClient.submit(doc, 1, op(3, true), 7));
            assertEquals("UNKNOWN_COMPONENT", c.expectError("INVALID_OPERATION").getString("detail"));
            c.send(RawClient.submit("not-open-" + doc, 0, op("x"), 8));
            c.expectError("DOCUMENT_NOT_OPEN");
            c.send(RawClient.submit(doc, 1, op(3, "x"), 0));
            c.expectError("MALFORMED_MESSAGE");
            c.send(new JsonObject().put("type", "submit").put("doc", doc).put("base", "one").put("op", op(3)).put("seq", 9));
            c.expectError("MALFORMED_MESSAGE");
            c.send(new JsonObject().put("type", "open").put("doc", "no spaces allowed"));
            c.expectError("INVALID_DOCUMENT_ID");
            c.send(RawClient.open("missing-" + doc, null, false));
            c.expectError("DOCUMENT_NOT_FOUND");
            c.send(new JsonObject().put("type", "dance"));
            c.expectError("UNKNOWN_MESSAGE_TYPE");
            c.sendText("{not json");
            c.expectError("MALFORMED_MESSAGE");
            c.sendText("42");
            c.expectError("MALFORMED_MESSAGE");
            c.sendText("[{\"type\":\"ping\",\"t\":1},{\"type\":\"ping\",\"t\":2}]");
            assertEquals(1, c.expect("pong").getInteger("t"));
            assertEquals(2, c.expect("pong").getInteger("t"));
            // A stale sequence number: lower than one already committed.
            c.send(RawClient.submit(doc, 1, op(3, "late"), 10));
            c.expect("ack");
            c.send(RawClient.submit(doc, 2, op(7, "older"), 9));
            c.expectError("STALE_SEQUENCE");
        }
        assertEquals("abclate", readDocument(doc).getString("content"));
    }

    @Test
    void messagesBeforeHelloAndUnsupportedVersionsAreRefused() throws Exception {
        try (RawClient c = RawClient.connect(vertx, node.port())) {
            c.send(RawClient.open(doc(), null, true));
            c.expectError("HELLO_REQUIRED");
            c.send(new JsonObject().put("type", "hello").put("v", 1).put("clientId", "short"));
            c.expectError("MALFORMED_MESSAGE");
            c.send(new JsonObject().put("type", "hello").put("v", 2).put("clientId", "a-long-enough-id"));
            c.expectError("UNSUPPORTED_VERSION");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (c.closeCode() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(c.isClosed(), "the server closes after an unsupported version");
            assertEquals((short) 4400, c.closeCode());
        }
    }

    @Test
    void aNameLongerThan64CharactersIsRefusedNotCut() throws Exception {
        String clientId = "long-name-" + IDS.incrementAndGet();
        try (RawClient c = RawClient.connect(vertx, node.port())) {
            c.send(new JsonObject().put("type", "hello").put("v", 1).put("clientId", clientId)
                    .put("user", new JsonObject().put("name", "n".repeat(10_000))));
            assertTrue(c.expectError("MALFORMED_MESSAGE").getString("message").contains("64"));
            // 64 characters, some outside the BMP (two UTF-16 units each), are fine.
            String longest = "\ud83d\ude00".repeat(4) + "n".repeat(60);
            c.send(new JsonObject().put("type", "hello").put("v", 1).put("clientId", clientId)
                    .put("user", new JsonObject().put("name", longest)));
            c.expect("welcome");
            c.send(new JsonObject().put("type", "user").put("user", new JsonObject().put("name", longest + "n")));
            c.expectError("MALFORMED_MESSAGE");
        }
    }

    @Test
    void oversizedMessagesAreDroppedWithAnError() throws Exception {
        String doc = doc();
        try (RawClient c = client("big")) {
            c.send(RawClient.open(doc, null, true));
            c.expect("opened");
            String huge = "x".repeat(node.options().gateway().maxMessageBytes() + 10);
            c.send(RawClient.submit(doc, 0, op(huge), 1));
            c.expectError("MESSAGE_TOO_LARGE");
            c.send(RawClient.submit(doc, 0, op("small"), 2));
            assertEquals(1, c.expect("ack").getLong("rev"));
        }
        assertEquals("small", readDocument(doc).getString("content"));
    }

    @Test
    void presenceIsRelayedAndLeavingIsAnnounced() throws Exception {
        String doc = doc();
        try (RawClient ana = client("ana"); RawClient bo = client("bo")) {
            ana.send(RawClient.open(doc, null, true));
            ana.expect("opened");
            bo.send(RawClient.open(doc, null, false));
            JsonObject opened = bo.expect("opened");
            assertEquals(1, opened.getJsonArray("presence").size(), "bo sees ana already there");
            ana.send(RawClient.submit(doc, 0, op("hello"), 1));
            ana.expect("ack");
            bo.expect("op");
            ana.send(new JsonObject().put("type", "presence").put("doc", doc).put("rev", 1)
                    .put("sel", new JsonArray().add(1).add(4)).put("typing", true));
            JsonObject p = bo.expect(m -> "presence".equals(m.getString("type"))
                    && m.getJsonArray("sel") != null, "ana's selection");
            assertEquals(new JsonArray().add(1).add(4), p.getJsonArray("sel"));
            assertTrue(p.getBoolean("typing"));
            assertTrue(p.getJsonObject("user").getString("name").startsWith("Test ana"));
            ana.send(new JsonObject().put("type", "presence").put("doc", doc).put("rev", 9).put("sel", null));
            ana.expectError("REVISION_IN_FUTURE");
            ana.send(new JsonObject().put("type", "presence").put("doc", doc).put("rev", 1).put("sel", "everything"));
            ana.expectError("MALFORMED_MESSAGE");
            ana.send(new JsonObject().put("type", "close").put("doc", doc));
            ana.expect("closed");
            JsonObject left = bo.expect("left");
            assertEquals(p.getString("client"), left.getString("client"));
        }
    }

    @Test
    void sockJsSpeaksTheSameProtocol() throws Exception {
        String doc = doc();
        try (RawClient ws = client("ws"); RawClient sj = RawClient.connectSockJs(vertx, node.port())) {
            sj.send(new JsonObject().put("type", "hello").put("v", 1).put("clientId", "sockjs-client-" + IDS.incrementAndGet()));
            sj.expect("welcome");
            sj.send(RawClient.open(doc, null, true));
            sj.expect("opened");
            ws.send(RawClient.open(doc, null, false));
            ws.expect("opened");
            sj.send(RawClient.submit(doc, 0, op("via sockjs"), 1));
            assertEquals(1, sj.expect("ack").getLong("rev"));
            assertEquals(op("via sockjs"), ws.expect("op").getJsonArray("op"));
            ws.send(RawClient.submit(doc, 1, op(10, " and ws"), 1));
            ws.expect("ack");
            assertEquals(op(10, " and ws"), sj.expect("op").getJsonArray("op"));
        }
        assertEquals("via sockjs and ws", readDocument(doc).getString("content"));
    }

    @Test
    void clientsFarBehindGetASnapshotWithResetAndOldBasesAreRefused() throws Exception {
        String doc = doc();
        try (RawClient c = client("old")) {
            c.send(RawClient.open(doc, null, true));
            c.expect("opened");
            for (int i = 0; i < 30; i++) {
                c.send(RawClient.submit(doc, i, i == 0 ? op("x") : op(i, "x"), i + 1));
                c.expect("ack");
            }
            // Within the catch-up limit but older than memory (8): read from storage.
            c.send(RawClient.open(doc, 15L, false));
            JsonObject caughtUp = c.expect("opened");
            assertEquals(15, caughtUp.getJsonArray("ops").size());
            assertEquals(16, caughtUp.getJsonArray("ops").getJsonObject(0).getLong("rev"));
            c.send(RawClient.submit(doc, 12, op(12, "y"), 31));
            assertEquals(31, c.expect("ack").getLong("rev"));
            // Beyond it: a snapshot with reset, and edits on such a base are refused.
            c.send(RawClient.open(doc, 2L, false));
            JsonObject reset = c.expect("opened");
            assertTrue(reset.getBoolean("reset"));
            assertEquals(31, reset.getString("snapshot").length());
            c.send(RawClient.submit(doc, 2, op(2, "z"), 32));
            assertTrue(c.expectError("REVISION_TOO_OLD").getBoolean("resync"));
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedRatherThanGrowingTheHeap() throws Exception {
        String doc = doc();
        try (RawClient writer = client("writer")) {
            writer.send(RawClient.open(doc, null, true));
            writer.expect("opened");
            String sleeperId = "sleeper-" + IDS.incrementAndGet() + "-client";
            try (StalledClient sleeper = new StalledClient(node.port(), sleeperId, doc)) {
                writer.expect(m -> "presence".equals(m.getString("type")) && RawClient.openModeId(sleeperId).equals(m.getString("client")),
                        "the sleeper joined");
                String chunk = "w".repeat(16 * 1024);
                long rev = 0;
                boolean dropped = false;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!dropped && System.nanoTime() < deadline) {
                    // Each edit replaces the text, so the document stays small while traffic grows.
                    writer.send(RawClient.submit(doc, rev, rev == 0 ? op(chunk) : op(-chunk.length(), chunk), rev + 1));
                    rev = writer.expect("ack").getLong("rev");
                    dropped = writer.seen().stream().anyMatch(m -> "left".equals(m.getString("type"))
                            && RawClient.openModeId(sleeperId).equals(m.getString("client")));
                }
                assertTrue(dropped, "the stalled client was dropped (after " + rev + " edits of 16 KiB)");
                // The kernel's socket buffers take a few MB (not heap); the server's own queue for
                // the client is capped at 256 KiB here, so the drop comes after a handful of MB.
                assertTrue(rev < 1000, "dropped before 16 MB were sent its way: " + rev + " edits");
            }
        }
    }

    private static JsonObject readDocument(String doc) throws Exception {
        return Http.get(vertx, node.port(), "/api/docs/" + doc).body();
    }
}
