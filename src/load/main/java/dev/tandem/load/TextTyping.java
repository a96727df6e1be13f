package dev.tandem.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.client.model.ClientType;
import dev.tandem.client.model.ClientTypes;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.ot.text.TextOperation.Bias;
import dev.tandem.ot.text.TextType;
import io.vertx.core.json.Json;

/** Typing plain text: code points, no formats. */
final class TextTyping implements Typing<TextOperation> {
    static final TextTyping INSTANCE = new TextTyping();

    private TextTyping() {
    }

    @Override
    public ClientType<TextOperation, Selection> clientType() {
        return ClientTypes.TEXT;
    }

    @Override
    public String content(String text) {
        return Json.encode(text);
    }

    @Override
    public int maxCaret(int length) {
        return length;
    }

    @Override
    public TextOperation insert(int length, int at, String s) {
        return TextOperation.splice(length, at, 0, s);
    }

    @Override
    public TextOperation delete(int length, int at, int count) {
        return TextOperation.splice(length, at, count, "");
    }

    @Override
    public boolean formats() {
        return false;
    }

    @Override
    public TextOperation format(int length, int at, int count, String attribute, boolean on) {
        throw new UnsupportedOperationException("plain text has no formats");
    }

    @Override
    public int lengthAfter(TextOperation op, int before) {
        return op.targetLength();
    }

    @Override
    public int moveCaret(int caret, TextOperation op, boolean own) {
        return op.transformPosition(caret, own ? Bias.AFTER : Bias.BEFORE);
    }

    @Override
    public int length(JsonNode snapshot) {
        String text = snapshot.textValue();
        return text.codePointCount(0, text.length());
    }

    @Override
    public int storedLength(String stored) {
        return stored.codePointCount(0, stored.length());
    }

    @Override
    public boolean sameContent(String copy, String server) {
        return copy.equals(server);
    }

    @Override
    public TextOperation parse(JsonNode json) {
        return SharedOps.of(json, TextType.INSTANCE);
    }

    @Override
    public JsonNode wire(TextOperation op) {
        return OperationJson.toTree(op);
    }
}
