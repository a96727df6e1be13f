package dev.tandem.ot.text;

import dev.tandem.ot.Document;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;

/**
 * A mutable plain-text document that stays fast when large: a rope.
 *
 * <p>Why a rope: a sequencer applies every keystroke of a document that can be megabytes long.
 * A {@code String} would copy the whole text per keystroke; a gap buffer is fast for one typist
 * but pays a long gap move each time the edit point jumps between distant collaborators; a piece
 * table grows a piece per edit and needs compaction. The rope here is a B-tree whose leaves hold
 * chunks of at most {@value #MAX_LEAF} UTF-16 chars and whose inner nodes hold up to
 * {@value #MAX_CHILDREN} children with their code point counts, so an edit anywhere costs
 * O(log n) to find plus a copy inside one leaf. All leaves sit at the same depth.
 *
 * <p>Positions and lengths are code points; a leaf never ends inside a surrogate pair.
 * Not thread-safe: a document belongs to one sequencer.
 */
public final class TextDocument implements Document<TextOperation> {
    static final int MAX_LEAF = 1024;
    static final int MAX_CHILDREN = 32;
    private static final int MIN_LEAF = MAX_LEAF / 4;
    private static final int MIN_CHILDREN = MAX_CHILDREN / 4;

    private Node root;

    private TextDocument(Node root) {
        this.root = root;
    }

    public static TextDocument empty() {
        return new TextDocument(new Leaf(new char[16], 0, 0));
    }

    /** A document holding {@code text}, built in one pass. */
    public static TextDocument of(String text) {
        CodePoints.countStrict(text);
        Node[] level = Leaf.chunk(text.toCharArray(), 0, text.length());
        while (level.length > 1) {
            level = Inner.group(level, 0, level.length);
        }
        return new TextDocument(level.length == 0 ? new Leaf(new char[16], 0, 0) : level[0]);
    }

    /** The text: a text document's stored form is its content as it is. */
    @Override
    public String snapshot() {
        return toString();
    }

    /** Length in code points, what the document-size limit counts. */
    @Override
    public long size() {
        return root.cps;
    }

    /** Length in code points. */
    public int length() {
        return root.cps;
    }

    /** Length in UTF-16 chars. */
    public int charLength() {
        return root.chars;
    }

    /**
     * Applies {@code op} in place. The operation is checked against this document first, so an
     * operation that does not fit throws and leaves the document untouched.
     */
    @Override
    public TextOperation apply(TextOperation op) {
        op.checkFits(root.cps);
        int pos = 0;
        for (int i = 0, n = op.size(); i < n; i++) {
            Component c = op.component(i);
            if (c instanceof Component.Retain r) {
                pos += r.count();
            } else if (c instanceof Component.Insert ins) {
                insertAt(pos, ins.text(), ins.length());
                pos += ins.length();
            } else {
                deleteAt(pos, c.length());
            }
        }
        return op;
    }

    /** Inserts {@code text} at code point {@code position}. */
    public void insert(int position, String text) {
        checkRange(position, 0);
        int cps = CodePoints.countStrict(text);
        if (cps > 0) {
            insertAt(position, text, cps);
        }
    }

    /** Deletes {@code count} code points starting at {@code position}. */
    public void delete(int position, int count) {
        checkRange(position, count);
        if (count > 0) {
            deleteAt(position, count);
        }
    }

    /** The text between code points {@code from} (inclusive) and {@code to} (exclusive). */
    public String slice(int from, int to) {
        checkRange(from, to - from);
        StringBuilder out = new StringBuilder(to - from);
        root.appendRange(out, from, to);
        return out.toString();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(root.chars);
        root.appendRange(out, 0, root.cps);
        return out.toString();
    }

    /** Height of the tree; exposed for tests of the balancing. */
    int depth() {
        int d = 1;
        for (Node n = root; n instanceof Inner in; n = in.kids[0]) {
            d++;
        }
        return d;
    }

    private void checkRange(int position, int count) {
        if (position < 0 || count < 0 || (long) position + count > root.cps) {
            throw new OtException(OtError.PAST_END, "range " + position + "+" + count
                    + " outside a document of " + root.cps);
        }
    }

    private void insertAt(int position, String text, int cps) {
        Node[] split = root.insert(position, text, cps);
        while (split != null) {
            if (split.length <= MAX_CHILDREN) {
                root = new Inner(split, split.length);
                split = null;
            } else {
                split = Inner.group(split, 0, split.length);
            }
        }
    }

