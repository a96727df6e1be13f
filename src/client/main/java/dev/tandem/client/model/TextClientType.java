package dev.tandem.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.Document;
import dev.tandem.ot.text.Component;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.ot.text.TextOperation.Bias;
import dev.tandem.ot.text.TextType;
import dev.tandem.protocol.MalformedFrameException;

/** Plain text for the client: snapshots are JSON strings, selections {@code [anchor, head]} in code points. */
final class TextClientType implements ClientType<TextOperation, Selection> {
    static final TextClientType INSTANCE = new TextClientType();

    private TextClientType() {
    }

    @Override
    public TextType documentType() {
        return TextType.INSTANCE;
    }

    @Override
    public String storedSnapshot(JsonNode wire) {
        if (wire == null || !wire.isTextual()) {
            throw new MalformedFrameException("a text snapshot is a string, got " + wire);
        }
        return wire.textValue();
    }

    @Override
    public LocalCopy<TextOperation> copy(String snapshot, long rev) {
        return new OtCopy<>(TextType.INSTANCE, snapshot);
    }

    @Override
    public JsonNode wire(TextOperation op) {
        return OperationJson.toTree(op);
    }

    @Override
    public Selection readSelection(JsonNode json) {
        return Ranges.read(json, "a text selection");
    }

    @Override
    public JsonNode writeSelection(Selection sel) {
        return Ranges.write(sel);
    }

    @Override
    public boolean selectionsMove() {
        return true;
    }

    @Override
    public Selection move(Selection sel, TextOperation op, boolean own) {
        return sel.transform(op, own ? Bias.AFTER : Bias.BEFORE);
    }

    @Override
    public Selection back(Selection sel, TextOperation op) {
        return sel.transform(positionsBack(op), Bias.BEFORE);
    }

    @Override
    public boolean fits(Selection sel, Document<TextOperation> doc) {
        return Ranges.fits(sel, doc.size());
    }

    @Override
    public Selection clamp(Selection sel, Document<TextOperation> doc) {
        return Ranges.clamp(sel, doc.size());
    }

    /**
     * An operation that maps positions of {@code op}'s result back to its base: what {@code op}
     * inserted is deleted, what it deleted comes back as placeholder text of the same length.
     */
    static TextOperation positionsBack(TextOperation op) {
        TextOperation.Builder b = TextOperation.builder();
        for (int i = 0; i < op.size(); i++) {
            Component c = op.component(i);
            if (c instanceof Component.Retain) {
                b.retain(c.length());
            } else if (c instanceof Component.Insert) {
                b.delete(c.length());
            } else {
                b.insert("\u0000".repeat(c.length()));
            }
        }
        return b.build();
    }
}
