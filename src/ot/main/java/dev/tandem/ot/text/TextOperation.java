package dev.tandem.ot.text;

import dev.tandem.ot.Operation;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An immutable edit of a plain-text document: a run of retain / insert / delete components that
 * walks the whole document from start to end.
 *
 * <p>The operation always covers the entire base document: the retains and deletes add up to
 * {@link #baseLength()}, and the text it produces is {@link #targetLength()} long. It is kept in
 * a normal form (no empty components, neighbours of the same kind merged, an insert always placed
 * before an adjacent delete), so two operations that make the same edit are {@code equals}.
 *
 * <p>The algebra follows ot.js: {@link #compose}, {@link #transform} and {@link #invert}.
 */
public final class TextOperation implements Operation {
    private static final Component[] NONE = new Component[0];

    private final Component[] parts;
    private final int baseLength;
    private final int targetLength;

    private TextOperation(Component[] parts, int baseLength, int targetLength) {
        this.parts = parts;
        this.baseLength = baseLength;
        this.targetLength = targetLength;
    }

    /** Starts an empty operation; add components in document order. */
    public static Builder builder() {
        return new Builder();
    }

    /** The operation that changes nothing in a document of {@code length} code points. */
    public static TextOperation identity(int length) {
        return builder().retain(length).build();
    }

    /** Replaces {@code deleteCount} code points at {@code position} by {@code text}, like JavaScript's splice. */
    public static TextOperation splice(int documentLength, int position, int deleteCount, String text) {
        if (position < 0 || deleteCount < 0 || (long) position + deleteCount > documentLength) {
            throw new OtException(OtError.PAST_END, "splice at " + position + " deleting " + deleteCount
                    + " in a document of " + documentLength);
        }
        return builder()
                .retain(position)
                .delete(deleteCount)
                .insert(text)
                .retain(documentLength - position - deleteCount)
                .build();
    }

    /** Builds an operation from already-made components, normalising them. */
    public static TextOperation of(List<? extends Component> components) {
        Builder b = builder();
        for (Component c : components) {
            b.add(c);
        }
        return b.build();
    }

    /** The components, in document order. */
    public List<Component> components() {
        return Collections.unmodifiableList(Arrays.asList(parts));
    }

    /** Number of components. */
    public int size() {
        return parts.length;
    }

    /** The {@code i}-th component. */
    public Component component(int i) {
        return parts[i];
    }

    /** Length in code points of the document this operation applies to. */
    public int baseLength() {
        return baseLength;
    }

    /** Length in code points of the document this operation produces. */
    public int targetLength() {
        return targetLength;
    }

    /** True if applying this operation leaves every document unchanged. */
    public boolean isNoop() {
        return parts.length == 0 || (parts.length == 1 && parts[0] instanceof Component.Retain);
    }

    @Override
    public TextType type() {
        return TextType.INSTANCE;
    }

    /** The wire form, {@code [5, "abc", -3]}. */
    @Override
    public String toJson() {
        return OperationJson.write(this);
    }

    /**
     * Checks that this operation fits a document of {@code documentLength} code points.
     *
     * @throws OtException {@link OtError#PAST_END} or {@link OtError#BASE_LENGTH_MISMATCH}
     */
    public void checkFits(int documentLength) {
        if (baseLength > documentLength) {
            throw new OtException(OtError.PAST_END, "operation reaches code point " + baseLength
                    + " but the document has only " + documentLength);
        }
        if (baseLength < documentLength) {
            throw new OtException(OtError.BASE_LENGTH_MISMATCH, "operation covers " + baseLength
                    + " code points but the document has " + documentLength);
        }
    }

    /**
     * Applies this operation to {@code document} and returns the new text. Validates before
     * touching anything, so an invalid operation changes nothing.
     */
    public String apply(String document) {
        int docLength = document.codePointCount(0, document.length());
        checkFits(docLength);
        StringBuilder out = new StringBuilder(document.length() + Math.max(0, targetLength - baseLength) * 2);
        int at = 0; // UTF-16 index into document
        for (Component c : parts) {
            if (c instanceof Component.Retain r) {
                int end = document.offsetByCodePoints(at, r.count());
                out.append(document, at, end);
                at = end;
            } else if (c instanceof Component.Insert ins) {
                out.append(ins.text());
            } else {
                at = document.offsetByCodePoints(at, ((Component.Delete) c).count());
            }
        }
        return out.toString();
    }

    /**
     * Returns one operation with the effect of this one followed by {@code next}:
     * {@code apply(apply(d, a), b) == apply(d, a.compose(b))}.
     */
    public TextOperation compose(TextOperation next) {
        if (targetLength != next.baseLength) {
            throw new OtException(OtError.COMPOSE_MISMATCH, "first operation produces " + targetLength
                    + " code points but the second expects " + next.baseLength);
        }
        Builder out = builder();
        Cursor a = new Cursor(this);
        Cursor b = new Cursor(next);
        while (!a.done() || !b.done()) {
            if (a.kind() == Kind.DELETE) {
                out.delete(a.remaining());
                a.skip(a.remaining());
                continue;
            }
            if (b.kind() == Kind.INSERT) {
                out.insert(b.take(b.remaining()));
                continue;
            }
            int n = Math.min(a.remaining(), b.remaining());
            Kind ka = a.kind();
            Kind kb = b.kind();
            if (ka == Kind.RETAIN && kb == Kind.RETAIN) {
                out.retain(n);
                a.skip(n);
                b.skip(n);
            } else if (ka == Kind.INSERT && kb == Kind.DELETE) {
                a.skip(n);
                b.skip(n);
            } else if (ka == Kind.INSERT && kb == Kind.RETAIN) {
                out.insert(a.take(n));
                b.skip(n);
            } else if (ka == Kind.RETAIN && kb == Kind.DELETE) {
                out.delete(n);
                a.skip(n);
                b.skip(n);
            } else {
                throw new IllegalStateException("compose ran out of components: " + ka + "/" + kb);
            }
        }
        return out.build();
    }

    /**
     * Transforms two concurrent operations on the same document so that each can be applied
     * after the other and both orders give the same text:
     *
     * <pre>
     *          d
     *      a /   \ b
     *       d_a   d_b
     *     b' \   / a'
     *         d'        apply(apply(d, a), b') == apply(apply(d, b), a')
     * </pre>
     *
     * <p>Tie-break: when both insert at the same position, {@code a}'s text goes first. The server
     * always passes the incoming client operation as {@code a} and the committed one as {@code b},
     * and clients do the same with their pending operation, so every replica breaks ties alike.
     */
    public static OperationPair transform(TextOperation a, TextOperation b) {
        if (a.baseLength != b.baseLength) {
            throw new OtException(OtError.TRANSFORM_MISMATCH, "operations start from documents of "
                    + a.baseLength + " and " + b.baseLength + " code points");
        }
        Builder aPrime = builder();
        Builder bPrime = builder();
        Cursor x = new Cursor(a);
        Cursor y = new Cursor(b);
        while (!x.done() || !y.done()) {
            if (x.kind() == Kind.INSERT) {
                int len = x.remaining();
                aPrime.insert(x.take(len));
                bPrime.retain(len);
                continue;
            }
            if (y.kind() == Kind.INSERT) {
                int len = y.remaining();
                aPrime.retain(len);
                bPrime.insert(y.take(len));
                continue;
            }
            int n = Math.min(x.remaining(), y.remaining());
            Kind kx = x.kind();
            Kind ky = y.kind();
            if (kx == Kind.RETAIN && ky == Kind.RETAIN) {
                aPrime.retain(n);
                bPrime.retain(n);
            } else if (kx == Kind.DELETE && ky == Kind.RETAIN) {
                aPrime.delete(n);
            } else if (kx == Kind.RETAIN && ky == Kind.DELETE) {
                bPrime.delete(n);
            } else if (kx != Kind.DELETE || ky != Kind.DELETE) {
                throw new IllegalStateException("transform ran out of components: " + kx + "/" + ky);
            }
            x.skip(n);
            y.skip(n);
        }
        return new OperationPair(aPrime.build(), bPrime.build());
    }

    /**
     * Returns the operation that undoes this one: {@code apply(apply(d, op), op.invert(d)) == d}.
     *
     * @param document the text this operation was applied to (needed to restore deleted text)
     */
    public TextOperation invert(String document) {
        checkFits(document.codePointCount(0, document.length()));
        Builder out = builder();
        int at = 0;
        for (Component c : parts) {
            if (c instanceof Component.Retain r) {
                out.retain(r.count());
                at = document.offsetByCodePoints(at, r.count());
            } else if (c instanceof Component.Insert ins) {
                out.delete(ins.length());
            } else {
                int end = document.offsetByCodePoints(at, c.length());
                out.insert(document.substring(at, end));
                at = end;
            }
        }
        return out.build();
    }

    /** Like {@link #invert(String)}, reading only the deleted ranges of a large document. */
    public TextOperation invert(TextDocument document) {
        checkFits(document.length());
        Builder out = builder();
        int pos = 0;
        for (Component c : parts) {
            if (c instanceof Component.Retain r) {
                out.retain(r.count());
                pos += r.count();
            } else if (c instanceof Component.Insert ins) {
                out.delete(ins.length());
            } else {
                out.insert(document.slice(pos, pos + c.length()));
                pos += c.length();
            }
        }
        return out.build();
    }

    /**
     * Moves a caret at code point {@code position} of the base document to where it belongs in
     * the target document.
     *
     * @param bias what happens when text is inserted exactly at the caret
     */
    public int transformPosition(int position, Bias bias) {
        if (position < 0 || position > baseLength) {
            throw new OtException(OtError.POSITION_OUT_OF_RANGE, "position " + position
                    + " outside a document of " + baseLength);
        }
        int remaining = position; // code points of the base document still before the caret
        int moved = position;
        for (Component c : parts) {
            if (remaining < 0 || (remaining == 0 && c instanceof Component.Retain)) {
                break;
            }
            if (c instanceof Component.Retain r) {
                remaining -= r.count();
            } else if (c instanceof Component.Insert ins) {
                if (remaining > 0 || bias == Bias.AFTER) {
                    moved += ins.length();
                }
            } else {
                moved -= Math.min(remaining, c.length());
                remaining -= c.length();
            }
        }
        return moved;
    }

    /** The compact wire form, e.g. {@code [5,"abc",-3]}. */
    @Override
    public String toString() {
        return OperationJson.write(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextOperation other
                && baseLength == other.baseLength
                && Arrays.equals(parts, other.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts) * 31 + baseLength;
    }

    /** Where a caret goes when text is inserted exactly at its position. */
    public enum Bias {
        /** The caret stays before the inserted text (someone else typed at my caret). */
        BEFORE,
        /** The caret moves after the inserted text (I typed it, or the text should push it). */
        AFTER
    }

    private enum Kind { RETAIN, INSERT, DELETE, END }

    /** Walks an operation's components, consuming them in pieces of any size. */
    private static final class Cursor {
        private final Component[] parts;
        private int index;
        private int used; // code points of parts[index] consumed
        private int usedChars; // UTF-16 chars of an insert consumed

        Cursor(TextOperation op) {
            this.parts = op.parts;
        }

        boolean done() {
            return index >= parts.length;
        }

        Kind kind() {
            if (index >= parts.length) {
                return Kind.END;
            }
            Component c = parts[index];
            return c instanceof Component.Retain ? Kind.RETAIN : c instanceof Component.Insert ? Kind.INSERT : Kind.DELETE;
        }

        int remaining() {
            return index >= parts.length ? Integer.MAX_VALUE : parts[index].length() - used;
        }

        void skip(int n) {
            if (parts[index] instanceof Component.Insert ins) {
                usedChars = ins.text().offsetByCodePoints(usedChars, n);
            }
            advance(n);
        }

        /** Takes the next {@code n} code points of the current insert. */
        String take(int n) {
            String text = ((Component.Insert) parts[index]).text();
            int start = usedChars;
            int end = (used + n == parts[index].length()) ? text.length() : text.offsetByCodePoints(start, n);
            usedChars = end;
            advance(n);
            return start == 0 && end == text.length() ? text : text.substring(start, end);
        }

        private void advance(int n) {
            used += n;
            if (used == parts[index].length()) {
                index++;
                used = 0;
                usedChars = 0;
            }
        }
    }

    /**
     * Accumulates components into a normalised operation. Zero-length pieces are ignored;
     * negative lengths and lone surrogates are rejected.
     */
    public static final class Builder {
        private final ArrayList<Component> parts = new ArrayList<>(4);
        private long baseLength;
        private long targetLength;

        private Builder() {
        }

        public Builder retain(int count) {
            checkCount(count, "retain");
            if (count == 0) {
                return this;
            }
            baseLength += count;
            targetLength += count;
            int last = parts.size() - 1;
            if (last >= 0 && parts.get(last) instanceof Component.Retain r) {
                parts.set(last, new Component.Retain(addExact(r.count(), count)));
            } else {
                parts.add(new Component.Retain(count));
            }
            return this;
        }

        public Builder insert(String text) {
            if (text == null) {
                throw new OtException(OtError.MALFORMED_OPERATION, "insert of null");
            }
            if (text.isEmpty()) {
                return this;
            }
            return insert(Component.insert(text));
        }

        private Builder insert(Component.Insert ins) {
            targetLength += ins.length();
            int last = parts.size() - 1;
            // Normal form: an insert never follows a delete directly; it goes before it.
            if (last >= 0 && parts.get(last) instanceof Component.Delete) {
                if (last >= 1 && parts.get(last - 1) instanceof Component.Insert prev) {
                    parts.set(last - 1, merge(prev, ins));
                } else {
                    parts.add(last, ins);
                }
            } else if (last >= 0 && parts.get(last) instanceof Component.Insert prev) {
                parts.set(last, merge(prev, ins));
            } else {
                parts.add(ins);
            }
            return this;
        }

        public Builder delete(int count) {
            checkCount(count, "delete");
            if (count == 0) {
                return this;
            }
            baseLength += count;
            int last = parts.size() - 1;
            if (last >= 0 && parts.get(last) instanceof Component.Delete d) {
                parts.set(last, new Component.Delete(addExact(d.count(), count)));
            } else {
                parts.add(new Component.Delete(count));
            }
            return this;
        }

        /** Appends any component. */
        public Builder add(Component c) {
            if (c instanceof Component.Retain r) {
                return retain(r.count());
            } else if (c instanceof Component.Insert ins) {
                return insert(ins);
            } else {
                return delete(((Component.Delete) c).count());
            }
        }

        public TextOperation build() {
            if (baseLength > Integer.MAX_VALUE || targetLength > Integer.MAX_VALUE) {
                throw new OtException(OtError.TOO_LONG, "operation longer than 2^31-1 code points");
            }
            Component[] array = parts.isEmpty() ? NONE : parts.toArray(NONE);
            return new TextOperation(array, (int) baseLength, (int) targetLength);
        }

        private static Component.Insert merge(Component.Insert a, Component.Insert b) {
            if ((long) a.length() + b.length() > Integer.MAX_VALUE) {
                throw new OtException(OtError.TOO_LONG, "insert longer than 2^31-1 code points");
            }
            return new Component.Insert(a.text() + b.text(), a.length() + b.length());
        }

        private static int addExact(int a, int b) {
            long sum = (long) a + b;
            if (sum > Integer.MAX_VALUE) {
                throw new OtException(OtError.TOO_LONG, "component longer than 2^31-1 code points");
            }
            return (int) sum;
        }

        private static void checkCount(int count, String what) {
            if (count < 0) {
                throw new OtException(OtError.NON_POSITIVE_LENGTH, what + " of " + count + " code points");
            }
        }
    }
}