    private void deleteAt(int position, int count) {
        root.delete(position, count);
        while (root instanceof Inner in && in.count == 1) {
            root = in.kids[0];
        }
        if (root instanceof Inner in && in.count == 0) {
            root = new Leaf(new char[16], 0, 0);
        }
    }

    private abstract static class Node {
        int chars;
        int cps;

        /** Inserts; returns null if this node absorbed the text, else the nodes that replace it. */
        abstract Node[] insert(int position, String text, int textCps);

        abstract void delete(int from, int count);

        abstract void appendRange(StringBuilder out, int from, int to);
    }

    private static final class Leaf extends Node {
        char[] buf;

        Leaf(char[] buf, int chars, int cps) {
            this.buf = buf;
            this.chars = chars;
            this.cps = cps;
        }

        /** Splits {@code src[from, to)} into leaves of at most MAX_LEAF chars, never inside a pair. */
        static Node[] chunk(char[] src, int from, int to) {
            int total = to - from;
            if (total == 0) {
                return new Node[0];
            }
            int pieces = (total + MAX_LEAF - 1) / MAX_LEAF;
            int size = (total + pieces - 1) / pieces;
            Node[] out = new Node[pieces + 1];
            int n = 0;
            int at = from;
            while (at < to) {
                int end = Math.min(to, at + size);
                if (end < to && Character.isHighSurrogate(src[end - 1])) {
                    end--;
                }
                char[] buf = new char[Math.min(MAX_LEAF, end - at + 64)];
                System.arraycopy(src, at, buf, 0, end - at);
                out[n++] = new Leaf(buf, end - at, countCodePoints(buf, 0, end - at));
                at = end;
            }
            return n == out.length ? out : java.util.Arrays.copyOf(out, n);
        }

        private int charIndex(int cp) {
            if (chars == cps) {
                return cp;
            }
            int i = 0;
            for (int seen = 0; seen < cp; seen++) {
                i += Character.isHighSurrogate(buf[i]) ? 2 : 1;
            }
            return i;
        }

        @Override
        Node[] insert(int position, String text, int textCps) {
            int at = charIndex(position);
            int len = text.length();
            if (chars + len <= MAX_LEAF) {
                if (chars + len > buf.length) {
                    char[] bigger = new char[Math.min(MAX_LEAF, Math.max(buf.length * 2, chars + len))];
                    System.arraycopy(buf, 0, bigger, 0, chars);
                    buf = bigger;
                }
                System.arraycopy(buf, at, buf, at + len, chars - at);
                text.getChars(0, len, buf, at);
                chars += len;
                cps += textCps;
                return null;
            }
            char[] all = new char[chars + len];
            System.arraycopy(buf, 0, all, 0, at);
            text.getChars(0, len, all, at);
            System.arraycopy(buf, at, all, at + len, chars - at);
            return chunk(all, 0, all.length);
        }

        @Override
        void delete(int from, int count) {
            int start = charIndex(from);
            int end;
            if (chars == cps) {
                end = start + count;
            } else {
                end = start;
                for (int k = 0; k < count; k++) {
                    end += Character.isHighSurrogate(buf[end]) ? 2 : 1;
                }
            }
            System.arraycopy(buf, end, buf, start, chars - end);
            chars -= end - start;
            cps -= count;
        }

        @Override
        void appendRange(StringBuilder out, int from, int to) {
            int start = charIndex(from);
            int end = to == cps ? chars : charIndex(to);
            out.append(buf, start, end - start);
        }

