package dev.tandem.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both codecs against the examples of docs/PROTOCOL.md, and every message through both directions. */
class CodecTest {

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What a receiver parses from the encoded message (JSON numbers compare by value there). */
    private static JsonNode encoded(ClientMessage m) {
        return json(ClientCodec.encode(m));
    }

    @Test
    void clientMessagesEncodeAsTheProtocolShowsThem() {
        assertEquals(json("{\"type\":\"hello\",\"v\":1,\"clientId\":\"c-4f9a1e0b7d\",\"user\":{\"name\":\"Ana\",\"color\":\"#d81b60\"}}"),
                encoded(new ClientMessage.Hello(1, "c-4f9a1e0b7d", new User("Ana", "#d81b60"))));
        assertEquals(json("{\"type\":\"open\",\"doc\":\"design-notes\",\"rev\":41,\"create\":true}"),
                encoded(new ClientMessage.Open("design-notes", 41L, true, null)));
        assertEquals(json("{\"type\":\"open\",\"doc\":\"n\",\"create\":true,\"docType\":\"rich-text\"}"),
                encoded(new ClientMessage.Open("n", null, true, "rich-text")));
        assertEquals(json("{\"type\":\"submit\",\"doc\":\"design-notes\",\"base\":43,\"op\":[12,\"!\",6],\"seq\":10}"),
                encoded(new ClientMessage.Submit("design-notes", 43, json("[12,\"!\",6]"), 10)));
        assertEquals(json("{\"type\":\"presence\",\"doc\":\"d\",\"rev\":44,\"sel\":[12,17],\"typing\":true}"),
                encoded(new ClientMessage.Presence("d", 44, json("[12,17]"), true)));
        assertEquals(json("{\"type\":\"presence\",\"doc\":\"d\",\"rev\":44,\"sel\":null,\"typing\":false}"),
                encoded(new ClientMessage.Presence("d", 44, null, false)));
        assertEquals(json("{\"type\":\"ping\",\"t\":1732780000123}"), encoded(new ClientMessage.Ping(LongNode.valueOf(1732780000123L))));
    }

    @Test
    void everyClientMessageSurvivesEncodingAndDecoding() {
        List<ClientMessage> all = List.of(
                new ClientMessage.Hello(1, "c-4f9a1e0b7d", new User("Ana", "#d81b60")),
                new ClientMessage.Hello(1, "c-4f9a1e0b7d", null),
                new ClientMessage.Open("design-notes", 41L, true, "text"),
                new ClientMessage.Open("d", null, false, null),
                new ClientMessage.Submit("d", 43, json("{\"ops\":[{\"insert\":\"x\"}]}"), 10),
                new ClientMessage.Presence("d", 44, json("[1,2]"), true),
                new ClientMessage.Presence("d", 44, null, false),
                new ClientMessage.Close("d"),
                new ClientMessage.Ping(TextNode.valueOf("anything")),
                new ClientMessage.UserUpdate(new User("Bo", null)));
        List<Inbound> decoded = ClientCodec.decodeFrame(ClientCodec.encodeFrame(all));
        assertEquals(all.size(), decoded.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(new Inbound.Valid(all.get(i)), decoded.get(i), "message " + i);
        }
    }

