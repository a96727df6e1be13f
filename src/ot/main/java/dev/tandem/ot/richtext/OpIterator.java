package dev.tandem.ot.richtext;

import java.util.List;

/**
 * Hands out a delta's parts in pieces of at most a given length, after quill-delta's
 * {@code OpIterator} (MIT, Jason Chen): compose, transform and invert are each one loop over two
 * of these. Past the last part it hands out an endless plain retain, as a delta that stops early
 * retains the rest.
 */
final class OpIterator {
    /** The length of the endless retain past the end. */
    static final int INFINITY = Integer.MAX_VALUE;
    private static final DeltaOp.Retain END = new DeltaOp.Retain(INFINITY, Attributes.NONE);

    private final List<DeltaOp> ops;
    private int index;
    private int offset;

    OpIterator(List<DeltaOp> ops) {
        this.ops = ops;
    }

    boolean hasNext() {
        return index < ops.size();
    }

    DeltaOp peek() {
        return index < ops.size() ? ops.get(index) : null;
    }

    int peekLength() {
        return index < ops.size() ? ops.get(index).length() - offset : INFINITY;
    }

    /** Whether the next part is an insert (past the end it is a retain, never an insert or delete). */
    boolean peekIsInsert() {
        return index < ops.size() && ops.get(index).isInsert();
    }

    boolean peekIsDelete() {
        return index < ops.size() && ops.get(index) instanceof DeltaOp.Delete;
    }

    /** The whole rest of the current part. */
    DeltaOp next() {
        return next(INFINITY);
    }

    /** The next piece, at most {@code length} long. */
    DeltaOp next(int length) {
        if (index >= ops.size()) {
            return END;
        }
        if (length <= 0) {
            length = INFINITY; // as quill-delta: next(0) takes the whole part
        }
        DeltaOp op = ops.get(index);
        int start = offset;
        int opLength = op.length();
        if (length >= opLength - start) {
            length = opLength - start;
            index++;
            offset = 0;
            if (start == 0) {
                return op;
            }
        } else {
            offset += length;
        }
        if (op instanceof DeltaOp.Delete) {
            return new DeltaOp.Delete(length);
        } else if (op instanceof DeltaOp.Retain) {
            return new DeltaOp.Retain(length, op.attributes());
        } else if (op instanceof DeltaOp.TextInsert t) {
            return new DeltaOp.TextInsert(t.text().substring(start, start + length), t.attributes());
        }
        return op; // an embed has length 1: it is never cut
    }

    /** What is left: the rest of the current part, then the later parts. Does not advance. */
    List<DeltaOp> rest() {
        if (!hasNext()) {
            return List.of();
        }
        if (offset == 0) {
            return ops.subList(index, ops.size());
        }
        int savedIndex = index;
        int savedOffset = offset;
        DeltaOp first = next();
        List<DeltaOp> later = ops.subList(index, ops.size());
        index = savedIndex;
        offset = savedOffset;
        java.util.ArrayList<DeltaOp> out = new java.util.ArrayList<>(later.size() + 1);
        out.add(first);
        out.addAll(later);
        return out;
    }
}
