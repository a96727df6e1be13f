package dev.tandem.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.ot.text.TextType;
import dev.tandem.protocol.MalformedFrameException;

/**
 * The text type's parts of protocol messages: operations and selections between their JSON (as
 * the protocol's records hold them) and the OT core's classes.
 */
final class TextWire {
    private TextWire() {
    }

    static JsonNode op(TextOperation op) {
        return OperationJson.toTree(op);
    }

    static TextOperation op(JsonNode json) {
        return TextType.INSTANCE.parse(json);
    }

    static JsonNode selection(Selection sel) {
        if (sel == null) {
            return null;
        }
        ArrayNode a = JsonNodeFactory.instance.arrayNode(2);
        return a.add(sel.anchor()).add(sel.head());
    }

    /** A selection {@code [anchor, head]} from the server, or null. */
    static Selection selection(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (!json.isArray() || json.size() != 2 || !json.get(0).canConvertToInt() || !json.get(1).canConvertToInt()) {
            throw new MalformedFrameException("a text selection is [anchor, head], got " + json);
        }
        return new Selection(json.get(0).intValue(), json.get(1).intValue());
    }

    static String text(JsonNode snapshot) {
        if (snapshot == null || !snapshot.isTextual()) {
            throw new MalformedFrameException("a text snapshot is a string, got " + snapshot);
        }
        return snapshot.textValue();
    }
}
