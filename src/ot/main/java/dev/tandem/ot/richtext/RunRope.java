package dev.tandem.ot.richtext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The content of a {@link RichTextDocument}: a B-tree of attributed runs with UTF-16 lengths, the
 * rich-text counterpart of the plain-text rope. Leaves ({@link RunLeaf}) hold up to
 * {@value #MAX_LEAF} units and their runs; inner nodes hold up to {@value #MAX_CHILDREN}
 * children and their lengths, so finding a position costs O(log n) and an edit copies inside one
 * leaf. All leaves sit at the same depth. Positions are not checked here: the document checks an
 * operation before it changes anything.
 */
final class RunRope {
    static final int MAX_LEAF = 1024;
    static final int MAX_CHILDREN = 32;
    private static final int MIN_LEAF = MAX_LEAF / 4;
    private static final int MIN_CHILDREN = MAX_CHILDREN / 4;

    private Node root;

    private RunRope(Node root) {
        this.root = root;
    }

    /** A rope holding the inserts of {@code document}, built in one pass. */
    static RunRope of(List<DeltaOp> document) {
        RunLeaf all = RunLeaf.of(document);
        if (all.chars <= MAX_LEAF) {
            return new RunRope(all);
        }
        Node[] level = all.split();
        while (level.length > 1) {
            level = Inner.group(level, 0, level.length);
        }
        return new RunRope(level[0]);
    }

    int length() {
        return root.chars;
    }

    char charAt(int position) {
        return root.charAt(position);
    }

    /** Whether {@code position} falls between the halves of a surrogate pair. */
    boolean splitsPair(int position) {
        if (position <= 0 || position >= root.chars) {
            return false;
        }
        Node n = root;
        int local = position;
        while (n instanceof Inner in) {
            int i = 0;
            while (local >= in.kids[i].chars) {
                local -= in.kids[i].chars;
                i++;
            }
            n = in.kids[i];
        }
        // A leaf never ends inside a pair, so a position at a leaf's start splits none.
        return local > 0 && Character.isLowSurrogate(n.charAt(local)) && Character.isHighSurrogate(n.charAt(local - 1));
    }

    /** The inserts covering {@code [from, to)}, cut at the edges (neighbours are not merged). */
    List<DeltaOp> slice(int from, int to) {
        List<DeltaOp> out = new ArrayList<>();
        if (from < to) {
            root.appendOps(out, from, to);
        }
        return out;
    }

    void insert(int position, DeltaOp insert) {
        Node[] split = root.insert(position, insert);
        while (split != null) {
            if (split.length <= MAX_CHILDREN) {
                root = new Inner(split, split.length);
                split = null;
            } else {
                split = Inner.group(split, 0, split.length);
            }
        }
    }

    void delete(int position, int count) {
        root.delete(position, count);
        while (root instanceof Inner in && in.count == 1) {
            root = in.kids[0];
        }
        if (root instanceof Inner in && in.count == 0) {
            root = new RunLeaf(16, 4);
        }
    }

    void format(int position, int count, Attributes format) {
        root.format(position, count, format);
    }

    /** Height of the tree, for tests of the balancing. */
    int depth() {
        int d = 1;
        for (Node n = root; n instanceof Inner in; n = in.kids[0]) {
            d++;
        }
        return d;
    }

    /** A node of the tree; {@code chars} is the UTF-16 length below it. */
    abstract static class Node {
        int chars;

        /** Inserts; returns null if this node took it, else the nodes that replace this one. */
        abstract Node[] insert(int position, DeltaOp insert);

        abstract void delete(int from, int count);

        abstract void format(int from, int count, Attributes format);

        abstract char charAt(int position);

        abstract void appendOps(List<DeltaOp> out, int from, int to);
    }

    private static final class Inner extends Node {
        Node[] kids;
        int count;

        Inner(Node[] kids, int count) {
            this.kids = kids.length >= MAX_CHILDREN + 1 ? kids : Arrays.copyOf(kids, MAX_CHILDREN + 1);
            this.count = count;
            for (int i = 0; i < count; i++) {
                chars += kids[i].chars;
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
        Node[] insert(int position, DeltaOp insert) {
            int i = 0;
            int offset = 0;
            // The first child whose end reaches the position takes the insert (appends at boundaries).
            while (i < count - 1 && offset + kids[i].chars < position) {
                offset += kids[i].chars;
                i++;
            }
            Node[] replacement = kids[i].insert(position - offset, insert);
            chars += insert.length();
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
        void delete(int from, int length) {
            int to = from + length;
            int offset = 0;
            int i = 0;
            int first = -1;
            while (i < count && offset < to) {
                Node kid = kids[i];
                int kidEnd = offset + kid.chars;
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
                kid.delete(localFrom, localTo - localFrom);
                chars -= localTo - localFrom;
                offset = kidEnd;
                if (kid.chars == 0) {
                    removeAt(i);
                } else {
                    i++;
                }
            }
            // Only the first and last touched children can remain, now at first and first + 1;
            // merge them into neighbours once every deletion is done.
            for (int j = Math.min(first + 1, count - 1); first >= 0 && j >= first; j--) {
                if (j < count) {
                    rebalance(j);
                }
            }
        }

        /** Merges child {@code i} into a neighbour if it got small. */
        private void rebalance(int i) {
            Node kid = kids[i];
            if (kid instanceof RunLeaf leaf) {
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
            ((RunLeaf) kids[i]).absorb((RunLeaf) kids[i + 1]);
            removeAt(i + 1);
        }

        private void mergeInners(int i) {
            Inner a = (Inner) kids[i];
            Inner b = (Inner) kids[i + 1];
            System.arraycopy(b.kids, 0, a.kids, a.count, b.count);
            a.count += b.count;
            a.chars += b.chars;
            removeAt(i + 1);
        }

        private void removeAt(int i) {
            System.arraycopy(kids, i + 1, kids, i, count - i - 1);
            kids[--count] = null;
        }

        @Override
        void format(int from, int length, Attributes format) {
            int to = from + length;
            int offset = 0;
            for (int i = 0; i < count && offset < to; i++) {
                Node kid = kids[i];
                int kidEnd = offset + kid.chars;
                if (kidEnd > from) {
                    int localFrom = Math.max(from, offset) - offset;
                    kid.format(localFrom, Math.min(to, kidEnd) - offset - localFrom, format);
                }
                offset = kidEnd;
            }
        }

        @Override
        char charAt(int position) {
            int offset = 0;
            for (int i = 0; i < count; i++) {
                Node kid = kids[i];
                if (position < offset + kid.chars) {
                    return kid.charAt(position - offset);
                }
                offset += kid.chars;
            }
            throw new IndexOutOfBoundsException(position);
        }

        @Override
        void appendOps(List<DeltaOp> out, int from, int to) {
            int offset = 0;
            for (int i = 0; i < count && offset < to; i++) {
                Node kid = kids[i];
                int kidEnd = offset + kid.chars;
                if (kidEnd > from) {
                    kid.appendOps(out, Math.max(from, offset) - offset, Math.min(to, kidEnd) - offset);
                }
                offset = kidEnd;
            }
        }
    }
}
