package dev.tandem.ot.richtext;

import java.util.Arrays;
import java.util.List;

/**
 * A leaf of the {@link RunRope}: up to {@value RunRope#MAX_LEAF} UTF-16 units of content and the
 * runs that cover them, each a stretch of text with one set of attributes or a single embed.
 * Edits work in place on the arrays (a leaf is small, so a copy inside it is cheap); an insert
 * that overflows the leaf returns the leaves that replace it. A leaf never ends inside a
 * surrogate pair.
 */
final class RunLeaf extends RunRope.Node {
    /** Stands in the char buffer for an embed, whose value is in {@link #embeds}. */
    private static final char EMBED_CHAR = '\uFFFC';

    private char[] buf;
    private int runs;
    private int[] lens;
    private Attributes[] attrs;
    private Embed[] embeds;

    RunLeaf(int charCapacity, int runCapacity) {
        buf = new char[Math.max(16, charCapacity)];
        lens = new int[Math.max(4, runCapacity)];
        attrs = new Attributes[lens.length];
        embeds = new Embed[lens.length];
    }

    /** One leaf holding every insert of {@code document} (possibly more than a leaf may keep: split it). */
    static RunLeaf of(List<DeltaOp> document) {
        long total = 0;
        for (DeltaOp op : document) {
            total += op.length();
        }
        RunLeaf leaf = new RunLeaf((int) total, document.size());
        for (DeltaOp op : document) {
            leaf.appendRun(op);
        }
        return leaf;
    }

    private void appendRun(DeltaOp op) {
        if (op instanceof DeltaOp.TextInsert t) {
            ensureChars(chars + t.text().length());
            t.text().getChars(0, t.text().length(), buf, chars);
            addRun(t.text().length(), t.attributes(), null);
        } else {
            ensureChars(chars + 1);
            buf[chars] = EMBED_CHAR;
            addRun(1, op.attributes(), ((DeltaOp.EmbedInsert) op).embed());
        }
        chars += op.length();
        if (runs > 1) {
            mergeWithNext(runs - 2);
        }
    }

    private void addRun(int len, Attributes a, Embed e) {
        ensureRuns(runs + 1);
        lens[runs] = len;
        attrs[runs] = a;
        embeds[runs] = e;
        runs++;
    }

