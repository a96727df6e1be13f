package dev.tandem.client.transport;

import dev.tandem.client.wire.ClientMessage;
import dev.tandem.client.wire.ServerMessage;
import dev.tandem.client.wire.User;
import dev.tandem.ot.text.Component;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.OtException;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of PROTOCOL.md for the client side: encodes {@link ClientMessage}s and decodes server
 * frames (a JSON array of messages; a lone object is accepted too) into {@link ServerMessage}s.
 * Unknown fields are ignored and unknown types become {@link ServerMessage.Unknown}.
 */
public final class WireCodec {
    public static final int PROTOCOL_VERSION = 1;

    private WireCodec() {
    }

    /** A server frame that is not what PROTOCOL.md describes. */
    public static final class MalformedFrameException extends RuntimeException {
        MalformedFrameException(String message) {
            super(message);
        }
    }

    public static String encode(ClientMessage m) {
        return toJson(m).encode();
    }

    public static JsonObject toJson(ClientMessage m) {
        if (m instanceof ClientMessage.Hello h) {
            JsonObject o = type("hello").put("v", h.version()).put("clientId", h.clientId());
            return h.user() == null ? o : o.put("user", user(h.user()));
        } else if (m instanceof ClientMessage.Open o) {
            JsonObject j = type("open").put("doc", o.doc()).put("create", o.create());
            return o.rev() == null ? j : j.put("rev", o.rev());
        } else if (m instanceof ClientMessage.Submit s) {
            return type("submit").put("doc", s.doc()).put("base", s.base()).put("op", operation(s.op())).put("seq", s.seq());
        } else if (m instanceof ClientMessage.Presence p) {
            return type("presence").put("doc", p.doc()).put("rev", p.rev())
                    .put("sel", p.sel() == null ? null : new JsonArray().add(p.sel().anchor()).add(p.sel().head()))
                    .put("typing", p.typing());
        } else if (m instanceof ClientMessage.Close c) {
            return type("close").put("doc", c.doc());
        } else if (m instanceof ClientMessage.Ping p) {
            return type("ping").put("t", p.t());
        } else {
            return type("user").put("user", user(((ClientMessage.UserUpdate) m).user()));
        }
    }

    /** The wire form of an operation, {@code [5, "abc", -3]}. */
    public static JsonArray operation(TextOperation op) {
        JsonArray a = new JsonArray();
        for (int i = 0; i < op.size(); i++) {
            Component c = op.component(i);
            if (c instanceof Component.Retain r) {
                a.add(r.count());
            } else if (c instanceof Component.Insert ins) {
                a.add(ins.text());
            } else {
                a.add(-c.length());
            }
        }
        return a;
    }

    /**
     * Decodes one server frame.
     *
     * @throws MalformedFrameException if it is not JSON, not messages, or a message lacks a field
     */
    public static List<ServerMessage> decode(String frame) {
        Object parsed;
        try {
            parsed = Json.decodeValue(frame);
        } catch (DecodeException e) {
            throw new MalformedFrameException("server frame is not JSON: " + e.getMessage());
        }
        List<ServerMessage> out = new ArrayList<>();
        if (parsed instanceof JsonArray array) {
            for (Object m : array) {
                out.add(message(m));
            }
        } else {
            out.add(message(parsed));
        }
        return out;
    }

    private static ServerMessage message(Object m) {
        if (!(m instanceof JsonObject o)) {
            throw new MalformedFrameException("a server message must be a JSON object, got " + m);
        }
        String type = o.getString("type");
        try {
            switch (type == null ? "" : type) {
                case "welcome": {
                    JsonObject limits = o.getJsonObject("limits", new JsonObject());
                    return new ServerMessage.Welcome(o.getString("session"), o.getString("node"),
                            limits.getLong("maxMessageBytes", 1L << 20));
                }
                case "opened":
                    return opened(o);
                case "ack":
                    return new ServerMessage.Ack(doc(o), number(o, "seq"), number(o, "rev"));
                case "op":
                    return new ServerMessage.Op(doc(o), number(o, "rev"), op(o), o.getString("client"), number(o, "seq"));
                case "presence":
                    return new ServerMessage.Presence(doc(o), presence(o));
                case "left":
                    return new ServerMessage.Left(doc(o), text(o, "client"));
                case "closed":
                    return new ServerMessage.Closed(doc(o));
                case "error":
                    return new ServerMessage.Error(text(o, "code"), o.getString("message", ""),
                            o.getBoolean("resync", false), o.getString("doc"), o.getLong("seq"),
                            o.getLong("retryAfterMs"), o.getString("detail"));
                case "pong":
                    return new ServerMessage.Pong(number(o, "t"));
                default:
                    return new ServerMessage.Unknown(type);
            }
        } catch (ClassCastException | OtException e) {
            throw new MalformedFrameException("bad " + type + " message: " + e.getMessage());
        }
    }

    private static ServerMessage.Opened opened(JsonObject o) {
        List<ServerMessage.Revision> ops = new ArrayList<>();
        for (Object r : o.getJsonArray("ops", new JsonArray())) {
            JsonObject rev = (JsonObject) r;
            ops.add(new ServerMessage.Revision(number(rev, "rev"), op(rev), rev.getString("client"), rev.getLong("seq", 0L)));
        }
        List<ServerMessage.PresenceEntry> presence = new ArrayList<>();
        for (Object p : o.getJsonArray("presence", new JsonArray())) {
            presence.add(presence((JsonObject) p));
        }
        return new ServerMessage.Opened(doc(o), number(o, "rev"), o.getString("snapshot"), o.getBoolean("reset", false),
                ops, presence);
    }

    private static ServerMessage.PresenceEntry presence(JsonObject o) {
        JsonArray sel = o.getJsonArray("sel");
        JsonObject user = o.getJsonObject("user");
        return new ServerMessage.PresenceEntry(text(o, "client"),
                user == null ? null : new User(user.getString("name"), user.getString("color")),
                number(o, "rev"), sel == null ? null : new Selection(sel.getInteger(0), sel.getInteger(1)),
                o.getBoolean("typing", false));
    }

    private static TextOperation op(JsonObject o) {
        JsonArray a = o.getJsonArray("op");
        if (a == null) {
            throw new MalformedFrameException("message without an op: " + o.encode());
        }
        return OperationJson.fromList(a.getList());
    }

    private static String doc(JsonObject o) {
        return text(o, "doc");
    }

    private static String text(JsonObject o, String field) {
        String v = o.getString(field);
        if (v == null) {
            throw new MalformedFrameException(o.getString("type") + " message without " + field);
        }
        return v;
    }

    private static long number(JsonObject o, String field) {
        Long v = o.getLong(field);
        if (v == null) {
            throw new MalformedFrameException(o.getString("type") + " message without " + field);
        }
        return v;
    }

    private static JsonObject type(String type) {
        return new JsonObject().put("type", type);
    }

    private static JsonObject user(User u) {
        JsonObject o = new JsonObject();
        if (u.name() != null) {
            o.put("name", u.name());
        }
        if (u.color() != null) {
            o.put("color", u.color());
        }
        return o;
    }
}
