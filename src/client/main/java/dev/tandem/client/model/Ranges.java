package dev.tandem.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tandem.ot.text.Selection;
import dev.tandem.protocol.MalformedFrameException;

/** {@code [anchor, head]} selections of the sequence types (text, rich text) on the wire. */
final class Ranges {
    private Ranges() {
    }

    static JsonNode write(Selection sel) {
        return sel == null ? null : JsonNodeFactory.instance.arrayNode(2).add(sel.anchor()).add(sel.head());
    }

    /** A selection {@code [anchor, head]} from the server, or null. */
    static Selection read(JsonNode json, String what) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (!json.isArray() || json.size() != 2 || !json.get(0).canConvertToInt() || !json.get(1).canConvertToInt()) {
            throw new MalformedFrameException(what + " is [anchor, head], got " + json);
        }
        return new Selection(json.get(0).intValue(), json.get(1).intValue());
    }

    static boolean fits(Selection sel, long length) {
        return Math.min(sel.anchor(), sel.head()) >= 0 && Math.max(sel.anchor(), sel.head()) <= length;
    }

    static Selection clamp(Selection s, long length) {
        int max = (int) Math.min(Integer.MAX_VALUE, length);
        return new Selection(Math.max(0, Math.min(s.anchor(), max)), Math.max(0, Math.min(s.head(), max)));
    }
}
