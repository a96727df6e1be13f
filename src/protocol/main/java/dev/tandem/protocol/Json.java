package dev.tandem.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The protocol's one Jackson mapper and the few helpers both codecs share. */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object(String type) {
        return NODES.objectNode().put("type", type);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code s} as a JSON string literal. */
    static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code id} as a JSON string literal, fast when it holds only characters that need no escaping
     * (document and client ids are validated to such a charset on the way in).
     */
    static String quoteId(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                return quote(id);
            }
        }
        return "\"" + id + "\"";
    }

    static ObjectNode user(User u) {
        ObjectNode o = NODES.objectNode();
        if (u.name() != null) {
            o.put("name", u.name());
        }
        if (u.color() != null) {
            o.put("color", u.color());
        }
        return o;
    }
}
