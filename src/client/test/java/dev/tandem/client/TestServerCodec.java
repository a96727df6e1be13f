package dev.tandem.client;

import dev.tandem.client.transport.WireCodec;
import dev.tandem.client.wire.ClientMessage;
import dev.tandem.client.wire.ServerMessage;
import dev.tandem.client.wire.User;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.text.Selection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The server's half of the JSON for {@link TestTandemServer}: the mirror image of {@link WireCodec}. */
final class TestServerCodec {
    private TestServerCodec() {
    }

    static List<ClientMessage> decode(String frame) {
        Object parsed = io.vertx.core.json.Json.decodeValue(frame);
        List<ClientMessage> out = new ArrayList<>();
        if (parsed instanceof JsonArray a) {
            a.forEach(m -> out.add(message((JsonObject) m)));
        } else {
            out.add(message((JsonObject) parsed));
        }
        return out;
    }

    private static ClientMessage message(JsonObject o) {
        switch (o.getString("type")) {
            case "hello":
                return new ClientMessage.Hello(o.getInteger("v"), o.getString("clientId"), user(o.getJsonObject("user")));
            case "open":
                return new ClientMessage.Open(o.getString("doc"), o.getLong("rev"), o.getBoolean("create", false));
            case "submit":
                return new ClientMessage.Submit(o.getString("doc"), o.getLong("base"),
                        OperationJson.fromList(o.getJsonArray("op").getList()), o.getLong("seq"));
            case "presence": {
                JsonArray sel = o.getJsonArray("sel");
                return new ClientMessage.Presence(o.getString("doc"), o.getLong("rev"),
                        sel == null ? null : new Selection(sel.getInteger(0), sel.getInteger(1)), o.getBoolean("typing", false));
            }
            case "close":
                return new ClientMessage.Close(o.getString("doc"));
            case "ping":
                return new ClientMessage.Ping(o.getLong("t"));
            case "user":
                return new ClientMessage.UserUpdate(user(o.getJsonObject("user")));
            default:
                throw new IllegalArgumentException("unknown type " + o.getString("type"));
        }
    }

    static String encode(List<ServerMessage> messages) {
        JsonArray frame = new JsonArray();
        messages.forEach(m -> frame.add(json(m)));
        return frame.encode();
    }

    private static JsonObject json(ServerMessage m) {
        if (m instanceof ServerMessage.Welcome w) {
            return type("welcome").put("v", 1).put("session", w.session()).put("node", w.node())
                    .put("limits", new JsonObject().put("maxMessageBytes", w.maxMessageBytes()));
        } else if (m instanceof ServerMessage.Opened o) {
            JsonArray ops = new JsonArray();
            o.ops().forEach(r -> ops.add(new JsonObject().put("rev", r.rev()).put("op", WireCodec.operation(r.op()))
                    .put("client", r.client()).put("seq", r.seq())));
            JsonArray presence = new JsonArray();
            o.presence().forEach(p -> presence.add(presence(p)));
            JsonObject j = type("opened").put("doc", o.doc()).put("rev", o.rev()).put("presence", presence);
            if (o.snapshot() != null) {
                j.put("snapshot", o.snapshot());
                if (o.reset()) {
                    j.put("reset", true);
                }
            } else {
                j.put("ops", ops);
            }
            return j;
        } else if (m instanceof ServerMessage.Ack a) {
            return type("ack").put("doc", a.doc()).put("seq", a.seq()).put("rev", a.rev());
        } else if (m instanceof ServerMessage.Op o) {
            return type("op").put("doc", o.doc()).put("rev", o.rev()).put("op", WireCodec.operation(o.op()))
                    .put("client", o.client()).put("seq", o.seq());
        } else if (m instanceof ServerMessage.Presence p) {
            return presence(p.entry()).put("type", "presence").put("doc", p.doc());
        } else if (m instanceof ServerMessage.Left l) {
            return type("left").put("doc", l.doc()).put("client", l.client());
        } else if (m instanceof ServerMessage.Closed c) {
            return type("closed").put("doc", c.doc());
        } else if (m instanceof ServerMessage.Error e) {
            return type("error").put("code", e.code()).put("message", e.message()).put("resync", e.resync())
                    .put("doc", e.doc()).put("seq", e.seq());
        } else if (m instanceof ServerMessage.Pong p) {
            return type("pong").put("t", p.t());
        }
        throw new IllegalArgumentException("cannot encode " + m);
    }

    private static JsonObject presence(ServerMessage.PresenceEntry p) {
        JsonObject user = new JsonObject().put("name", p.user() == null ? null : p.user().name())
                .put("color", p.user() == null ? null : p.user().color());
        return new JsonObject().put("client", p.client()).put("user", user).put("rev", p.rev())
                .put("sel", p.sel() == null ? null : new JsonArray().add(p.sel().anchor()).add(p.sel().head()))
                .put("typing", p.typing());
    }

    private static User user(JsonObject o) {
        return o == null ? null : new User(o.getString("name"), o.getString("color"));
    }

    private static JsonObject type(String t) {
        return new JsonObject().put("type", t);
    }
}
