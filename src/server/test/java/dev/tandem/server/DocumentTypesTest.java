package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Rich-text and canvas documents through the real node: WebSocket and REST, each in its type's form. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DocumentTypesTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static Vertx vertx;
    private static TandemNode node;

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        node = TestNodes.start(vertx, TestNodes.options(TestNodes.newDatabaseUrl()));
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static RawClient client(String name) throws Exception {
        return RawClient.hello(vertx, node.port(), name + "-" + IDS.incrementAndGet() + "-client");
    }

    private static JsonObject open(String doc, String type) {
        return RawClient.open(doc, null, true).put("docType", type);
    }

    private static JsonObject submit(String doc, long base, Object op, long seq) {
        return new JsonObject().put("type", "submit").put("doc", doc).put("base", base).put("op", op).put("seq", seq);
    }

    @Test
    void richTextIsEditedAsQuillDeltasAndReadBackInThatForm() throws Exception {
        String doc = "rich-" + IDS.incrementAndGet();
        try (RawClient ana = client("ana"); RawClient bo = client("bo")) {
            ana.send(open(doc, "rich-text"));
            JsonObject opened = ana.expect("opened");
            assertEquals("rich-text", opened.getString("docType"));
            assertEquals(new JsonObject("{\"ops\":[{\"insert\":\"\\n\"}]}"), opened.getJsonObject("snapshot"));
            bo.send(open(doc, "rich-text"));
            bo.expect("opened");
            JsonObject bold = new JsonObject("{\"ops\":[{\"insert\":\"Hi\",\"attributes\":{\"bold\":true}}]}");
            ana.send(submit(doc, 0, bold, 1));
            assertEquals(1, ana.expect("ack").getLong("rev"));
            JsonObject seen = bo.expect("op");
            assertEquals(bold, seen.getJsonObject("op"));
            // Bo types at the start on revision 0: transformed past Ana's bold "Hi" by the server
            bo.send(submit(doc, 0, new JsonObject("{\"ops\":[{\"insert\":\"x\"}]}"), 1));
            assertEquals(2, bo.expect("ack").getLong("rev"));
        }
        JsonObject read = Http.get(vertx, node.port(), "/api/docs/" + doc).body();
        assertEquals("rich-text", read.getString("type"));
        JsonArray ops = read.getJsonObject("content").getJsonArray("ops");
        assertEquals("x", ops.getJsonObject(0).getString("insert"), read.encode());
        assertEquals("Hi", ops.getJsonObject(1).getString("insert"));
        assertTrue(ops.getJsonObject(1).getJsonObject("attributes").getBoolean("bold"));
    }

    @Test
    void aDocumentRefusesAnotherTypesOperationsAndOpens() throws Exception {
        String doc = "plain-" + IDS.incrementAndGet();
        try (RawClient ana = client("ana")) {
            ana.send(open(doc, "text"));
            ana.expect("opened");
            ana.send(submit(doc, 0, new JsonObject("{\"ops\":[{\"insert\":\"x\"}]}"), 1));
            assertEquals("TYPE_MISMATCH", ana.expectError("TYPE_MISMATCH").getString("code"));
            ana.send(open(doc, "rich-text"));
            ana.expectError("TYPE_MISMATCH");
            ana.send(open("other-" + IDS.incrementAndGet(), "spreadsheet"));
            ana.expectError("UNKNOWN_DOCUMENT_TYPE");
        }
        Http.Response rest = Http.post(vertx, node.port(), "/api/docs/" + doc + "/ops", new JsonObject().put("base", 0)
                .put("op", new JsonObject("{\"changes\":[]}")).put("client", "rest-bot-1").put("seq", 1).encode());
        assertEquals(409, rest.status());
        assertEquals("TYPE_MISMATCH", rest.errorCode());
        assertEquals("UNKNOWN_DOCUMENT_TYPE", Http.post(vertx, node.port(), "/api/docs",
                new JsonObject().put("type", "spreadsheet").encode()).errorCode());
    }

    @Test
    void aCanvasAcksCarryTheOperationAsCommittedWithWhatWasDropped() throws Exception {
        String doc = "board-" + IDS.incrementAndGet();
        try (RawClient ana = client("ana"); RawClient bo = client("bo")) {
            ana.send(open(doc, "canvas"));
            JsonObject opened = ana.expect("opened");
            assertEquals("canvas", opened.getString("docType"));
            bo.send(open(doc, "canvas"));
            bo.expect("opened");
            ana.send(submit(doc, 0, new JsonObject("{\"changes\":["
                    + "{\"create\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\"},"
                    + "{\"create\":\"f2\",\"kind\":\"frame\",\"parent\":\"f1\",\"index\":\"a0\"}]}"), 1));
            JsonObject ack = ana.expect("ack");
            assertEquals(2, ack.getJsonObject("op").getJsonArray("changes").size(), "the ack carries the committed op");
            bo.expect("op");
            // f1 into its own child f2: a cycle, dropped when sequenced; the rest of the batch stays
            ana.send(submit(doc, 1, new JsonObject("{\"changes\":["
                    + "{\"move\":\"f1\",\"parent\":\"f2\",\"index\":\"a0\"},"
                    + "{\"set\":\"f2\",\"prop\":\"name\",\"value\":\"Inner\"}]}"), 2));
            JsonObject second = ana.expect("ack");
            JsonArray committed = second.getJsonObject("op").getJsonArray("changes");
            assertEquals(1, committed.size(), "the move was dropped, and the author is told: " + committed);
            assertEquals("f2", committed.getJsonObject(0).getString("set"));
            assertEquals(committed, bo.expect("op").getJsonObject("op").getJsonArray("changes"),
                    "everyone gets the operation as committed");
            ana.send(new JsonObject().put("type", "presence").put("doc", doc).put("rev", 2)
                    .put("sel", new JsonObject().put("pointer", new JsonArray().add(10.5).add(20)).put("selected", new JsonArray().add("f2"))));
            JsonObject pointer = bo.expect("presence");
            assertEquals(10.5, pointer.getJsonObject("sel").getJsonArray("pointer").getDouble(0));
        }
        JsonObject read = Http.get(vertx, node.port(), "/api/docs/" + doc).body();
        assertEquals("canvas", read.getString("type"));
        assertFalse(read.getJsonObject("content").encode().isEmpty());
        assertTrue(read.getJsonObject("content").encode().contains("Inner"), read.encode());
    }

    @Test
    void restCreatesEachTypeWithContent() throws Exception {
        Http.Response rich = Http.post(vertx, node.port(), "/api/docs", new JsonObject().put("id", "rest-rich-" + IDS.incrementAndGet())
                .put("type", "rich-text").put("content", new JsonObject("{\"ops\":[{\"insert\":\"Title\",\"attributes\":{\"bold\":true}},{\"insert\":\"\\n\",\"attributes\":{\"header\":1}}]}")).encode());
        assertEquals(201, rich.status(), rich.text());
        assertEquals(1, rich.body().getLong("rev"));
        JsonObject read = Http.get(vertx, node.port(), "/api/docs/" + rich.body().getString("id")).body();
        assertEquals(1, read.getJsonObject("content").getJsonArray("ops").getJsonObject(1).getJsonObject("attributes").getInteger("header"));
        Http.Response bad = Http.post(vertx, node.port(), "/api/docs", new JsonObject().put("type", "rich-text")
                .put("content", new JsonObject("{\"ops\":[{\"insert\":\"x\",\"attributes\":{\"link\":\"javascript:alert(1)\"}}]}")).encode());
        assertEquals("INVALID_OPERATION", bad.errorCode());
        JsonArray list = Http.get(vertx, node.port(), "/api/docs?limit=1000").body().getJsonArray("docs");
        assertTrue(list.stream().anyMatch(d -> "rich-text".equals(((JsonObject) d).getString("type"))));
    }

    @Test
    void documentsExportAsTextHtmlAndMarkdownAtAnyRevision() throws Exception {
        String id = "export-" + IDS.incrementAndGet();
        Http.Response created = Http.post(vertx, node.port(), "/api/docs", new JsonObject().put("id", id).put("type", "rich-text")
                .put("content", new JsonObject("{\"ops\":[{\"insert\":\"<script>x</script>\",\"attributes\":{\"bold\":true}},"
                        + "{\"insert\":\"\\n\",\"attributes\":{\"header\":2}}]}")).encode());
        assertEquals(201, created.status(), created.text());
        Http.Response html = Http.get(vertx, node.port(), "/api/docs/" + id + "?format=html");
        assertEquals(200, html.status());
        assertTrue(html.text().contains("<h2><strong>&lt;script&gt;x&lt;/script&gt;</strong></h2>"), html.text());
        assertFalse(html.text().contains("<script>"), "nothing a person typed becomes markup");
        Http.Response md = Http.get(vertx, node.port(), "/api/docs/" + id + "/at/1?format=markdown");
        assertTrue(md.text().startsWith("## **"), md.text());
        Http.Response text = Http.get(vertx, node.port(), "/api/docs/" + id + "/at/0?format=text");
        assertEquals("\n", text.text(), "revision 0 is the empty document");
        Http.Response plain = Http.post(vertx, node.port(), "/api/docs", new JsonObject().put("content", "just text").encode());
        assertEquals("just text", Http.get(vertx, node.port(), "/api/docs/" + plain.body().getString("id") + "?format=text").text());
        assertEquals("MALFORMED_MESSAGE", Http.get(vertx, node.port(), "/api/docs/" + plain.body().getString("id") + "?format=html").errorCode());
    }
}
