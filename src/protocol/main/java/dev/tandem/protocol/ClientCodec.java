package dev.tandem.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON of the messages clients send (docs/PROTOCOL.md): the client encodes them here, the
 * server decodes and validates them here. Everything the protocol itself says about a field
 * (types, ranges, id charsets, name length) is checked on decoding; what a document type says
 * (operations, selections) is left to the type.
 */
public final class ClientCodec {
    /** Most messages in one client frame. */
    public static final int MAX_BATCH = 1000;
    /** Longest display name, in code points. */
    public static final int MAX_NAME_LENGTH = 64;
    public static final Pattern DOC_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    public static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    public static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    public static final Pattern DOC_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private ClientCodec() {
    }

    // ---- encoding (clients) ----------------------------------------------------------------

    public static String encode(ClientMessage m) {
        return Json.write(toJson(m));
    }

    /** Several messages as one frame (a JSON array). */
    public static String encodeFrame(List<? extends ClientMessage> messages) {
        ArrayNode a = Json.NODES.arrayNode();
        for (ClientMessage m : messages) {
            a.add(toJson(m));
        }
        return Json.write(a);
    }

    public static ObjectNode toJson(ClientMessage m) {
        if (m instanceof ClientMessage.Hello h) {
            ObjectNode o = Json.object("hello").put("v", h.version()).put("clientId", h.clientId());
            if (h.token() != null) {
                o.put("token", h.token());
            }
            return h.user() == null ? o : o.set("user", Json.user(h.user()));
        } else if (m instanceof ClientMessage.Open o) {
            ObjectNode j = Json.object("open").put("doc", o.doc()).put("create", o.create());
            if (o.rev() != null) {
                j.put("rev", o.rev());
            }
            return o.docType() == null ? j : j.put("docType", o.docType());
        } else if (m instanceof ClientMessage.Submit s) {
            ObjectNode j = Json.object("submit").put("doc", s.doc()).put("base", s.base());
            j.set("op", s.op());
            return j.put("seq", s.seq());
        } else if (m instanceof ClientMessage.Presence p) {
            ObjectNode j = Json.object("presence").put("doc", p.doc()).put("rev", p.rev());
            j.set("sel", p.sel() == null ? Json.NODES.nullNode() : p.sel());
            return j.put("typing", p.typing());
        } else if (m instanceof ClientMessage.Close c) {
            return Json.object("close").put("doc", c.doc());
        } else if (m instanceof ClientMessage.Ping p) {
            return Json.object("ping").set("t", p.t() == null ? Json.NODES.nullNode() : p.t());
        } else {
            return Json.object("user").set("user", Json.user(((ClientMessage.UserUpdate) m).user()));
        }
    }

    // ---- decoding (the server) --------------------------------------------------------------

