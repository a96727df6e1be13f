package dev.tandem.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.client.wire.ClientMessage;
import dev.tandem.client.wire.ServerMessage;
import dev.tandem.client.wire.User;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.text.Selection;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's JSON against the examples of docs/PROTOCOL.md. */
class WireCodecTest {

    @Test
    void clientMessagesEncodeAsTheProtocolShowsThem() {
        assertEquals(new JsonObject("{\"type\":\"hello\",\"v\":1,\"clientId\":\"c-4f9a1e0b7d\",\"user\":{\"name\":\"Ana\",\"color\":\"#d81b60\"}}"),
                WireCodec.toJson(new ClientMessage.Hello(1, "c-4f9a1e0b7d", new User("Ana", "#d81b60"))));
        assertEquals(new JsonObject("{\"type\":\"open\",\"doc\":\"design-notes\",\"rev\":41,\"create\":true}"),
                WireCodec.toJson(new ClientMessage.Open("design-notes", 41L, true)));
        assertEquals(new JsonObject("{\"type\":\"submit\",\"doc\":\"design-notes\",\"base\":43,\"op\":[12,\"!\",6],\"seq\":10}"),
                WireCodec.toJson(new ClientMessage.Submit("design-notes", 43, OperationJson.parse("[12,\"!\",6]"), 10)));
        assertEquals(new JsonObject("{\"type\":\"presence\",\"doc\":\"d\",\"rev\":44,\"sel\":[12,17],\"typing\":true}"),
                WireCodec.toJson(new ClientMessage.Presence("d", 44, new Selection(12, 17), true)));
        assertEquals(new JsonObject("{\"type\":\"presence\",\"doc\":\"d\",\"rev\":44,\"sel\":null,\"typing\":false}"),
                WireCodec.toJson(new ClientMessage.Presence("d", 44, null, false)));
    }

    @Test
    void anOpenWithoutRevisionAsksForASnapshot() {
        assertNull(WireCodec.toJson(new ClientMessage.Open("d", null, false)).getValue("rev"));
    }

    @Test
    void openedWithOpsAndPresenceDecodes() {
        String frame = """
                [{"type": "opened", "doc": "design-notes", "rev": 43,
                  "ops": [{"rev": 42, "op": [10, "Hi", 5], "client": "c-77b0c1d2aa", "seq": 3},
                          {"rev": 43, "op": [12, -1, 5], "client": "c-4f9a1e0b7d", "seq": 9}],
                  "owner": {"node": "node-1", "ws": "ws://127.0.0.1:8080/ws"},
                  "presence": [{"client": "c-77b0c1d2aa", "user": {"name": "Bo", "color": "#3949ab"},
                                "rev": 43, "sel": [3, 3], "typing": false}]}]""";
        ServerMessage.Opened o = (ServerMessage.Opened) WireCodec.decode(frame).get(0);
        assertEquals(43, o.rev());
        assertNull(o.snapshot());
        assertEquals(List.of(new ServerMessage.Revision(42, OperationJson.parse("[10,\"Hi\",5]"), "c-77b0c1d2aa", 3),
                new ServerMessage.Revision(43, OperationJson.parse("[12,-1,5]"), "c-4f9a1e0b7d", 9)), o.ops());
        assertEquals(List.of(new ServerMessage.PresenceEntry("c-77b0c1d2aa", new User("Bo", "#3949ab"), 43,
                Selection.caret(3), false)), o.presence());
    }

    @Test
    void aFrameOfSeveralMessagesDecodesInOrder() {
        List<ServerMessage> ms = WireCodec.decode("""
                [{"type":"ack","doc":"d","seq":10,"rev":44},
                 {"type":"op","doc":"d","rev":45,"op":[12,"!",6],"client":"c-4f9a1e0b7d","seq":10,"future":"ignored"},
                 {"type":"left","doc":"d","client":"c-4f9a1e0b7d"},
                 {"type":"error","code":"RATE_LIMITED","message":"slow down","resync":false,"doc":"d","seq":11,"retryAfterMs":250},
                 {"type":"something-new"}]""");
        assertEquals(new ServerMessage.Ack("d", 10, 44), ms.get(0));
        assertEquals(new ServerMessage.Op("d", 45, OperationJson.parse("[12,\"!\",6]"), "c-4f9a1e0b7d", 10), ms.get(1));
        assertEquals(new ServerMessage.Left("d", "c-4f9a1e0b7d"), ms.get(2));
        assertEquals(new ServerMessage.Error("RATE_LIMITED", "slow down", false, "d", 11L, 250L, null), ms.get(3));
        assertEquals(new ServerMessage.Unknown("something-new"), ms.get(4));
    }

    @Test
    void aSnapshotWithResetDecodes() {
        ServerMessage.Opened o = (ServerMessage.Opened) WireCodec.decode(
                "[{\"type\":\"opened\",\"doc\":\"d\",\"rev\":43,\"snapshot\":\"Hello 😀\",\"reset\":true,\"presence\":[]}]").get(0);
        assertEquals("Hello 😀", o.snapshot());
        assertEquals(true, o.reset());
    }

    @Test
    void malformedFramesAreRefusedWithAClearReason() {
        assertThrows(WireCodec.MalformedFrameException.class, () -> WireCodec.decode("not json"));
        assertThrows(WireCodec.MalformedFrameException.class, () -> WireCodec.decode("[42]"));
        assertThrows(WireCodec.MalformedFrameException.class, () -> WireCodec.decode("[{\"type\":\"ack\",\"doc\":\"d\",\"seq\":1}]"));
        assertThrows(WireCodec.MalformedFrameException.class,
                () -> WireCodec.decode("[{\"type\":\"op\",\"doc\":\"d\",\"rev\":2,\"op\":[0],\"client\":\"x\",\"seq\":1}]"));
    }
}
