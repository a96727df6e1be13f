package dev.tandem.ot.richtext;

import dev.tandem.ot.Document;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import java.util.List;

/**
 * A mutable rich-text document as a sequencer holds it: the document delta kept in a
 * {@link RunRope}, so applying a change costs O(log n) per part plus the size of the change,
 * never a copy of the document. {@link #apply} has the effect of quill-delta's
 * {@code document.compose(change)}, refusing changes that do not fit. Not thread-safe.
 */
public final class RichTextDocument implements Document<Delta> {
    private final RunRope rope;

    private RichTextDocument(RunRope rope) {
        this.rope = rope;
    }

    /**
     * A document holding {@code document}.
     *
     * @throws OtException {@link OtError#NOT_A_DOCUMENT} if it has anything but inserts
     */
    public static RichTextDocument of(Delta document) {
        if (!document.isDocument()) {
            throw new OtException(OtError.NOT_A_DOCUMENT, "a rich-text document holds inserts only");
        }
        return new RichTextDocument(RunRope.of(document.ops()));
    }

    /** Quill's empty document: one newline. */
    public static RichTextDocument empty() {
        return of(Delta.ofText("\n"));
    }

    /**
     * Applies {@code change} in place. It is checked first, so a change that does not fit throws
     * and leaves the document as it was.
     *
     * @throws OtException {@link OtError#PAST_END} if it retains or deletes past the end,
     *     {@link OtError#SPLITS_SURROGATE_PAIR} if an edit falls inside a surrogate pair,
     *     {@link OtError#LONE_SURROGATE} for inserted text with a lone surrogate
     */
    @Override
    public Delta apply(Delta change) {
        check(change);
        int pos = 0;
        for (DeltaOp op : change.ops()) {
            if (op instanceof DeltaOp.Retain r) {
                if (!r.attributes().isEmpty()) {
                    rope.format(pos, r.length(), r.attributes());
                }
                pos += r.length();
            } else if (op instanceof DeltaOp.Delete d) {
                rope.delete(pos, d.length());
            } else {
                rope.insert(pos, op);
                pos += op.length();
            }
        }
        return change;
    }

    /** Checks that {@code change} fits this document, without changing it. */
    public void check(Delta change) {
        int length = rope.length();
        long pos = 0;
        for (DeltaOp op : change.ops()) {
            if (op.isInsert()) {
                checkBoundary(pos, length);
                if (op instanceof DeltaOp.TextInsert t && Strings.hasLoneSurrogate(t.text())) {
                    throw new OtException(OtError.LONE_SURROGATE, "inserted text holds a lone surrogate");
                }
                continue;
            }
            long end = pos + op.length();
            if (end > length) {
                throw new OtException(OtError.PAST_END, "change reaches " + end + " in a document of " + length);
            }
            if (op instanceof DeltaOp.Delete || !op.attributes().isEmpty()) {
                checkBoundary(pos, length);
                checkBoundary(end, length);
            }
            pos = end;
        }
    }

    private void checkBoundary(long pos, int length) {
        if (pos > 0 && pos < length && rope.splitsPair((int) pos)) {
            throw new OtException(OtError.SPLITS_SURROGATE_PAIR, "an edit at " + pos + " falls inside a surrogate pair");
        }
    }

    /** The document delta's JSON. */
    @Override
    public String snapshot() {
        return toDelta().toJson();
    }

    /** Length in UTF-16 units, what the document-size limit counts. */
    @Override
    public long size() {
        return rope.length();
    }

    /** Length in UTF-16 units. */
    public int length() {
        return rope.length();
    }

    /** The whole document as a delta of inserts, in normal form. */
    public Delta toDelta() {
        return slice(0, rope.length());
    }

    /**
     * The content of {@code [from, to)} as a delta of inserts.
     *
     * @throws OtException {@link OtError#PAST_END} if the range is not inside the document
     */
    public Delta slice(int from, int to) {
        DeltaBuilder out = new DeltaBuilder();
        for (DeltaOp op : sliceOps(from, to)) {
            out.push(op);
        }
        return out.build();
    }

    /** The runs covering {@code [from, to)} (end clamped to the document, as quill-delta's slice). */
    List<DeltaOp> sliceOps(int from, int to) {
        if (from < 0 || from > to) {
            throw new OtException(OtError.PAST_END, "range " + from + ".." + to + " outside a document of " + rope.length());
        }
        return rope.slice(from, Math.min(to, rope.length()));
    }

    /** The text, embeds left out (as Quill's getText). */
    public String plainText() {
        return toDelta().plainText();
    }

    /** Height of the run tree, for tests of the balancing. */
    int depth() {
        return rope.depth();
    }

    @Override
    public String toString() {
        return snapshot();
    }
}