    /**
     * Decodes a client frame: one message object, or an array of at most {@link #MAX_BATCH}.
     * Never throws: what cannot be read becomes {@link Inbound.Invalid} with its code.
     */
    public static List<Inbound> decodeFrame(String frame) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(frame);
        } catch (JsonProcessingException e) {
            return List.of(invalid(malformed("not JSON: " + e.getOriginalMessage()), null));
        }
        if (parsed != null && parsed.isObject()) {
            return List.of(decode(parsed));
        }
        if (parsed != null && parsed.isArray() && parsed.size() <= MAX_BATCH) {
            List<Inbound> out = new ArrayList<>(parsed.size());
            for (JsonNode m : parsed) {
                out.add(m.isObject() ? decode(m) : invalid(malformed("a batch holds message objects only"), null));
            }
            return out;
        }
        return List.of(invalid(malformed("a frame is a message object or an array of at most " + MAX_BATCH), null));
    }

    /** Decodes one message object. */
    public static Inbound decode(JsonNode m) {
        try {
            return new Inbound.Valid(message(m));
        } catch (TandemException e) {
            return invalid(e, m);
        }
    }

    private static ClientMessage message(JsonNode m) {
        JsonNode type = m.get("type");
        if (type == null || !type.isTextual()) {
            throw malformed("field \"type\" must be a string");
        }
        switch (type.textValue()) {
            case "hello":
                return new ClientMessage.Hello(requiredLong(m, "v", 0), clientId(m), user(m.get("user")), token(m));
            case "open":
                return new ClientMessage.Open(docId(m), optionalLong(m, "rev", 0), optionalBoolean(m, "create"),
                        docType(m));
            case "submit": {
                String doc = docId(m);
                long seq = requiredLong(m, "seq", 1);
                long base = requiredLong(m, "base", 0);
                JsonNode op = m.get("op");
                return new ClientMessage.Submit(doc, base, op == null || op.isNull() ? null : op, seq);
            }
            case "presence": {
                String doc = docId(m);
                long rev = requiredLong(m, "rev", 0);
                JsonNode sel = m.get("sel");
                return new ClientMessage.Presence(doc, rev, sel == null || sel.isNull() ? null : sel,
                        optionalBoolean(m, "typing"));
            }
            case "close":
                return new ClientMessage.Close(docId(m));
            case "ping": {
                JsonNode t = m.get("t");
                return new ClientMessage.Ping(t == null ? Json.NODES.nullNode() : t);
            }
            case "user":
                return new ClientMessage.UserUpdate(user(m.get("user")));
            default:
                throw new TandemException(ErrorCode.UNKNOWN_MESSAGE_TYPE, "unknown message type " + type.textValue());
        }
    }

    private static Inbound.Invalid invalid(TandemException e, JsonNode m) {
        if (m == null || !m.isObject()) {
            return new Inbound.Invalid(e, null, null, null);
        }
        JsonNode type = m.get("type");
        JsonNode doc = m.get("doc");
        JsonNode seq = m.get("seq");
        return new Inbound.Invalid(e, type != null && type.isTextual() ? type.textValue() : null,
                doc != null && doc.isTextual() ? doc.textValue() : null,
                seq != null && seq.isIntegralNumber() && seq.canConvertToLong() ? seq.longValue() : null);
    }

    private static String docId(JsonNode m) {
        JsonNode v = m.get("doc");
        if (v == null || !v.isTextual()) {
            throw malformed("field \"doc\" must be a string");
        }
        return checkDocId(v.textValue());
    }

    /** {@code id} if it is a valid document id. */
    public static String checkDocId(String id) {
        if (id == null || !DOC_ID.matcher(id).matches()) {
            throw new TandemException(ErrorCode.INVALID_DOCUMENT_ID,
                    "document ids are 1 to 128 characters of A-Z a-z 0-9 . _ -");
        }
        return id;
    }

    private static String clientId(JsonNode m) {
        JsonNode v = m.get("clientId");
        if (v == null || !v.isTextual() || !CLIENT_ID.matcher(v.textValue()).matches()) {
            throw malformed("clientId must be 8 to 64 characters of A-Z a-z 0-9 _ -");
        }
        return v.textValue();
    }

    /** Longest access token accepted, in characters: a JWT with a generous grant list fits. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private static String token(JsonNode m) {
        JsonNode v = m.get("token");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.textValue().isEmpty() || v.textValue().length() > MAX_TOKEN_LENGTH) {
            throw malformed("token must be a string of at most " + MAX_TOKEN_LENGTH + " characters");
        }
        return v.textValue();
    }

    private static String docType(JsonNode m) {
        JsonNode v = m.get("docType");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || !DOC_TYPE.matcher(v.textValue()).matches()) {
            throw malformed("docType must be a type name such as \"text\"");
        }
        return v.textValue();
    }

    /**
     * The display name and colour; a blank or absent name or colour is null (the server keeps or
     * picks one).
     */
    public static User user(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw malformed("user must be an object");
        }
        String name = null;
        JsonNode n = value.get("name");
        if (n != null && !n.isNull()) {
            if (!n.isTextual()) {
                throw malformed("user.name must be a string");
            }
            String s = n.textValue();
            if (s.codePointCount(0, s.length()) > MAX_NAME_LENGTH) {
                throw malformed("user.name is longer than " + MAX_NAME_LENGTH + " characters");
            }
            name = s.isBlank() ? null : s;
        }
        String color = null;
        JsonNode c = value.get("color");
        if (c != null && !c.isNull()) {
            if (!c.isTextual() || !COLOR.matcher(c.textValue()).matches()) {
                throw malformed("user.color must be #rrggbb");
            }
            color = c.textValue();
        }
        return new User(name, color);
    }

    private static long requiredLong(JsonNode m, String field, long min) {
        JsonNode v = m.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw malformed("field \"" + field + "\" must be an integer");
        }
        long n = v.longValue();
        if (n < min) {
            throw malformed("field \"" + field + "\" must be at least " + min);
        }
        return n;
    }

    private static Long optionalLong(JsonNode m, String field, long min) {
        JsonNode v = m.get(field);
        return v == null || v.isNull() ? null : requiredLong(m, field, min);
    }

    private static boolean optionalBoolean(JsonNode m, String field) {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw malformed("field \"" + field + "\" must be true or false");
        }
        return v.booleanValue();
    }

    static TandemException malformed(String text) {
        return new TandemException(ErrorCode.MALFORMED_MESSAGE, text);
    }
}
