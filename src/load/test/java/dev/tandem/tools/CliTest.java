package dev.tandem.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.client.TandemClientOptions;
import dev.tandem.client.transport.Transport;
import dev.tandem.ot.canvas.CanvasType;
import dev.tandem.ot.canvas.CanvasObject;
import dev.tandem.ot.richtext.RichTextType;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.server.Http;
import dev.tandem.server.TandemNode;
import dev.tandem.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine.ParameterException;

class CliTest {

    @Test
    void describesAnOperationWithPositionsInTheChangingText() {
        assertEquals("+\"Hi\\n\" at 3, -2 at 11", Describe.text(OperationJson.parse("[3,\"Hi\\n\",5,-2,1]")));
        assertEquals("(no change)", Describe.text(OperationJson.parse("[4]")));
    }

    @Test
    void describesADeltaWithItsFormats() {
        assertEquals("+\"Hi\" at 3 {bold=true}, -2 at 5, format 7..10 {italic=null}",
                Describe.richText(RichTextType.INSTANCE.parse("{\"ops\":[{\"retain\":3},{\"insert\":\"Hi\",\"attributes\":{\"bold\":true}},"
                        + "{\"delete\":2},{\"retain\":2},{\"retain\":3,\"attributes\":{\"italic\":null}}]}")));
    }

    @Test
    void describesCanvasObjectsAndChanges() {
        CanvasObject s1 = CanvasType.INSTANCE.open("{\"objects\":[{\"id\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\"},"
                + "{\"id\":\"s1\",\"kind\":\"sticky\",\"parent\":\"f1\",\"index\":\"a0\",\"props\":{\"x\":10,\"y\":2.5,"
                + "\"text\":\"Ship it\",\"opacity\":1}}]}").get("s1");
        assertEquals("s1 sticky in f1 at a0 x=10 y=2.5 text=\"Ship it\" (+1 more)", Describe.object(s1));
        var batch = CanvasType.INSTANCE.parse("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":5},"
                + "{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[7,\"!\"]},{\"move\":\"r1\",\"parent\":null,\"index\":\"a1\"},"
                + "{\"delete\":\"f1\"}]}");
        assertEquals("set r1.x = 5", Describe.change(batch.changes().get(0)));
        assertEquals("edit s1.text +\"!\" at 7", Describe.change(batch.changes().get(1)));
        assertEquals("move r1 to the board at a1", Describe.change(batch.changes().get(2)));
        assertEquals("delete f1", Describe.change(batch.changes().get(3)));
    }

    @Test
    void parsesItsArgumentsAndRefusesUnknownOnes() {
        Cli cli = Cli.parse("--url", "http://127.0.0.1:9", "--doc", "notes", "--name", "Ana", "--transport", "sockjs");
        assertEquals("notes", cli.docId());
        assertTrue(cli.create());
        assertNull(cli.type());
        TandemClientOptions options = cli.clientOptions();
        assertEquals("http://127.0.0.1:9", options.getUrl());
        assertEquals("Ana", options.getUserName());
        assertEquals(Transport.SOCKJS, options.getTransport());
        assertFalse(Cli.parse("--doc", "x", "--no-create").create());
        assertEquals("canvas", Cli.parse("--doc", "x", "--type", "canvas").type());
        assertThrows(ParameterException.class, () -> Cli.parse("--name", "Ana"), "--doc is required");
        assertThrows(ParameterException.class, () -> Cli.parse("--doc", "x", "--bogus"));
        assertThrows(ParameterException.class, () -> Cli.parse("--doc", "x", "--transport", "carrier-pigeon"));
        assertThrows(ParameterException.class, () -> Cli.parse("--doc", "x", "--type", "spreadsheet"));
    }

    /** The client against a real node on every type: what it prints, and what typed lines become on the server. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void showsAndEditsEveryDocumentTypeOnARealNode() throws Exception {
        Vertx vertx = Vertx.vertx();
        TandemNode node = TestNodes.start(vertx, TestNodes.options(TestNodes.newDatabaseUrl()));
        try {
            String url = "http://127.0.0.1:" + node.port();
            Http.post(vertx, node.port(), "/api/docs", new JsonObject().put("id", "rich").put("type", "rich-text")
                    .put("content", new JsonObject().put("ops", new JsonArray().add(new JsonObject().put("insert", "Title")
                            .put("attributes", new JsonObject().put("bold", true))).add(new JsonObject().put("insert", "\n"))))
                    .encode());
            String rich = cli(url, "one\ntwo\n", "--doc", "rich"); // the type read from the server
            assertTrue(rich.contains("--- rich (rich-text) at revision 1 ---\nTitle\n---"), rich);
            assertEquals("Title\none\ntwo\n", Http.get(vertx, node.port(), "/api/docs/rich?format=text").text());

            String board = cli(url, "first idea\n", "--doc", "board", "--type", "canvas");
            assertTrue(board.contains("--- board (canvas) at revision 0 ---\n0 object(s)\n"), board);
            assertTrue(board.contains("[added cli-"), board);
            String again = cli(url, "", "--doc", "board");
            assertTrue(again.matches("(?s).*1 object\\(s\\)\n  cli-\\w+ sticky in the board at a0 text=\"first idea\"\n.*"), again);

            String text = cli(url, "hello\n", "--doc", "plain");
            assertTrue(text.contains("--- plain (text) at revision 0 ---"), text);
            assertEquals("hello\n", Http.get(vertx, node.port(), "/api/docs/plain?format=text").text());
            String mismatch = cli(url, "", "--doc", "plain", "--type", "canvas", "--no-create");
            assertFalse(mismatch.contains("---"), mismatch);
        } finally {
            TestNodes.stop(node);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static String cli(String url, String typed, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--url";
        all[1] = url;
        System.arraycopy(args, 0, all, 2, args.length);
        int status = Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), all);
        String printed = out.toString(StandardCharsets.UTF_8);
        boolean mismatch = String.join(" ", args).contains("--no-create");
        assertEquals(mismatch ? 1 : 0, status, printed);
        return printed;
    }
}
