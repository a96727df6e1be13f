package dev.tandem.ot.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.Document;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import dev.tandem.ot.Selections;

/**
 * Plain text: operations of retain / insert / delete counted in code points, in the compact
 * ot.js wire form ({@code [5, "abc", -3]}). The stored snapshot is the text itself; on the wire
 * it is a JSON string.
 */
public final class TextType implements DocumentType<TextOperation> {
    public static final String NAME = "text";
    public static final TextType INSTANCE = new TextType();

    private TextType() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<TextOperation> operationClass() {
        return TextOperation.class;
    }

    @Override
    public String emptySnapshot() {
        return "";
    }

    @Override
    public TextDocument open(String snapshot) {
        return TextDocument.of(snapshot);
    }

    @Override
    public TextOperation parse(JsonNode json) {
        return OperationJson.fromTree(json);
    }

    @Override
    public TextOperation parse(String json) {
        return OperationJson.parse(json);
    }

    /**
     * Ties go to the operation on the {@link Side#LEFT}: {@code transform(op, other, LEFT)} puts
     * {@code op}'s insert before {@code other}'s at the same position.
     */
    @Override
    public TextOperation transform(TextOperation op, TextOperation other, Side side) {
        return side == Side.LEFT ? TextOperation.transform(op, other).aPrime() : TextOperation.transform(other, op).bPrime();
    }

    @Override
    public TextOperation compose(TextOperation first, TextOperation second) {
        return first.compose(second);
    }

    @Override
    public boolean isNoop(TextOperation op) {
        return op.isNoop();
    }

    @Override
    public long baseSize(TextOperation op) {
        return op.baseLength();
    }

    @Override
    public long sizeAfter(TextOperation op, long sizeBefore) {
        return op.targetLength();
    }

    @Override
    public boolean invertible() {
        return true;
    }

    @Override
    public TextOperation invert(TextOperation op, Document<TextOperation> before) {
        if (!(before instanceof TextDocument text)) {
            throw new OtException(OtError.MALFORMED_OPERATION, "not a text document: " + before);
        }
        return op.invert(text);
    }

    @Override
    public boolean walk(TextOperation op, dev.tandem.ot.SequenceEdits edits) {
        for (Component c : op.components()) {
            if (c instanceof Component.Retain r) {
                edits.retain(r.count());
            } else if (c instanceof Component.Insert i) {
                edits.insert(i.length());
            } else {
                edits.delete(c.length());
            }
        }
        return true;
    }

    /** {@code [anchor, head]}: two non-negative code point positions. */
    @Override
    public String checkSelection(JsonNode sel) {
        return Selections.range(sel, "code points");
    }

    /**
     * Keeps what the two texts share and changes only what differs (Myers' diff, by lines then
     * code points: {@link TextDiff}), so a restored version leaves the unchanged text, its
     * authors and concurrent edits in it alone.
     */
    @Override
    public TextOperation diff(String from, String to) {
        int[] b = CodePoints.countStrict(to) >= 0 ? to.codePoints().toArray() : new int[0];
        return TextDiff.diff(from.codePoints().toArray(), b);
    }

    /** A JSON string. */
    @Override
    public String contentFromJson(JsonNode content) {
        if (content == null || !content.isTextual()) {
            throw new OtException(OtError.MALFORMED_OPERATION, "text content must be a string");
        }
        CodePoints.countStrict(content.textValue());
        return content.textValue();
    }

    @Override
    public java.util.Map<String, String> exportFormats() {
        return java.util.Map.of("text", "text/plain; charset=utf-8");
    }

    @Override
    public String export(String stored, String format) {
        if (!"text".equals(format)) {
            return DocumentType.super.export(stored, format);
        }
        return stored;
    }

    /** The stored text as a JSON string. */
    @Override
    public String snapshotJson(String stored) {
        return OperationJson.quote(stored);
    }
}
