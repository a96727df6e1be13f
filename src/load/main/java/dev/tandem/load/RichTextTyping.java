package dev.tandem.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.client.model.ClientType;
import dev.tandem.client.model.ClientTypes;
import dev.tandem.ot.richtext.Attributes;
import dev.tandem.ot.richtext.Delta;
import dev.tandem.ot.richtext.RichTextType;
import dev.tandem.ot.text.Selection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Typing rich text as Quill does: UTF-16 units, the document ends with a newline the caret never
 * passes, and a format change sets or removes bold or italic on a stretch.
 */
final class RichTextTyping implements Typing<Delta> {
    static final RichTextTyping INSTANCE = new RichTextTyping();
    private static final Attributes BOLD = Attributes.builder().put("bold", true).build();
    private static final Attributes NOT_BOLD = Attributes.builder().put("bold", null).build();
    private static final Attributes ITALIC = Attributes.builder().put("italic", true).build();
    private static final Attributes NOT_ITALIC = Attributes.builder().put("italic", null).build();

    private RichTextTyping() {
    }

    @Override
    public ClientType<Delta, Selection> clientType() {
        return ClientTypes.RICH_TEXT;
    }

    @Override
    public String content(String text) {
        return new JsonObject().put("ops", new JsonArray().add(new JsonObject().put("insert", text + "\n"))).encode();
    }

    @Override
    public int maxCaret(int length) {
        return Math.max(0, length - 1);
    }

    @Override
    public Delta insert(int length, int at, String s) {
        return Delta.builder().retain(at).insert(s).build();
    }

    @Override
    public Delta delete(int length, int at, int count) {
        return Delta.builder().retain(at).delete(count).build();
    }

    @Override
    public boolean formats() {
        return true;
    }

    @Override
    public Delta format(int length, int at, int count, String attribute, boolean on) {
        Attributes a = "bold".equals(attribute) ? (on ? BOLD : NOT_BOLD) : (on ? ITALIC : NOT_ITALIC);
        return Delta.builder().retain(at).retain(count, a).build();
    }

    @Override
    public int lengthAfter(Delta op, int before) {
        return (int) (before + op.changeLength());
    }

    @Override
    public int moveCaret(int caret, Delta op, boolean own) {
        return op.transformPosition(caret, !own);
    }

    @Override
    public int length(JsonNode snapshot) {
        int n = 0;
        for (JsonNode op : snapshot.get("ops")) {
            JsonNode insert = op.get("insert");
            n += insert.isTextual() ? insert.textValue().length() : 1;
        }
        return n;
    }

    @Override
    public int storedLength(String stored) {
        return (int) RichTextType.INSTANCE.open(stored).size();
    }

    @Override
    public boolean sameContent(String copy, String server) {
        return new JsonObject(copy).equals(new JsonObject(server));
    }

    @Override
    public Delta parse(JsonNode json) {
        return SharedOps.of(json, RichTextType.INSTANCE);
    }

    @Override
    public JsonNode wire(Delta op) {
        return SharedOps.tree(op.toJson());
    }
}