    private void ensureChars(int n) {
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, Math.min(RunRope.MAX_LEAF, buf.length * 2)));
        }
    }

    private void ensureRuns(int n) {
        if (n > lens.length) {
            int cap = Math.max(n, lens.length * 2);
            lens = Arrays.copyOf(lens, cap);
            attrs = Arrays.copyOf(attrs, cap);
            embeds = Arrays.copyOf(embeds, cap);
        }
    }

    private void shiftRuns(int from, int by) {
        System.arraycopy(lens, from, lens, from + by, runs - from);
        System.arraycopy(attrs, from, attrs, from + by, runs - from);
        System.arraycopy(embeds, from, embeds, from + by, runs - from);
    }

    /** Makes a run start at {@code at} and returns its index ({@code runs} if {@code at} is the end). */
    private int splitAt(int at) {
        int start = 0;
        for (int i = 0; i < runs; i++) {
            if (at == start) {
                return i;
            }
            int end = start + lens[i];
            if (at < end) {
                ensureRuns(runs + 1);
                shiftRuns(i + 1, 1);
                lens[i + 1] = end - at;
                attrs[i + 1] = attrs[i];
                embeds[i + 1] = null; // only text runs are longer than 1
                lens[i] = at - start;
                runs++;
                return i + 1;
            }
            start = end;
        }
        return runs;
    }

    /** Merges run {@code i} and the next if both are text with equal attributes. */
    private boolean mergeWithNext(int i) {
        if (i < 0 || i + 1 >= runs || embeds[i] != null || embeds[i + 1] != null || !attrs[i].equals(attrs[i + 1])) {
            return false;
        }
        lens[i] += lens[i + 1];
        removeRuns(i + 1, i + 2);
        return true;
    }

    private void removeRuns(int from, int to) {
        int n = to - from;
        System.arraycopy(lens, to, lens, from, runs - to);
        System.arraycopy(attrs, to, attrs, from, runs - to);
        System.arraycopy(embeds, to, embeds, from, runs - to);
        Arrays.fill(attrs, runs - n, runs, null);
        Arrays.fill(embeds, runs - n, runs, null);
        runs -= n;
    }

    @Override
    RunRope.Node[] insert(int at, DeltaOp op) {
        int len = op.length();
        ensureChars(chars + len);
        if (op instanceof DeltaOp.TextInsert t && extendRun(at, t)) {
            System.arraycopy(buf, at, buf, at + len, chars - at);
            t.text().getChars(0, len, buf, at);
            chars += len;
            return chars > RunRope.MAX_LEAF ? split() : null;
        }
        int idx = splitAt(at);
        ensureRuns(runs + 1);
        shiftRuns(idx, 1);
        runs++;
        lens[idx] = len;
        attrs[idx] = op.attributes();
        System.arraycopy(buf, at, buf, at + len, chars - at);
        if (op instanceof DeltaOp.TextInsert t) {
            t.text().getChars(0, len, buf, at);
            embeds[idx] = null;
        } else {
            buf[at] = EMBED_CHAR;
            embeds[idx] = ((DeltaOp.EmbedInsert) op).embed();
        }
        chars += len;
        mergeWithNext(idx);
        mergeWithNext(idx - 1);
        return chars > RunRope.MAX_LEAF ? split() : null;
    }

    /**
     * Typing: text with the attributes of the text run it lands in (or next to) just lengthens
     * that run. Returns false, changing nothing, if there is no such run.
     */
    private boolean extendRun(int at, DeltaOp.TextInsert t) {
        int start = 0;
        for (int i = 0; i < runs; i++) {
            int end = start + lens[i];
            if (at <= end) {
                if (sameText(i, t.attributes())) {
                    lens[i] += t.text().length();
                    return true;
                }
                if (at == end && i + 1 < runs && sameText(i + 1, t.attributes())) {
                    lens[i + 1] += t.text().length();
                    return true;
                }
                return false;
            }
            start = end;
        }
        return false;
    }

    private boolean sameText(int run, Attributes a) {
        return embeds[run] == null && attrs[run].equals(a);
    }

    @Override
    void delete(int from, int count) {
        int to = from + count;
        int start = 0;
        for (int i = 0; i < runs; i++) {
            int end = start + lens[i];
            if (from < end) {
                if (to <= end && lens[i] > count) {
                    // Inside one run that keeps some of its length: no runs change.
                    lens[i] -= count;
                    System.arraycopy(buf, to, buf, from, chars - to);
                    chars -= count;
                    return;
                }
                break;
            }
            start = end;
        }
        int i = splitAt(from);
        int j = splitAt(to);
        removeRuns(i, j);
        System.arraycopy(buf, to, buf, from, chars - to);
        chars -= count;
        mergeWithNext(i - 1);
    }

    @Override
    void format(int from, int count, Attributes format) {
        int i = splitAt(from);
        int end = splitAt(from + count);
        for (int k = i; k < end; k++) {
            attrs[k] = Attributes.compose(attrs[k], format, false);
        }
        int k = Math.max(i - 1, 0);
        while (k < end && k + 1 < runs) {
            if (mergeWithNext(k)) {
                end--;
            } else {
                k++;
            }
        }
    }

    @Override
    char charAt(int position) {
        return buf[position];
    }

    @Override
    void appendOps(List<DeltaOp> out, int from, int to) {
        int start = 0;
        for (int i = 0; i < runs && start < to; i++) {
            int end = start + lens[i];
            if (end > from) {
                int s = Math.max(from, start);
                int e = Math.min(to, end);
                if (embeds[i] != null) {
                    out.add(new DeltaOp.EmbedInsert(embeds[i], attrs[i]));
                } else {
                    out.add(new DeltaOp.TextInsert(new String(buf, s, e - s), attrs[i]));
                }
            }
            start = end;
        }
    }

    /** Appends {@code other}'s content to this leaf (to merge small neighbours). */
    void absorb(RunLeaf other) {
        ensureChars(chars + other.chars);
        System.arraycopy(other.buf, 0, buf, chars, other.chars);
        chars += other.chars;
        int before = runs;
        ensureRuns(runs + other.runs);
        System.arraycopy(other.lens, 0, lens, runs, other.runs);
        System.arraycopy(other.attrs, 0, attrs, runs, other.runs);
        System.arraycopy(other.embeds, 0, embeds, runs, other.runs);
        runs += other.runs;
        mergeWithNext(before - 1);
    }

    /** Cuts this leaf into leaves of at most MAX_LEAF units each, evenly, never inside a pair. */
    RunRope.Node[] split() {
        int pieces = (chars + RunRope.MAX_LEAF - 1) / RunRope.MAX_LEAF;
        int size = (chars + pieces - 1) / pieces;
        RunRope.Node[] out = new RunRope.Node[pieces + 1];
        int n = 0;
        int at = 0;
        int run = 0;
        int runStart = 0;
        while (at < chars) {
            int end = Math.min(chars, at + size);
            if (end < chars && Character.isHighSurrogate(buf[end - 1])) {
                end--;
            }
            RunLeaf leaf = new RunLeaf(Math.min(RunRope.MAX_LEAF, end - at + 64), 8);
            System.arraycopy(buf, at, leaf.buf, 0, end - at);
            leaf.chars = end - at;
            for (int pos = at; pos < end; ) {
                int runEnd = runStart + lens[run];
                int take = Math.min(runEnd, end) - pos;
                leaf.addRun(take, attrs[run], embeds[run]);
                pos += take;
                if (pos == runEnd) {
                    runStart = runEnd;
                    run++;
                }
            }
            out[n++] = leaf;
            at = end;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
