package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.storage.CompactionPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The history's REST routes against a real node: sessions, named versions, restore, changes, authorship, and their errors. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HistoryApiTest {
    private static Vertx vertx;
    private static TandemNode node;

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        TandemOptions o = TestNodes.options(TestNodes.newDatabaseUrl());
        o.sequencer().setSnapshotEvery(4);
        o.history().setCompaction(false); // HistoryCompactionTest runs it in the background; here it is called directly
        node = TestNodes.start(vertx, o);
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void namedVersionsAreCreatedListedRenamedAndDeletedWithClearErrors() throws Exception {
        create("named", "Draft");
        submit("named", 1, new JsonArray().add(5).add(" two"), "bot-one-1", 1);
        Http.Response named = post("/api/docs/named/versions", new JsonObject().put("name", "  Sent to legal ")
                .put("client", "bot-one-1").put("user", new JsonObject().put("name", "Ana").put("color", "#d81b60")));
        assertEquals(201, named.status(), named.text());
        assertEquals(2, named.body().getLong("rev"), "the current revision by default");
        assertEquals("Sent to legal", named.body().getString("name"), "trimmed");
        assertEquals("Ana", named.body().getJsonObject("by").getString("name"));
        assertEquals(201, post("/api/docs/named/versions", new JsonObject().put("name", "First").put("rev", 1)).status());
        submit("named", 2, new JsonArray().add(9).add("!"), "bot-one-1", 2);

        JsonArray list = get("/api/docs/named/versions").body().getJsonArray("versions");
        assertEquals(2, list.size());
        assertEquals(2, list.getJsonObject(0).getLong("rev"), "newest first");
        assertNull(list.getJsonObject(1).getValue("by"));
        assertEquals("Draft two", get("/api/docs/named/at/2").body().getString("content"), "the named version opens");

        assertEquals(201, post("/api/docs/named/versions", new JsonObject().put("name", "Legal v2").put("rev", 2)).status());
        assertEquals("Legal v2", get("/api/docs/named/versions?limit=1").body().getJsonArray("versions").getJsonObject(0).getString("name"));
        assertEquals(1, get("/api/docs/named/versions?limit=1").body().getLong("next"));

        assertEquals(200, delete("/api/docs/named/versions/1").status());
        assertEquals("VERSION_NOT_FOUND", delete("/api/docs/named/versions/1").errorCode());
        assertEquals(404, delete("/api/docs/named/versions/3").status());
        assertEquals("MALFORMED_MESSAGE", delete("/api/docs/named/versions/-1").errorCode());
        assertEquals("MALFORMED_MESSAGE", delete("/api/docs/named/versions/x").errorCode());
        assertEquals(1, get("/api/docs/named/versions").body().getJsonArray("versions").size());

        for (Object bad : new Object[] {"", "   ", "x".repeat(101), "tab\there", 7}) {
            Http.Response r = post("/api/docs/named/versions", new JsonObject().put("name", bad));
            assertEquals(400, r.status(), String.valueOf(bad));
            assertEquals("MALFORMED_MESSAGE", r.errorCode());
        }
        assertEquals("MALFORMED_MESSAGE", post("/api/docs/named/versions", new JsonObject()).errorCode());
        assertEquals("MALFORMED_MESSAGE", post("/api/docs/named/versions", new JsonObject().put("name", "x").put("rev", -1)).errorCode());
        assertEquals("MALFORMED_MESSAGE", post("/api/docs/named/versions", new JsonObject().put("name", "x").put("client", "short")).errorCode());
        Http.Response future = post("/api/docs/named/versions", new JsonObject().put("name", "x").put("rev", 99));
        assertEquals(409, future.status());
        assertEquals("REVISION_IN_FUTURE", future.errorCode());
        assertEquals("DOCUMENT_NOT_FOUND", post("/api/docs/nowhere/versions", new JsonObject().put("name", "x")).errorCode());
        assertEquals(404, get("/api/docs/nowhere/versions").status());
        assertEquals("INVALID_DOCUMENT_ID", get("/api/docs/bad%20id/versions").errorCode());
    }

    @Test
    void restoreIsOneNewRevisionThatEveryoneCanSeeAndARetryIsRecognised() throws Exception {
        create("restore", "Alpha");
        submit("restore", 1, new JsonArray().add(5).add(" beta"), "bot-two-1", 1);
        submit("restore", 2, new JsonArray().add(10).add(" gamma"), "bot-two-1", 2);
        JsonObject restore = new JsonObject().put("rev", 1).put("client", "restorer-1").put("seq", 1)
                .put("user", new JsonObject().put("name", "Bo"));
        Http.Response r = post("/api/docs/restore/restore", restore);
        assertEquals(200, r.status(), r.text());
        assertEquals(4, r.body().getLong("rev"));
        assertTrue(r.body().getBoolean("changed"));
        assertEquals("Alpha", get("/api/docs/restore").body().getString("content"));
        assertEquals("Alpha beta gamma", get("/api/docs/restore/at/3").body().getString("content"), "history is not rewritten");

        Http.Response again = post("/api/docs/restore/restore", restore);
        assertEquals(4, again.body().getLong("rev"));
        assertTrue(again.body().getBoolean("duplicate"), again.text());
        assertEquals(4, get("/api/docs/restore").body().getLong("rev"), "not applied twice");

        Http.Response same = post("/api/docs/restore/restore", restore.copy().put("seq", 2));
        assertFalse(same.body().getBoolean("changed"), "the content is already revision 1's");

        // Undo of the restore is an edit too: the diff back to what the restore replaced.
        JsonObject back = get("/api/docs/restore/diff?from=4&to=3").body();
        submit("restore", 4, back.getJsonArray("op"), "restorer-1", 3);
        assertEquals("Alpha beta gamma", get("/api/docs/restore").body().getString("content"));

        assertEquals("MALFORMED_MESSAGE", post("/api/docs/restore/restore", new JsonObject().put("rev", 1).put("seq", 9)).errorCode(),
                "a restore names its client");
        assertEquals("MALFORMED_MESSAGE", post("/api/docs/restore/restore", new JsonObject().put("client", "restorer-1").put("seq", 9)).errorCode());
        assertEquals("REVISION_IN_FUTURE", post("/api/docs/restore/restore", restore.copy().put("rev", 50).put("seq", 9)).errorCode());
        assertEquals("DOCUMENT_NOT_FOUND", post("/api/docs/nowhere/restore", restore).errorCode());
    }

    @Test
    void changesComposeWhatPeopleDidAndDiffRestoresOneRevisionOnAnother() throws Exception {
        create("changes", "Hello world");
        submit("changes", 1, new JsonArray().add(5).add(",").add(6), "bot-three", 1);
        submit("changes", 2, new JsonArray().add(12).add("!"), "bot-three", 2);
        assertEquals(new JsonArray().add(5).add(",").add(6).add("!"), get("/api/docs/changes/changes?from=1&to=3").body().getJsonArray("op"));
        assertEquals(new JsonArray().add(5).add(-1).add(6).add(-1), get("/api/docs/changes/diff?from=3&to=1").body().getJsonArray("op"));
        assertEquals(new JsonArray().add(13), get("/api/docs/changes/changes?from=3&to=3").body().getJsonArray("op"), "no change");
        assertEquals("MALFORMED_MESSAGE", get("/api/docs/changes/changes?from=3&to=1").errorCode(), "changes go forward");
        assertEquals("MALFORMED_MESSAGE", get("/api/docs/changes/changes?from=1").errorCode());
        assertEquals("REVISION_IN_FUTURE", get("/api/docs/changes/diff?from=1&to=9").errorCode());
    }

    @Test
    void sessionsListWhoEditedWithTheirNames() throws Exception {
        create("sessions", "");
        try (RawClient ana = RawClient.hello(vertx, node.port(), "ana-client-1");
                RawClient bo = RawClient.hello(vertx, node.port(), "bo-client-22")) {
            for (RawClient c : new RawClient[] {ana, bo}) {
                c.send(new JsonObject().put("type", "open").put("doc", "sessions").put("rev", 0));
                c.expect("opened");
            }
            ana.send(new JsonObject().put("type", "submit").put("doc", "sessions").put("base", 0).put("op", new JsonArray().add("Hi")).put("seq", 1));
            assertEquals(1, ana.expect("ack").getLong("rev"));
            bo.expect("op");
            bo.send(new JsonObject().put("type", "submit").put("doc", "sessions").put("base", 1).put("op", new JsonArray().add(2).add(" Bo")).put("seq", 1));
            assertEquals(2, bo.expect("ack").getLong("rev"));
        }
        eventually(() -> get("/api/docs/sessions/sessions").body().encode().contains("Test bo-client-22"), "Bo's name is recorded");
        JsonObject out = get("/api/docs/sessions/sessions").body();
        assertEquals("text", out.getString("type"));
        assertEquals(new JsonArray().add("text"), out.getJsonArray("exports"));
        assertTrue(out.getBoolean("authorship"));
        assertEquals(2, out.getLong("head"));
        JsonArray sessions = out.getJsonArray("sessions");
        assertEquals(1, sessions.size(), "two people a moment apart: one session");
        JsonObject s = sessions.getJsonObject(0);
        assertEquals(1, s.getLong("from"));
        assertEquals(2, s.getLong("to"));
        JsonArray authors = s.getJsonArray("authors");
        assertEquals("Test bo-client-22", authors.getJsonObject(0).getString("name"), "latest first");
        assertEquals("#123456", authors.getJsonObject(0).getString("color"));
        assertEquals(1, authors.getJsonObject(1).getLong("revisions"));
        assertNull(out.getValue("next"));
        assertEquals(0, get("/api/docs/sessions/sessions?before=0").body().getJsonArray("sessions").size());
        assertEquals("MALFORMED_MESSAGE", get("/api/docs/sessions/sessions?limit=0").errorCode());
        assertEquals("MALFORMED_MESSAGE", get("/api/docs/sessions/sessions?gap=-1").errorCode());
    }

    @Test
    void authorshipColoursTextByWhoWroteItAndACanvasHasNone() throws Exception {
        create("authored", "");
        submit("authored", 0, new JsonArray().add("Hello world"), "writer-aaa", 1);
        submit("authored", 1, new JsonArray().add(5).add(",").add(6), "writer-bbb", 1);
        submit("authored", 2, new JsonArray().add(12).add("!"), "writer-aaa", 2);
        JsonObject a = get("/api/docs/authored/authorship").body();
        assertEquals(3, a.getLong("rev"));
        assertEquals(0, a.getLong("from"));
        assertEquals(new JsonArray()
                .add(span(0, 5, "writer-aaa")).add(span(5, 1, "writer-bbb")).add(span(6, 7, "writer-aaa")), a.getJsonArray("spans"));
        String bbb = RawClient.openModeId("writer-bbb"); // the public id: the server never shows a client id
        assertEquals(bbb, a.getJsonObject("authors").getJsonObject(bbb).getString("name"), "no name recorded: the id");
        assertEquals(new JsonArray().add(span(0, 11, "writer-aaa")),
                get("/api/docs/authored/authorship?rev=1").body().getJsonArray("spans"));

        assertEquals(201, post("/api/docs", new JsonObject().put("id", "rich").put("type", "rich-text")
                .put("content", new JsonObject().put("ops", new JsonArray().add(new JsonObject().put("insert", "\ud83d\ude00 ok\n"))))).status());
        JsonArray rich = get("/api/docs/rich/authorship").body().getJsonArray("spans");
        assertEquals(new JsonArray().add(span(0, 5, "rest-create")).add(span(5, 1, null)), rich,
                "UTF-16 units (the emoji is 2); the empty document's final newline was there before anyone wrote");

        assertEquals(201, post("/api/docs", new JsonObject().put("id", "board").put("type", "canvas")).status());
        Http.Response canvas = get("/api/docs/board/authorship");
        assertEquals(400, canvas.status());
        assertEquals("MALFORMED_MESSAGE", canvas.errorCode());
        assertFalse(get("/api/docs/board/sessions").body().getBoolean("authorship"));
        assertEquals("REVISION_IN_FUTURE", get("/api/docs/authored/authorship?rev=9").errorCode());
    }

    @Test
    void compactedRevisionsAreGoneButTheirEndsAndNamedVersionsStillOpen() throws Exception {
        create("compacted", "");
        String text = "";
        for (int i = 1; i <= 12; i++) {
            submit("compacted", i - 1, i == 1 ? new JsonArray().add("a") : new JsonArray().add(i - 1).add("a"), "typist-one", i);
            text += "a";
        }
        assertEquals(201, post("/api/docs/compacted/versions", new JsonObject().put("name", "Six").put("rev", 6)).status());
        // Everything is old at "now + a minute"; keep the last 2 revisions; snapshots every 4 (at 4, 8, 12).
        node.history().compact("compacted", new CompactionPolicy(2, 60_000, 1000), Instant.now().plusSeconds(60))
                .await(30, TimeUnit.SECONDS);
        JsonArray revs = get("/api/docs/compacted/revisions?from=1&to=12").body().getJsonArray("revisions");
        assertEquals("4 6 8 10 11 12", revs.stream().map(o -> String.valueOf(((JsonObject) o).getLong("rev")))
                .reduce((x, y) -> x + " " + y).orElse(""), "runs end at the snapshots 4, 8 and the named 6; 11 and 12 are within 2 of the head");
        assertEquals(4, revs.getJsonObject(0).getInteger("span"));
        assertEquals(new JsonArray().add("aaaa"), revs.getJsonObject(0).getJsonArray("op"));
        assertNull(revs.getJsonObject(4).getValue("span"));
        assertEquals("aaaaaa", get("/api/docs/compacted/at/6").body().getString("content"), "the named version");
        Http.Response gone = get("/api/docs/compacted/at/5");
        assertEquals(410, gone.status());
        assertEquals("REVISION_COMPACTED", gone.errorCode());
        assertTrue(gone.body().getJsonObject("error").getString("message").contains("4 and 6"), gone.text());
        assertEquals("REVISION_COMPACTED", post("/api/docs/compacted/versions", new JsonObject().put("name", "x").put("rev", 2)).errorCode());
        assertEquals("REVISION_COMPACTED", get("/api/docs/compacted/changes?from=2&to=8").errorCode());
        assertEquals(new JsonArray().add(4).add("aaaa"), get("/api/docs/compacted/changes?from=4&to=8").body().getJsonArray("op"),
                "composed over kept ends");
        assertEquals(text, get("/api/docs/compacted").body().getString("content"));
        JsonArray sessions = get("/api/docs/compacted/sessions").body().getJsonArray("sessions");
        assertEquals(12, sessions.getJsonObject(0).getLong("revisions"), "a compacted row counts its revisions");
        assertEquals(new JsonArray().add(span(0, 12, "typist-one")), get("/api/docs/compacted/authorship").body().getJsonArray("spans"));
    }

    private static JsonObject span(long start, long length, String client) {
        // REST submissions show the client's public id; a create's revision is the server's own (rest-create).
        String shown = client == null || client.equals("rest-create") ? client : RawClient.openModeId(client);
        return new JsonObject().put("start", start).put("length", length).put("client", shown);
    }

    private static void create(String id, String content) throws Exception {
        Http.Response r = post("/api/docs", new JsonObject().put("id", id).put("content", content));
        assertEquals(201, r.status(), r.text());
    }

    private static void submit(String id, long base, JsonArray op, String client, long seq) throws Exception {
        Http.Response r = post("/api/docs/" + id + "/ops", new JsonObject().put("base", base).put("op", op)
                .put("client", client).put("seq", seq));
        assertEquals(200, r.status(), r.text());
    }

    private static Http.Response post(String path, JsonObject body) throws Exception {
        return Http.post(vertx, node.port(), path, body.encode());
    }

    private static Http.Response get(String path) {
        try {
            return Http.get(vertx, node.port(), path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Http.Response delete(String path) throws Exception {
        return Http.request(vertx, node.port(), HttpMethod.DELETE, path, null);
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(20);
        }
    }
}