    @Test
    void everyServerMessageSurvivesEncodingAndDecoding() {
        List<ServerMessage> all = List.of(
                new ServerMessage.Welcome("s-1", "node-1", new ServerMessage.Limits(1 << 20, 10_000_000, 100, 20, 2000)),
                new ServerMessage.Opened("d", "text", 43, TextNode.valueOf("Hello 😀"), true, List.of(),
                        new ServerMessage.Owner("node-1", "ws://127.0.0.1:8080/ws"), List.of()),
                new ServerMessage.Opened("d", "rich-text", 43, null, false,
                        List.of(new ServerMessage.Revision(42, json("[10,\"Hi\",5]"), "c-77b0c1d2aa", 3)),
                        new ServerMessage.Owner("node-1", "ws://x"),
                        List.of(new ServerMessage.PresenceEntry("c-77b0c1d2aa", new User("Bo", "#3949ab"), 43, json("[3,3]"), false))),
                new ServerMessage.Ack("d", 10, 44, null),
                new ServerMessage.Ack("d", 10, 44, json("{\"changes\":[]}")),
                new ServerMessage.Op("d", 45, json("[12,\"!\",6]"), "c-4f9a1e0b7d", 10),
                new ServerMessage.Presence("d", new ServerMessage.PresenceEntry("c", new User("A", "#000000"), 1, null, true)),
                new ServerMessage.Left("d", "c"),
                new ServerMessage.Closed("d"),
                new ServerMessage.Error("RATE_LIMITED", "slow down", false, "d", 11L, 250L, null),
                new ServerMessage.Error("INVALID_OPERATION", "bad", true, null, null, null, "LONE_SURROGATE"),
                new ServerMessage.Pong(json("7")));
        assertEquals(all, ServerCodec.decodeFrame(ServerCodec.encodeFrame(all)));
    }

    @Test
    void theConcatenatingEncodersWriteWhatTheTreeEncoderWrites() {
        assertEquals(json(ServerCodec.encode(new ServerMessage.Op("d.1", 45, json("[12,\"!\",6]"), "c-4f9a1e0b7d", 10))),
                json(ServerCodec.op("d.1", 45, "[12,\"!\",6]", "c-4f9a1e0b7d", 10)));
        assertEquals(json(ServerCodec.encode(new ServerMessage.Ack("d", 10, 44, null))), json(ServerCodec.ack("d", 10, 44, null)));
        assertEquals(json(ServerCodec.encode(new ServerMessage.Ack("d", 10, 44, json("[1]")))), json(ServerCodec.ack("d", 10, 44, "[1]")));
        ServerMessage.Owner owner = new ServerMessage.Owner("node-1", "ws://127.0.0.1:8080/ws");
        User bo = new User("Bo \"the\" <b>", "#3949ab");
        assertEquals(json(ServerCodec.encode(new ServerMessage.Opened("d", "text", 43, null, false,
                        List.of(new ServerMessage.Revision(43, json("[1,\"x\"]"), "c-1234567", 9)), owner,
                        List.of(new ServerMessage.PresenceEntry("c-77b0c1d2aa", bo, 43, json("[3,3]"), false))))),
                json(ServerCodec.opened("d", "text", 43, null, List.of(ServerCodec.revision(43, "[1,\"x\"]", "c-1234567", 9)), false,
                        owner, List.of(ServerCodec.presenceEntry("c-77b0c1d2aa", bo, 43, "[3,3]", false)))));
        assertEquals(json(ServerCodec.encode(new ServerMessage.Presence("d", new ServerMessage.PresenceEntry("c", bo, 4, null, true)))),
                json(ServerCodec.presence("d", "c", bo, 4, null, true)));
        // Ids outside the safe charset are escaped, never written raw.
        assertEquals("a\"b", json(ServerCodec.op("a\"b", 1, "[1]", "c", 1)).get("doc").textValue());
    }

    @Test
    void serverFramesFromNewerServersKeepWorking() {
        List<ServerMessage> ms = ServerCodec.decodeFrame("""
                [{"type":"op","doc":"d","rev":45,"op":[12,"!",6],"client":"c-4f9a1e0b7d","seq":10,"future":"ignored"},
                 {"type":"something-new"},
                 {"type":"opened","doc":"d","rev":3,"snapshot":"x","presence":[]}]""");
        assertEquals(new ServerMessage.Unknown("something-new"), ms.get(1));
        assertEquals("text", ((ServerMessage.Opened) ms.get(2)).docType(), "an opened without docType is text");
        assertEquals(ErrorCode.RATE_LIMITED, new ServerMessage.Error("RATE_LIMITED", "", false, null, null, null, null).knownCode());
        assertNull(new ServerMessage.Error("NEW_CODE", "", false, null, null, null, null).knownCode());
    }

