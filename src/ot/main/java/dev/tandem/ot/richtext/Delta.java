package dev.tandem.ot.richtext;

import dev.tandem.ot.Operation;
import java.util.List;

/**
 * A rich-text change or document in Quill's Delta form: a list of inserts, retains and deletes
 * in quill-delta's normal form, with lengths in UTF-16 units. A document is a delta of inserts
 * only; a change may stop before the end of its document, and the rest is kept.
 *
 * <p>{@link #compose}, {@link #transform(Delta, boolean)}, {@link #transformPosition} and
 * {@link #invert} are ports of quill-delta 5.1.0 (MIT, Jason Chen) and give its results exactly
 * (checked by a differential test against it). Immutable.
 */
public final class Delta implements Operation {
    private static final Delta EMPTY = new Delta(List.of());

    private final List<DeltaOp> ops;

    /** Use {@link DeltaBuilder} or {@link DeltaJson}: the list must be in normal form. */
    Delta(List<DeltaOp> ops) {
        this.ops = ops;
    }

    public static Delta empty() {
        return EMPTY;
    }

    public static DeltaBuilder builder() {
        return new DeltaBuilder();
    }

    /** A document holding {@code text} without formats. */
    public static Delta ofText(String text) {
        return builder().insert(text).build();
    }

    public List<DeltaOp> ops() {
        return ops;
    }

    /** Whether this changes nothing. */
    public boolean isNoop() {
        return ops.isEmpty();
    }

    /** Whether this is a document: inserts only. */
    public boolean isDocument() {
        for (DeltaOp op : ops) {
            if (!op.isInsert()) {
                return false;
            }
        }
        return true;
    }

    /** Sum of every part's length (a document's length). */
    public long length() {
        long n = 0;
        for (DeltaOp op : ops) {
            n += op.length();
        }
        return n;
    }

    /** How much longer a document gets: inserted minus deleted. */
    public long changeLength() {
        long n = 0;
        for (DeltaOp op : ops) {
            if (op.isInsert()) {
                n += op.length();
            } else if (op instanceof DeltaOp.Delete) {
                n -= op.length();
            }
        }
        return n;
    }

    /** How much of its document this change reaches: retained plus deleted. */
    public long baseExtent() {
        long n = 0;
        for (DeltaOp op : ops) {
            if (!op.isInsert()) {
                n += op.length();
            }
        }
        return n;
    }

    /** The parts covering {@code [start, end)} (of a document: its content there), cut at the edges. */
    public Delta slice(int start, int end) {
        DeltaBuilder out = new DeltaBuilder();
        for (DeltaOp op : sliceOps(start, end)) {
            out.push(op);
        }
        return out.buildUnchopped();
    }

    /** The parts covering {@code [start, end)} as quill-delta's {@code slice} hands them out. */
    List<DeltaOp> sliceOps(int start, int end) {
        java.util.ArrayList<DeltaOp> out = new java.util.ArrayList<>();
        OpIterator iter = new OpIterator(ops);
        int index = 0;
        while (index < end && iter.hasNext()) {
            DeltaOp next;
            if (index < start) {
                next = iter.next(start - index);
            } else {
                next = iter.next(end - index);
                out.add(next);
            }
            index += next.length();
        }
        return out;
    }

    /** One change with the effect of this one then {@code other} (or this document after {@code other}). */
    public Delta compose(Delta other) {
        OpIterator thisIter = new OpIterator(ops);
        OpIterator otherIter = new OpIterator(other.ops);
        DeltaBuilder delta = new DeltaBuilder(ops.size() + other.ops.size());
        DeltaOp firstOther = otherIter.peek();
        if (firstOther instanceof DeltaOp.Retain first && first.attributes().isEmpty()) {
            // A leading plain retain of other keeps this one's leading inserts as they are.
            int firstLeft = first.length();
            while (thisIter.peekIsInsert() && thisIter.peekLength() <= firstLeft) {
                firstLeft -= thisIter.peekLength();
                delta.push(thisIter.next());
            }
            if (first.length() - firstLeft > 0) {
                otherIter.next(first.length() - firstLeft);
            }
        }
        while (thisIter.hasNext() || otherIter.hasNext()) {
            if (otherIter.peekIsInsert()) {
                delta.push(otherIter.next());
            } else if (thisIter.peekIsDelete()) {
                delta.push(thisIter.next());
            } else {
                int length = Math.min(thisIter.peekLength(), otherIter.peekLength());
                DeltaOp thisOp = thisIter.next(length);
                DeltaOp otherOp = otherIter.next(length);
                if (otherOp instanceof DeltaOp.Retain) {
                    // Removals stay when composing two retains; on an insert they are simply gone.
                    boolean thisRetains = thisOp instanceof DeltaOp.Retain;
                    Attributes attributes = Attributes.compose(thisOp.attributes(), otherOp.attributes(), thisRetains);
                    DeltaOp newOp;
                    if (thisRetains) {
                        newOp = new DeltaOp.Retain(length, attributes);
                    } else if (thisOp instanceof DeltaOp.TextInsert t) {
                        newOp = new DeltaOp.TextInsert(t.text(), attributes);
                    } else {
                        newOp = new DeltaOp.EmbedInsert(((DeltaOp.EmbedInsert) thisOp).embed(), attributes);
                    }
                    delta.push(newOp);
                    // The rest of other is a plain retain: the rest of this stays as it is.
                    if (!otherIter.hasNext() && newOp.equals(delta.last())) {
                        return delta.concat(thisIter.rest()).build();
                    }
                } else if (otherOp instanceof DeltaOp.Delete && thisOp instanceof DeltaOp.Retain) {
                    delta.push(otherOp);
                }
                // An insert deleted by other: both vanish.
            }
        }
        return delta.build();
    }