        static int countCodePoints(char[] a, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                if (!Character.isLowSurrogate(a[i])) {
                    n++;
                }
            }
            return n;
        }
    }

    private static final class Inner extends Node {
        Node[] kids;
        int count;

        Inner(Node[] kids, int count) {
            this.kids = kids.length >= MAX_CHILDREN + 1 ? kids : java.util.Arrays.copyOf(kids, MAX_CHILDREN + 1);
            this.count = count;
            for (int i = 0; i < count; i++) {
                chars += kids[i].chars;
                cps += kids[i].cps;
            }
        }

        /** Groups {@code nodes[from, to)} into inner nodes of at most MAX_CHILDREN children, evenly. */
        static Node[] group(Node[] nodes, int from, int to) {
            int total = to - from;
            int groups = (total + MAX_CHILDREN - 1) / MAX_CHILDREN;
            Node[] out = new Node[groups];
            int at = from;
            for (int g = 0; g < groups; g++) {
                int size = (to - at) / (groups - g);
                Node[] kids = new Node[MAX_CHILDREN + 1];
                System.arraycopy(nodes, at, kids, 0, size);
                out[g] = new Inner(kids, size);
                at += size;
            }
            return out;
        }

        @Override
        Node[] insert(int position, String text, int textCps) {
            int i = 0;
            int offset = 0;
            // The first child whose end reaches the position takes the text (appends at boundaries).
            while (i < count - 1 && offset + kids[i].cps < position) {
                offset += kids[i].cps;
                i++;
            }
            Node[] replacement = kids[i].insert(position - offset, text, textCps);
            chars += text.length();
            cps += textCps;
            if (replacement == null) {
                return null;
            }
            int newCount = count - 1 + replacement.length;
            Node[] merged = new Node[Math.max(MAX_CHILDREN + 1, newCount)];
            System.arraycopy(kids, 0, merged, 0, i);
            System.arraycopy(replacement, 0, merged, i, replacement.length);
            System.arraycopy(kids, i + 1, merged, i + replacement.length, count - i - 1);
            if (newCount <= MAX_CHILDREN) {
                kids = merged;
                count = newCount;
                return null;
            }
            return group(merged, 0, newCount);
        }

        @Override
        void delete(int from, int count) {
            int to = from + count;
            int offset = 0;
            int i = 0;
            int first = -1;
            while (i < this.count && offset < to) {
                Node kid = kids[i];
                int kidEnd = offset + kid.cps;
                if (kidEnd <= from) {
                    offset = kidEnd;
                    i++;
                    continue;
                }
                int localFrom = Math.max(from, offset) - offset;
                int localTo = Math.min(to, kidEnd) - offset;
                if (first < 0) {
                    first = i;
                }
                int beforeChars = kid.chars;
                kid.delete(localFrom, localTo - localFrom);
                chars -= beforeChars - kid.chars;
                cps -= localTo - localFrom;
                offset = kidEnd;
                if (kid.cps == 0) {
                    removeAt(i);
                } else {
                    i++;
                }
            }
            // Only the first and last touched children can remain, now at first and first + 1;
            // merge them into neighbours once every deletion is done.
            for (int j = Math.min(first + 1, this.count - 1); first >= 0 && j >= first; j--) {
                if (j < this.count) {
                    rebalance(j);
                }
            }
        }

        /** Merges child {@code i} into a neighbour if it got small. */
        private void rebalance(int i) {
            Node kid = kids[i];
            if (kid instanceof Leaf leaf) {
                if (leaf.chars >= MIN_LEAF) {
                    return;
                }
                if (i + 1 < count && kids[i + 1].chars + leaf.chars <= MAX_LEAF) {
                    mergeLeaves(i);
                } else if (i > 0 && kids[i - 1].chars + leaf.chars <= MAX_LEAF) {
                    mergeLeaves(i - 1);
                }
                return;
            }
            Inner in = (Inner) kid;
            if (in.count >= MIN_CHILDREN) {
                return;
            }
            if (i + 1 < count && ((Inner) kids[i + 1]).count + in.count <= MAX_CHILDREN) {
                mergeInners(i);
            } else if (i > 0 && ((Inner) kids[i - 1]).count + in.count <= MAX_CHILDREN) {
                mergeInners(i - 1);
            }
        }

        private void mergeLeaves(int i) {
            Leaf a = (Leaf) kids[i];
            Leaf b = (Leaf) kids[i + 1];
            char[] buf = a.buf.length >= a.chars + b.chars ? a.buf : java.util.Arrays.copyOf(a.buf, MAX_LEAF);
            System.arraycopy(b.buf, 0, buf, a.chars, b.chars);
            a.buf = buf;
            a.chars += b.chars;
            a.cps += b.cps;
            removeAt(i + 1);
        }

        private void mergeInners(int i) {
            Inner a = (Inner) kids[i];
            Inner b = (Inner) kids[i + 1];
            System.arraycopy(b.kids, 0, a.kids, a.count, b.count);
            a.count += b.count;
            a.chars += b.chars;
            a.cps += b.cps;
            removeAt(i + 1);
        }

        private void removeAt(int i) {
            System.arraycopy(kids, i + 1, kids, i, count - i - 1);
            kids[--count] = null;
        }

        @Override
        void appendRange(StringBuilder out, int from, int to) {
            int offset = 0;
            for (int i = 0; i < count && offset < to; i++) {
                Node kid = kids[i];
                int kidEnd = offset + kid.cps;
                if (kidEnd > from) {
                    kid.appendRange(out, Math.max(from, offset) - offset, Math.min(to, kidEnd) - offset);
                }
                offset = kidEnd;
            }
        }
    }
}
