package dev.tandem.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of the messages servers send (docs/PROTOCOL.md): the server encodes them here, clients
 * decode them here. A server frame is always a JSON array of messages. Decoding is lenient in
 * what the protocol allows to grow: unknown fields are ignored and unknown message types become
 * {@link ServerMessage.Unknown}.
 *
 * <p>The messages every keystroke produces ({@code op}, {@code ack}) also have encoders that take
 * the operation's JSON text as it is ({@link #op}, {@link #ack}): they are built by concatenation,
 * with no tree. Measured with {@code scripts/bench-protocol} (docs/BENCHMARKS.md, "Protocol
 * encoding"): the tree encoder costs several times as much per {@code op} message, and the server
 * encodes one per revision per gateway.
 */
public final class ServerCodec {
    private ServerCodec() {
    }

    // ---- encoding (the server) --------------------------------------------------------------

    public static String encode(ServerMessage m) {
        return Json.write(toJson(m));
    }

    /** Messages as one frame. */
    public static String encodeFrame(List<? extends ServerMessage> messages) {
        ArrayNode a = Json.NODES.arrayNode();
        for (ServerMessage m : messages) {
            a.add(toJson(m));
        }
        return Json.write(a);
    }

    /** Already encoded messages as one frame. */
    public static String frame(List<String> encoded) {
        return "[" + String.join(",", encoded) + "]";
    }

    /** The {@code op} message, with {@code opJson} the committed operation's JSON text. */
    public static String op(String doc, long rev, String opJson, String client, long seq) {
        return "{\"type\":\"op\",\"doc\":" + Json.quoteId(doc) + ",\"rev\":" + rev + ",\"op\":" + opJson
                + ",\"client\":" + Json.quoteId(client) + ",\"seq\":" + seq + "}";
    }

    /** The {@code ack} message; {@code opJson} is the committed operation where the type sends it, else null. */
    public static String ack(String doc, long seq, long rev, String opJson) {
        return "{\"type\":\"ack\",\"doc\":" + Json.quoteId(doc) + ",\"seq\":" + seq + ",\"rev\":" + rev
                + (opJson == null ? "" : ",\"op\":" + opJson) + "}";
    }

    /** One entry of {@code opened.ops}, with {@code opJson} the operation's JSON text. */
    public static String revision(long rev, String opJson, String client, long seq) {
        return "{\"rev\":" + rev + ",\"op\":" + opJson + ",\"client\":" + Json.quoteId(client) + ",\"seq\":" + seq + "}";
    }

    /**
     * The {@code opened} message from parts already encoded: {@code snapshotJson} (or null),
     * {@code revisionsJson} (entries made by {@link #revision}, or null) and {@code presenceJson}
     * (entries made by {@link #presenceEntry}).
     */
    public static String opened(String doc, String docType, long rev, String snapshotJson, List<String> revisionsJson,
            boolean reset, ServerMessage.Owner owner, List<String> presenceJson) {
        return opened(doc, docType, rev, snapshotJson, revisionsJson, reset, owner, presenceJson, null);
    }

    /** The {@code opened} message, with {@code role} (the connection's role in the document) when the server says it. */
    public static String opened(String doc, String docType, long rev, String snapshotJson, List<String> revisionsJson,
            boolean reset, ServerMessage.Owner owner, List<String> presenceJson, String role) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"type\":\"opened\",\"doc\":").append(Json.quoteId(doc))
                .append(",\"docType\":").append(Json.quoteId(docType)).append(",\"rev\":").append(rev);
        if (role != null) {
            sb.append(",\"role\":").append(Json.quoteId(role));
        }
        if (snapshotJson != null) {
            sb.append(",\"snapshot\":").append(snapshotJson);
        }
        if (revisionsJson != null) {
            sb.append(",\"ops\":[").append(String.join(",", revisionsJson)).append(']');
        }
        if (reset) {
            sb.append(",\"reset\":true");
        }
        sb.append(",\"owner\":").append(Json.write(owner(owner)));
        sb.append(",\"presence\":[").append(String.join(",", presenceJson)).append("]}");
        return sb.toString();
    }

    /** A presence entry as {@code opened.presence} lists it, {@code selJson} the selection's JSON text or null. */
    public static String presenceEntry(String client, User user, long rev, String selJson, boolean typing) {
        return "{\"client\":" + Json.quoteId(client) + ",\"user\":" + Json.write(Json.user(user)) + ",\"rev\":" + rev
                + ",\"sel\":" + (selJson == null ? "null" : selJson) + ",\"typing\":" + typing + "}";
    }

    /** The {@code presence} message, {@code selJson} the selection's JSON text or null. */
    public static String presence(String doc, String client, User user, long rev, String selJson, boolean typing) {
        return "{\"type\":\"presence\",\"doc\":" + Json.quoteId(doc) + ",\"client\":" + Json.quoteId(client)
                + ",\"user\":" + Json.write(Json.user(user)) + ",\"rev\":" + rev + ",\"sel\":"
                + (selJson == null ? "null" : selJson) + ",\"typing\":" + typing + "}";
    }

    public static ObjectNode toJson(ServerMessage m) {
        if (m instanceof ServerMessage.Welcome w) {
            ObjectNode o = Json.object("welcome").put("v", 1).put("session", w.session()).put("node", w.node());
            ServerMessage.Limits l = w.limits();
            o.putObject("limits").put("maxMessageBytes", l.maxMessageBytes()).put("maxDocumentLength", l.maxDocumentLength())
                    .put("maxOpenDocuments", l.maxOpenDocuments()).put("presencePerSecond", l.presencePerSecond())
                    .put("opsPerSecond", l.opsPerSecond()).put("maxOperationBytes", l.maxOperationBytes());
            if (w.client() != null) {
                o.put("client", w.client());
            }
            if (w.user() != null) {
                o.set("user", Json.user(w.user()));
            }
            if (w.access() != null) {
                o.put("access", w.access());
            }
            return o;
        } else if (m instanceof ServerMessage.Opened o) {
            ObjectNode j = Json.object("opened").put("doc", o.doc()).put("docType", o.docType()).put("rev", o.rev());
            if (o.snapshot() != null) {
                j.set("snapshot", o.snapshot());
            }
            if (!o.ops().isEmpty() || o.snapshot() == null) {
                ArrayNode ops = j.putArray("ops");
                for (ServerMessage.Revision r : o.ops()) {
                    ops.addObject().put("rev", r.rev()).<ObjectNode>set("op", r.op()).put("client", r.client())
                            .put("seq", r.seq());
                }
            }
            if (o.reset()) {
                j.put("reset", true);
            }
            if (o.owner() != null) {
                j.set("owner", owner(o.owner()));
            }
            ArrayNode presence = j.putArray("presence");
            for (ServerMessage.PresenceEntry p : o.presence()) {
                presence.add(presenceEntry(p));
            }
            return j;
        } else if (m instanceof ServerMessage.Ack a) {
            ObjectNode j = Json.object("ack").put("doc", a.doc()).put("seq", a.seq()).put("rev", a.rev());
            return a.op() == null ? j : j.set("op", a.op());
        } else if (m instanceof ServerMessage.Op o) {
            ObjectNode j = Json.object("op").put("doc", o.doc()).put("rev", o.rev());
            j.set("op", o.op());
            return j.put("client", o.client()).put("seq", o.seq());
        } else if (m instanceof ServerMessage.Presence p) {
            return presenceEntry(p.entry()).put("type", "presence").put("doc", p.doc());
        } else if (m instanceof ServerMessage.Left l) {
            return Json.object("left").put("doc", l.doc()).put("client", l.client());
        } else if (m instanceof ServerMessage.Closed c) {
            return Json.object("closed").put("doc", c.doc());
        } else if (m instanceof ServerMessage.Error e) {
            ObjectNode j = Json.object("error").put("code", e.code()).put("message", e.message()).put("resync", e.resync());
            if (e.detail() != null) {
                j.put("detail", e.detail());
            }
            if (e.doc() != null) {
                j.put("doc", e.doc());
            }
            if (e.seq() != null) {
                j.put("seq", e.seq());
            }
            if (e.retryAfterMs() != null) {
                j.put("retryAfterMs", e.retryAfterMs());
            }
            return j;
        } else if (m instanceof ServerMessage.Pong p) {
            return Json.object("pong").set("t", p.t() == null ? Json.NODES.nullNode() : p.t());
        } else {
            return Json.object(((ServerMessage.Unknown) m).type());
        }
    }

    /** The error message for a refused request. */
    public static ServerMessage.Error error(TandemException e, String doc, Long seq, Long retryAfterMs) {
        return new ServerMessage.Error(e.code().name(), e.getMessage(), e.code().resync(), doc, seq, retryAfterMs,
                e.detail());
    }

    private static ObjectNode owner(ServerMessage.Owner owner) {
        return Json.NODES.objectNode().put("node", owner.node()).put("ws", owner.ws());
    }

    private static ObjectNode presenceEntry(ServerMessage.PresenceEntry p) {
        ObjectNode o = Json.NODES.objectNode().put("client", p.client());
        o.set("user", Json.user(p.user() == null ? User.ANONYMOUS : p.user()));
        o.put("rev", p.rev());
        o.set("sel", p.sel() == null ? Json.NODES.nullNode() : p.sel());
        return o.put("typing", p.typing());
    }

    // ---- decoding (clients) -----------------------------------------------------------------

    /**
     * Decodes one server frame (an array of messages; a lone object is accepted too).
     *
     * @throws MalformedFrameException if it is not JSON, not messages, or a message lacks a field
     */
    public static List<ServerMessage> decodeFrame(String frame) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("server frame is not JSON: " + e.getOriginalMessage());
        }
        List<ServerMessage> out = new ArrayList<>();
        if (parsed != null && parsed.isArray()) {
            for (JsonNode m : parsed) {
                out.add(decode(m));
            }
        } else {
            out.add(decode(parsed));
        }
        return out;
    }

    /**
     * The text of each message of a frame {@code [{...}, {...}]}, or null if the frame is not an
     * array of objects. Found with Jackson's tokenizer, without building the messages: for a
     * reader that caches messages by their text (the load generator, where hundreds of simulated
     * clients read the same operations).
     */
    public static List<String> splitFrame(String frame) {
        try (com.fasterxml.jackson.core.JsonParser p = Json.MAPPER.getFactory().createParser(frame)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                return null;
            }
            List<String> out = new ArrayList<>();
            com.fasterxml.jackson.core.JsonToken t;
            while ((t = p.nextToken()) == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                int start = (int) p.currentTokenLocation().getCharOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getCharOffset();
                out.add(frame.substring(start, end));
            }
            return t == com.fasterxml.jackson.core.JsonToken.END_ARRAY && p.nextToken() == null ? out : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Decodes one server message object. */
    public static ServerMessage decode(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new MalformedFrameException("a server message must be a JSON object, got " + o);
        }
        String type = o.path("type").asText("");
        switch (type) {
            case "welcome": {
                JsonNode l = o.path("limits");
                ServerMessage.Limits d = ServerMessage.Limits.DEFAULTS;
                return new ServerMessage.Welcome(o.path("session").asText(null), o.path("node").asText(null),
                        new ServerMessage.Limits(l.path("maxMessageBytes").asLong(d.maxMessageBytes()),
                                l.path("maxDocumentLength").asLong(d.maxDocumentLength()),
                                l.path("maxOpenDocuments").asInt(d.maxOpenDocuments()),
                                l.path("presencePerSecond").asInt(d.presencePerSecond()),
                                l.path("opsPerSecond").asInt(d.opsPerSecond()),
                                l.path("maxOperationBytes").asLong(d.maxOperationBytes())),
                        o.path("client").asText(null), o.hasNonNull("user") ? new User(o.get("user").path("name").asText(null), o.get("user").path("color").asText(null)) : null,
                        o.path("access").asText(null));
            }
            case "opened":
                return opened(o);
            case "ack": {
                JsonNode op = o.get("op");
                return new ServerMessage.Ack(text(o, "doc"), number(o, "seq"), number(o, "rev"),
                        op == null || op.isNull() ? null : op);
            }
            case "op":
                return new ServerMessage.Op(text(o, "doc"), number(o, "rev"), required(o, "op"), o.path("client").asText(null),
                        o.path("seq").asLong(0));
            case "presence":
                return new ServerMessage.Presence(text(o, "doc"), presenceEntry(o));
            case "left":
                return new ServerMessage.Left(text(o, "doc"), text(o, "client"));
            case "closed":
                return new ServerMessage.Closed(text(o, "doc"));
            case "error":
                return new ServerMessage.Error(text(o, "code"), o.path("message").asText(""), o.path("resync").asBoolean(false),
                        o.path("doc").isTextual() ? o.get("doc").textValue() : null, optionalLong(o, "seq"),
                        optionalLong(o, "retryAfterMs"), o.path("detail").isTextual() ? o.get("detail").textValue() : null);
            case "pong":
                return new ServerMessage.Pong(o.get("t"));
            default:
                return new ServerMessage.Unknown(type);
        }
    }

    private static ServerMessage.Opened opened(JsonNode o) {
        List<ServerMessage.Revision> ops = new ArrayList<>();
        for (JsonNode r : o.path("ops")) {
            ops.add(new ServerMessage.Revision(number(r, "rev"), required(r, "op"), r.path("client").asText(null),
                    r.path("seq").asLong(0)));
        }
        List<ServerMessage.PresenceEntry> presence = new ArrayList<>();
        for (JsonNode p : o.path("presence")) {
            presence.add(presenceEntry(p));
        }
        JsonNode owner = o.get("owner");
        JsonNode snapshot = o.get("snapshot");
        return new ServerMessage.Opened(text(o, "doc"), o.path("docType").asText("text"), number(o, "rev"),
                snapshot == null || snapshot.isNull() ? null : snapshot, o.path("reset").asBoolean(false), ops,
                owner == null || !owner.isObject() ? null
                        : new ServerMessage.Owner(owner.path("node").asText(null), owner.path("ws").asText(null)),
                presence);
    }

    private static ServerMessage.PresenceEntry presenceEntry(JsonNode o) {
        JsonNode user = o.get("user");
        JsonNode sel = o.get("sel");
        return new ServerMessage.PresenceEntry(text(o, "client"),
                user == null || !user.isObject() ? null
                        : new User(user.path("name").asText(null), user.path("color").asText(null)),
                number(o, "rev"), sel == null || sel.isNull() ? null : sel, o.path("typing").asBoolean(false));
    }

    private static JsonNode required(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new MalformedFrameException(o.path("type").asText("message") + " without " + field + ": " + o);
        }
        return v;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new MalformedFrameException(o.path("type").asText("message") + " without " + field + ": " + o);
        }
        return v.textValue();
    }

    private static long number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new MalformedFrameException(o.path("type").asText("message") + " without " + field + ": " + o);
        }
        return v.longValue();
    }

    private static Long optionalLong(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v != null && v.isIntegralNumber() ? v.longValue() : null;
    }
}