    /**
     * {@code other} transformed past this change, both made on the same document: quill-delta's
     * {@code this.transform(other, priority)}. With {@code priority} this change counts as first:
     * where both insert at one place this one's text comes first, and where both set one
     * attribute this one's value stays.
     */
    public Delta transform(Delta other, boolean priority) {
        OpIterator thisIter = new OpIterator(ops);
        OpIterator otherIter = new OpIterator(other.ops);
        DeltaBuilder delta = new DeltaBuilder(ops.size() + other.ops.size());
        while (thisIter.hasNext() || otherIter.hasNext()) {
            if (thisIter.peekIsInsert() && (priority || !otherIter.peekIsInsert())) {
                delta.retain(thisIter.next().length());
            } else if (otherIter.peekIsInsert()) {
                delta.push(otherIter.next());
            } else {
                int length = Math.min(thisIter.peekLength(), otherIter.peekLength());
                DeltaOp thisOp = thisIter.next(length);
                DeltaOp otherOp = otherIter.next(length);
                if (thisOp instanceof DeltaOp.Delete) {
                    continue; // our delete removes their retain or makes their delete redundant
                }
                if (otherOp instanceof DeltaOp.Delete) {
                    delta.push(otherOp);
                } else {
                    delta.retain(length, Attributes.transform(thisOp.attributes(), otherOp.attributes(), priority));
                }
            }
        }
        return delta.build();
    }

    /**
     * Where position {@code index} is after this change: quill-delta's
     * {@code transformPosition(index, priority)}. Text inserted exactly at {@code index} moves
     * it along unless {@code priority} (then the position stays before that text).
     */
    public int transformPosition(int index, boolean priority) {
        OpIterator iter = new OpIterator(ops);
        int offset = 0;
        while (iter.hasNext() && offset <= index) {
            int length = iter.peekLength();
            boolean delete = iter.peekIsDelete();
            boolean insert = iter.peekIsInsert();
            iter.next();
            if (delete) {
                index -= Math.min(length, index - offset);
                continue;
            } else if (insert && (offset < index || !priority)) {
                index += length;
            }
            offset += length;
        }
        return index;
    }

    /** The change that undoes this one on {@code base}, the document it applies to. */
    public Delta invert(Delta base) {
        return invert(base::sliceOps);
    }

    /** The content of a document between two positions, as a list of inserts. */
    @FunctionalInterface
    interface Slicer {
        List<DeltaOp> slice(int from, int to);
    }

    Delta invert(Slicer base) {
        DeltaBuilder inverted = new DeltaBuilder(ops.size());
        int baseIndex = 0;
        for (DeltaOp op : ops) {
            if (op.isInsert()) {
                inverted.delete(op.length());
            } else if (op instanceof DeltaOp.Retain r && r.attributes().isEmpty()) {
                inverted.retain(r.length());
                baseIndex += r.length();
            } else {
                int length = op.length();
                for (DeltaOp baseOp : base.slice(baseIndex, baseIndex + length)) {
                    if (op instanceof DeltaOp.Delete) {
                        inverted.push(baseOp);
                    } else {
                        inverted.retain(baseOp.length(), Attributes.invert(op.attributes(), baseOp.attributes()));
                    }
                }
                baseIndex += length;
            }
        }
        return inverted.build();
    }

    /** The plain text of this document: its text inserts, embeds left out (as Quill's getText). */
    public String plainText() {
        StringBuilder sb = new StringBuilder();
        for (DeltaOp op : ops) {
            if (op instanceof DeltaOp.TextInsert t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    /** The wire form, {@code {"ops":[...]}}. */
    @Override
    public RichTextType type() {
        return RichTextType.INSTANCE;
    }

    @Override
    public String toJson() {
        return DeltaJson.write(this);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Delta d && ops.equals(d.ops);
    }

    @Override
    public int hashCode() {
        return ops.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
