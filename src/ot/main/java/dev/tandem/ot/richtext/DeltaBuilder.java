package dev.tandem.ot.richtext;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Delta} in quill-delta's normal form, port of its {@code push} and {@code chop}
 * (MIT, Jason Chen): neighbours of one kind with equal attributes merge, an insert goes before a
 * delete at the same place, and a trailing plain retain is dropped on {@link #build}. Unlike
 * quill-delta it drops {@code null} attributes of an insert, which has nothing to remove.
 *
 * <p>Text merged into the last insert is gathered in a {@code StringBuilder}, so pushing many
 * small inserts in a row costs their total length, not its square.
 */
public final class DeltaBuilder {
    private final ArrayList<DeltaOp> ops;
    /** Text of the insert at {@link #tailIndex} while inserts are being merged into it. */
    private StringBuilder tail;
    private int tailIndex = -1;

    public DeltaBuilder() {
        this.ops = new ArrayList<>();
    }

    DeltaBuilder(int capacity) {
        this.ops = new ArrayList<>(capacity);
    }

    public DeltaBuilder insert(String text) {
        return insert(text, Attributes.NONE);
    }

    public DeltaBuilder insert(String text, Attributes attributes) {
        return text.isEmpty() ? this : push(new DeltaOp.TextInsert(text, attributes));
    }

    public DeltaBuilder insert(Embed embed, Attributes attributes) {
        return push(new DeltaOp.EmbedInsert(embed, attributes));
    }

    public DeltaBuilder retain(int length) {
        return retain(length, Attributes.NONE);
    }

    public DeltaBuilder retain(int length, Attributes attributes) {
        return length <= 0 ? this : push(new DeltaOp.Retain(length, attributes));
    }

    public DeltaBuilder delete(int length) {
        return length <= 0 ? this : push(new DeltaOp.Delete(length));
    }

    /** Appends {@code op}, merging it into the last part where quill-delta would. */
    public DeltaBuilder push(DeltaOp op) {
        if (op.isInsert() && op.attributes().hasRemovals()) {
            op = withoutRemovals(op); // an insert has nothing to remove
        }
        int index = ops.size();
        if (index == 0) {
            ops.add(op);
            return this;
        }
        DeltaOp last = ops.get(index - 1);
        if (op instanceof DeltaOp.Delete d && last instanceof DeltaOp.Delete ld) {
            ops.set(index - 1, new DeltaOp.Delete(sum(ld.length(), d.length())));
            return this;
        }
        // Inserting before or after a delete at one place is the same: the insert goes first.
        if (last instanceof DeltaOp.Delete && op.isInsert()) {
            index--;
            if (index == 0) {
                flushTail();
                ops.add(0, op);
                if (tailIndex >= 0) {
                    tailIndex++;
                }
                return this;
            }
            last = ops.get(index - 1);
        }
        if (op.attributes().equals(last.attributes())) {
            if (op instanceof DeltaOp.TextInsert t && last instanceof DeltaOp.TextInsert lt) {
                appendText(index - 1, lt, t);
                return this;
            }
            if (op instanceof DeltaOp.Retain r && last instanceof DeltaOp.Retain lr) {
                ops.set(index - 1, new DeltaOp.Retain(sum(lr.length(), r.length()), op.attributes()));
                return this;
            }
        }
        if (index == ops.size()) {
            ops.add(op);
        } else {
            ops.add(index, op);
            if (tailIndex >= index) {
                tailIndex++;
            }
        }
        return this;
    }

    private static DeltaOp withoutRemovals(DeltaOp insert) {
        Attributes kept = insert.attributes().withoutRemovals();
        return insert instanceof DeltaOp.TextInsert t ? new DeltaOp.TextInsert(t.text(), kept)
                : new DeltaOp.EmbedInsert(((DeltaOp.EmbedInsert) insert).embed(), kept);
    }

    private static int sum(int a, int b) {
        long s = (long) a + b;
        if (s >= OpIterator.INFINITY) {
            throw new OtException(OtError.TOO_LONG, "lengths add up to " + s + ", past what a document can hold");
        }
        return (int) s;
    }

    private void appendText(int at, DeltaOp.TextInsert last, DeltaOp.TextInsert next) {
        if (tailIndex != at) {
            flushTail();
            if (tail == null) {
                tail = new StringBuilder(last.text().length() + next.text().length() + 16);
            }
            tail.append(last.text());
            tailIndex = at;
        }
        sum(tail.length(), next.text().length());
        tail.append(next.text());
        // The op in the list keeps its attributes; its text is the tail's until flushed.
        ops.set(at, new DeltaOp.TextInsert("", next.attributes()));
    }

    private void flushTail() {
        if (tailIndex >= 0) {
            ops.set(tailIndex, new DeltaOp.TextInsert(tail.toString(), ops.get(tailIndex).attributes()));
            tail.setLength(0);
            tailIndex = -1;
        }
    }

    /** Appends {@code rest} as they are after pushing the first: they must already be in normal form. */
    DeltaBuilder concat(List<DeltaOp> rest) {
        if (rest.isEmpty()) {
            return this;
        }
        push(rest.get(0));
        flushTail();
        ops.addAll(rest.subList(1, rest.size()));
        return this;
    }

    /** The last part as it stands, or null. */
    DeltaOp last() {
        flushTail();
        return ops.isEmpty() ? null : ops.get(ops.size() - 1);
    }

    int size() {
        return ops.size();
    }

    /** The delta as pushed, a trailing plain retain kept (for slices). */
    Delta buildUnchopped() {
        flushTail();
        return new Delta(List.copyOf(ops));
    }

    /** The delta, with a trailing plain retain chopped off. */
    public Delta build() {
        flushTail();
        if (!ops.isEmpty() && ops.get(ops.size() - 1) instanceof DeltaOp.Retain r && r.attributes().isEmpty()) {
            ops.remove(ops.size() - 1);
        }
        return new Delta(List.copyOf(ops));
    }
}