    @Test
    void malformedServerFramesAreRefusedWithAClearReason() {
        assertThrows(MalformedFrameException.class, () -> ServerCodec.decodeFrame("not json"));
        assertThrows(MalformedFrameException.class, () -> ServerCodec.decodeFrame("[42]"));
        assertThrows(MalformedFrameException.class, () -> ServerCodec.decodeFrame("[{\"type\":\"ack\",\"doc\":\"d\",\"seq\":1}]"));
        assertThrows(MalformedFrameException.class, () -> ServerCodec.decodeFrame("[{\"type\":\"op\",\"doc\":\"d\",\"rev\":2,\"client\":\"x\",\"seq\":1}]"));
    }

    private static TandemException errorOf(String frame) {
        List<Inbound> in = ClientCodec.decodeFrame(frame);
        assertEquals(1, in.size());
        return assertInstanceOf(Inbound.Invalid.class, in.get(0)).error();
    }

    @Test
    void everyMalformedClientMessageGetsItsCode() {
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("{not json").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("42").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("{\"type\":7}").code());
        assertEquals(ErrorCode.UNKNOWN_MESSAGE_TYPE, errorOf("{\"type\":\"dance\"}").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("{\"type\":\"hello\",\"v\":1,\"clientId\":\"short\"}").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("{\"type\":\"hello\",\"v\":1.5,\"clientId\":\"c-4f9a1e0b7d\"}").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE,
                errorOf("{\"type\":\"hello\",\"v\":1,\"clientId\":\"c-4f9a1e0b7d\",\"user\":{\"color\":\"red\"}}").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("{\"type\":\"hello\",\"v\":1,\"clientId\":\"c-4f9a1e0b7d\",\"user\":{\"name\":\""
                + "x".repeat(65) + "\"}}").code(), "names over 64 characters are refused, not cut");
        assertEquals(ErrorCode.INVALID_DOCUMENT_ID, errorOf("{\"type\":\"open\",\"doc\":\"a b\"}").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("{\"type\":\"open\",\"doc\":7}").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("{\"type\":\"open\",\"doc\":\"d\",\"rev\":-1}").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("{\"type\":\"open\",\"doc\":\"d\",\"create\":\"yes\"}").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("{\"type\":\"open\",\"doc\":\"d\",\"docType\":\"NOT A TYPE\"}").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("{\"type\":\"submit\",\"doc\":\"d\",\"base\":0,\"op\":[1],\"seq\":0}").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE,
                errorOf("{\"type\":\"submit\",\"doc\":\"d\",\"base\":0,\"op\":[1],\"seq\":99999999999999999999999}").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("{\"type\":\"presence\",\"doc\":\"d\",\"sel\":[1,1]}").code());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("[" + "{\"type\":\"close\",\"doc\":\"d\"},".repeat(1000)
                + "{\"type\":\"close\",\"doc\":\"d\"}]").code(), "a frame of more than 1000 messages");
        assertEquals(ErrorCode.MALFORMED_MESSAGE, errorOf("[" + "[".repeat(5000) + "]".repeat(5000) + "]").code(),
                "deep nesting is refused by the parser's limits");
    }

    @Test
    void anInvalidMessageKeepsWhatItSaidAboutItsDocumentAndSubmission() {
        Inbound.Invalid bad = (Inbound.Invalid) ClientCodec.decodeFrame(
                "{\"type\":\"submit\",\"doc\":\"d\",\"base\":-4,\"op\":[1],\"seq\":12}").get(0);
        assertEquals("submit", bad.type());
        assertEquals("d", bad.doc());
        assertEquals(12L, bad.seq());
        List<Inbound> batch = ClientCodec.decodeFrame("[{\"type\":\"close\",\"doc\":\"d\"}, 5]");
        assertInstanceOf(Inbound.Valid.class, batch.get(0));
        assertInstanceOf(Inbound.Invalid.class, batch.get(1));
    }
}
