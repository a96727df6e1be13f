package dev.tandem.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.Document;
import dev.tandem.ot.richtext.Delta;
import dev.tandem.ot.richtext.DeltaBuilder;
import dev.tandem.ot.richtext.DeltaOp;
import dev.tandem.ot.richtext.RichTextType;
import dev.tandem.ot.text.Selection;
import dev.tandem.protocol.MalformedFrameException;

/**
 * Rich text (Quill Delta) for the client: snapshots are document deltas, selections
 * {@code [anchor, head]} in UTF-16 units as Quill counts, moved with quill-delta's
 * {@code transformPosition}.
 */
final class RichTextClientType implements ClientType<Delta, Selection> {
    static final RichTextClientType INSTANCE = new RichTextClientType();

    private RichTextClientType() {
    }

    @Override
    public RichTextType documentType() {
        return RichTextType.INSTANCE;
    }

    @Override
    public String storedSnapshot(JsonNode wire) {
        if (wire == null || !wire.isObject()) {
            throw new MalformedFrameException("a rich-text snapshot is a delta object, got " + wire);
        }
        return wire.toString();
    }

    @Override
    public LocalCopy<Delta> copy(String snapshot, long rev) {
        return new OtCopy<>(RichTextType.INSTANCE, snapshot);
    }

    @Override
    public JsonNode wire(Delta op) {
        return Trees.of(op.toJson());
    }

    @Override
    public Selection readSelection(JsonNode json) {
        return Ranges.read(json, "a rich-text selection");
    }

    @Override
    public JsonNode writeSelection(Selection sel) {
        return Ranges.write(sel);
    }

    @Override
    public boolean selectionsMove() {
        return true;
    }

    /**
     * As {@link Selection#transform} does for text: a caret stays before others' text inserted at
     * it and goes after its own; a range keeps text typed at its edges outside.
     */
    @Override
    public Selection move(Selection sel, Delta op, boolean own) {
        if (sel.isCollapsed()) {
            return Selection.caret(op.transformPosition(sel.head(), !own));
        }
        int start = op.transformPosition(sel.start(), false);
        int end = Math.max(start, op.transformPosition(sel.end(), true));
        return sel.anchor() <= sel.head() ? new Selection(start, end) : new Selection(end, start);
    }

    @Override
    public Selection back(Selection sel, Delta op) {
        return move(sel, positionsBack(op), false);
    }

    @Override
    public boolean fits(Selection sel, Document<Delta> doc) {
        return Ranges.fits(sel, doc.size());
    }

    @Override
    public Selection clamp(Selection sel, Document<Delta> doc) {
        return Ranges.clamp(sel, doc.size());
    }

    /** A delta mapping positions of {@code op}'s result back to its base: inserts deleted, deletes put back as placeholders. */
    static Delta positionsBack(Delta op) {
        DeltaBuilder b = Delta.builder();
        for (DeltaOp part : op.ops()) {
            if (part.isInsert()) {
                b.delete(part.length());
            } else if (part instanceof DeltaOp.Delete) {
                b.insert("\u0000".repeat(part.length()));
            } else {
                b.retain(part.length());
            }
        }
        return b.build();
    }
}
