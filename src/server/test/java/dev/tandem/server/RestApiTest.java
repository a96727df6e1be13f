package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The REST API for tools and bots, against a real node. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RestApiTest {
    private static Vertx vertx;
    private static TandemNode node;

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        TandemOptions o = TestNodes.options(TestNodes.newDatabaseUrl());
        o.sequencer().setSnapshotEvery(3);
        node = TestNodes.start(vertx, o);
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static Http.Response post(String path, JsonObject body) throws Exception {
        return Http.post(vertx, node.port(), path, body.encode());
    }

    private static Http.Response get(String path) throws Exception {
        return Http.get(vertx, node.port(), path);
    }

    private static JsonObject submit(String id, long base, JsonArray op, long seq) throws Exception {
        Http.Response r = post("/api/docs/" + id + "/ops", new JsonObject().put("base", base).put("op", op)
                .put("client", "rest-bot-1").put("seq", seq));
        assertEquals(200, r.status(), r.text());
        return r.body();
    }

    /**
     * A body over the limit is refused with the documented JSON error, and without a log line:
     * anyone can send one, so logging it at ERROR would let anyone fill the log.
     */
    @Test
    void aBodyOverTheLimitGetsTheJsonErrorAndLogsNothing() throws Exception {
        assertEquals(201, post("/api/docs", new JsonObject().put("id", "big-body")).status());
        String huge = "x".repeat(node.options().gateway().maxMessageBytes() + 1);
        try (LogCapture log = new LogCapture()) {
            for (String path : new String[] {"/api/docs", "/api/docs/big-body/ops"}) {
                Http.Response r = post(path, new JsonObject().put("content", huge).put("op", new JsonArray().add(huge)));
                assertEquals(413, r.status(), r.text());
                assertEquals("MESSAGE_TOO_LARGE", r.errorCode(), r.text());
                assertTrue(r.body().getJsonObject("error").getString("message").contains(
                        Integer.toString(node.options().gateway().maxMessageBytes())), r.text());
            }
            assertEquals(java.util.List.of(), log.atLeast(ch.qos.logback.classic.Level.WARN));
        }
        assertEquals(0, get("/api/docs/big-body").body().getLong("rev"));
    }

    @Test
    void createReadEditAndTravelBackInTime() throws Exception {
        Http.Response created = post("/api/docs", new JsonObject().put("id", "notes").put("content", "Hello"));
        assertEquals(201, created.status(), created.text());
        assertEquals(1, created.body().getLong("rev"));
        assertEquals(409, post("/api/docs", new JsonObject().put("id", "notes")).status());
        assertEquals("DOCUMENT_EXISTS", post("/api/docs", new JsonObject().put("id", "notes")).errorCode());

        JsonObject r2 = submit("notes", 1, new JsonArray().add(5).add(", world"), 1);
        assertEquals(2, r2.getLong("rev"));
        assertFalse(r2.getBoolean("duplicate"));
        JsonObject again = submit("notes", 1, new JsonArray().add(5).add(", world"), 1);
        assertEquals(2, again.getLong("rev"));
        assertTrue(again.getBoolean("duplicate"));
        submit("notes", 1, new JsonArray().add("\ud83d\udc4b ").add(5), 2); // concurrent with rev 2
        submit("notes", 3, new JsonArray().add(14).add("!"), 3);

        JsonObject now = get("/api/docs/notes").body();
        assertEquals(4, now.getLong("rev"));
        assertEquals("\ud83d\udc4b Hello, world!", now.getString("content"));
        assertEquals("Hello", get("/api/docs/notes/at/1").body().getString("content"));
        assertEquals("Hello, world", get("/api/docs/notes/at/2").body().getString("content"));
        assertEquals("\ud83d\udc4b Hello, world", get("/api/docs/notes/at/3").body().getString("content"));
        assertEquals("", get("/api/docs/notes/at/0").body().getString("content"));
        assertEquals("REVISION_IN_FUTURE", get("/api/docs/notes/at/9").errorCode());

        JsonArray revs = get("/api/docs/notes/revisions?from=2&to=3").body().getJsonArray("revisions");
        assertEquals(2, revs.size());
        assertEquals(new JsonArray().add(5).add(", world"), revs.getJsonObject(0).getJsonArray("op"));
        assertEquals(RawClient.openModeId("rest-bot-1"), revs.getJsonObject(0).getString("client"),
                "revisions name the public id of the bot's client, never the id it sent");
        assertEquals(new JsonArray().add("\ud83d\udc4b ").add(12), revs.getJsonObject(1).getJsonArray("op"));

        JsonObject owner = get("/api/docs/notes/owner").body();
        assertEquals(node.options().nodeId(), owner.getString("node"));
    }

    @Test
    void listingPagesThroughDocuments() throws Exception {
        for (String id : new String[] {"list-a", "list-b", "list-c"}) {
            assertEquals(201, post("/api/docs", new JsonObject().put("id", id)).status());
        }
        JsonObject page = get("/api/docs?limit=2&after=list-").body();
        assertEquals(2, page.getJsonArray("docs").size());
        assertEquals("list-a", page.getJsonArray("docs").getJsonObject(0).getString("id"));
        assertEquals("list-b", page.getString("next"));
        JsonObject next = get("/api/docs?limit=2&after=list-b").body();
        assertEquals("list-c", next.getJsonArray("docs").getJsonObject(0).getString("id"));
        JsonObject generated = post("/api/docs", new JsonObject()).body();
        assertTrue(generated.getString("id").matches("[a-z0-9]{10}"));
        assertEquals(0, generated.getLong("rev"));
    }

    @Test
    void badRequestsGetStableCodesAndStatuses() throws Exception {
        post("/api/docs", new JsonObject().put("id", "strict"));
        assertEquals(404, get("/api/docs/nope").status());
        assertEquals("DOCUMENT_NOT_FOUND", get("/api/docs/nope").errorCode());
        assertEquals("DOCUMENT_NOT_FOUND", get("/api/docs/nope/revisions").errorCode());
        assertEquals("DOCUMENT_NOT_FOUND", get("/api/docs/nope/at/0").errorCode());
        assertEquals("INVALID_DOCUMENT_ID", post("/api/docs", new JsonObject().put("id", "a b")).errorCode());
        assertEquals("MALFORMED_MESSAGE", Http.post(vertx, node.port(), "/api/docs", "[1,2]").errorCode());
        assertEquals("MALFORMED_MESSAGE", get("/api/docs?limit=-3").errorCode());
        assertEquals("MALFORMED_MESSAGE", get("/api/docs/strict/at/x").errorCode());
        Http.Response badOp = post("/api/docs/strict/ops", new JsonObject().put("base", 0)
                .put("op", new JsonArray().add(-0.5)).put("client", "rest-bot-1").put("seq", 1));
        assertEquals(400, badOp.status());
        assertEquals("INVALID_OPERATION", badOp.errorCode());
        Http.Response future = post("/api/docs/strict/ops", new JsonObject().put("base", 5)
                .put("op", new JsonArray().add("x")).put("client", "rest-bot-1").put("seq", 1));
        assertEquals(409, future.status());
        assertEquals("REVISION_IN_FUTURE", future.errorCode());
        assertEquals("MALFORMED_MESSAGE", post("/api/docs/strict/ops", new JsonObject().put("base", 0)
                .put("op", new JsonArray().add("x")).put("client", "x").put("seq", 1)).errorCode());
        assertEquals(404, get("/api/nothing-here").status());
        assertEquals(413, Http.post(vertx, node.port(), "/api/docs",
                new JsonObject().put("content", "y".repeat(2 * 1024 * 1024)).encode()).status());
        assertEquals("", get("/api/docs/strict").body().getString("content"));
        assertEquals("up", get("/health").body().getString("status"));
    }
}
