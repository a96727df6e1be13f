package dev.tandem.ot.richtext;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.myers.MeyersDiffWithLinearSpace;
import com.github.difflib.patch.DeltaType;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The change between two rich-text documents, so that {@code a.compose(diff(a, b))} is {@code b}
 * (to restore an old version as a new edit that others' concurrent edits transform against).
 *
 * <p>Like quill-delta's {@code diff} it compares the documents as sequences (an embed is one
 * element) and then diffs the attributes of what stayed. The sequence diff is Myers' algorithm
 * (java-diff-utils), over code points so that no edit splits a surrogate pair, and in two levels
 * to bound its cost on large documents: first whole lines, then the characters of each changed
 * stretch of lines up to {@value #MAX_FINE_UNITS} elements (a larger stretch is replaced whole).
 * The result can differ from quill-delta's, whose diff is another algorithm, but has the same
 * effect.
 */
public final class DocumentDiff {
    /** Largest changed stretch (elements of both sides) diffed character by character. */
    static final int MAX_FINE_UNITS = 20_000;

    private DocumentDiff() {
    }

    /**
     * The change from document {@code a} to document {@code b}.
     *
     * @throws OtException {@link OtError#NOT_A_DOCUMENT} if either has anything but inserts
     */
    public static Delta diff(Delta a, Delta b) {
        if (!a.isDocument() || !b.isDocument()) {
            throw new OtException(OtError.NOT_A_DOCUMENT, "diff works on documents (inserts only)");
        }
        Map<Embed, Integer> embedIds = new HashMap<>();
        Units ua = Units.of(a, embedIds);
        Units ub = Units.of(b, embedIds);
        List<Segment> segments = new ArrayList<>();
        int prefix = 0;
        while (prefix < ua.count && prefix < ub.count && ua.units[prefix] == ub.units[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < ua.count - prefix && suffix < ub.count - prefix
                && ua.units[ua.count - 1 - suffix] == ub.units[ub.count - 1 - suffix]) {
            suffix++;
        }
        segments.add(new Segment(0, prefix, 0, prefix, true));
        diffLines(ua, prefix, ua.count - suffix, ub, prefix, ub.count - suffix, segments);
        segments.add(new Segment(ua.count - suffix, ua.count, ub.count - suffix, ub.count, true));
        return build(a, b, ua, ub, segments);
    }

    /** Diffs {@code a[aFrom, aTo)} against {@code b[bFrom, bTo)} line by line, then inside changed lines. */
    private static void diffLines(Units a, int aFrom, int aTo, Units b, int bFrom, int bTo, List<Segment> out) {
        if (aTo - aFrom + bTo - bFrom <= MAX_FINE_UNITS) {
            diffUnits(a, aFrom, aTo, b, bFrom, bTo, out);
            return;
        }
        Map<LineKey, Integer> ids = new HashMap<>();
        int[] aLines = a.lineStarts(aFrom, aTo);
        int[] bLines = b.lineStarts(bFrom, bTo);
        List<Integer> aIds = lineIds(a, aLines, ids);
        List<Integer> bIds = lineIds(b, bLines, ids);
        List<Change> changes = new MeyersDiffWithLinearSpace<Integer>().computeDiff(aIds, bIds, null);
        int aLine = 0;
        int bLine = 0;
        for (Change c : changes) {
            if (c.deltaType == DeltaType.EQUAL) {
                continue;
            }
            out.add(new Segment(aLines[aLine], aLines[c.startOriginal], bLines[bLine], bLines[c.startRevised], true));
            int a0 = aLines[c.startOriginal];
            int a1 = aLines[c.endOriginal];
            int b0 = bLines[c.startRevised];
            int b1 = bLines[c.endRevised];
            if (a1 - a0 + b1 - b0 <= MAX_FINE_UNITS) {
                diffUnits(a, a0, a1, b, b0, b1, out);
            } else {
                out.add(new Segment(a0, a1, b0, b1, false));
            }
            aLine = c.endOriginal;
            bLine = c.endRevised;
        }
        out.add(new Segment(aLines[aLine], aTo, bLines[bLine], bTo, true));
    }

    private static List<Integer> lineIds(Units u, int[] starts, Map<LineKey, Integer> ids) {
        List<Integer> out = new ArrayList<>(starts.length - 1);
        for (int i = 0; i + 1 < starts.length; i++) {
            out.add(ids.computeIfAbsent(new LineKey(u.units, starts[i], starts[i + 1]), k -> ids.size()));
        }
        return out;
    }

    private static void diffUnits(Units a, int aFrom, int aTo, Units b, int bFrom, int bTo, List<Segment> out) {
        List<Integer> aList = a.list(aFrom, aTo);
        List<Integer> bList = b.list(bFrom, bTo);
        int ai = 0;
        int bi = 0;
        for (Change c : new MeyersDiffWithLinearSpace<Integer>().computeDiff(aList, bList, null)) {
            if (c.deltaType == DeltaType.EQUAL) {
                continue;
            }
            out.add(new Segment(aFrom + ai, aFrom + c.startOriginal, bFrom + bi, bFrom + c.startRevised, true));
            out.add(new Segment(aFrom + c.startOriginal, aFrom + c.endOriginal, bFrom + c.startRevised, bFrom + c.endRevised, false));
            ai = c.endOriginal;
            bi = c.endRevised;
        }
        out.add(new Segment(aFrom + ai, aTo, bFrom + bi, bTo, true));
    }

    /** Turns the segments into a delta: retains with attribute changes, inserts of b's content, deletes. */
    private static Delta build(Delta a, Delta b, Units ua, Units ub, List<Segment> segments) {
        OpIterator aIter = new OpIterator(a.ops());
        OpIterator bIter = new OpIterator(b.ops());
        DeltaBuilder out = new DeltaBuilder();
        for (Segment s : segments) {
            int aLen = ua.offsets[s.aTo] - ua.offsets[s.aFrom];
            int bLen = ub.offsets[s.bTo] - ub.offsets[s.bFrom];
            if (s.equal) {
                while (aLen > 0) {
                    int n = Math.min(aLen, Math.min(aIter.peekLength(), bIter.peekLength()));
                    DeltaOp aOp = aIter.next(n);
                    DeltaOp bOp = bIter.next(n);
                    out.retain(n, Attributes.diff(aOp.attributes(), bOp.attributes()));
                    aLen -= n;
                }
                continue;
            }
            while (bLen > 0) {
                int n = Math.min(bLen, bIter.peekLength());
                out.push(bIter.next(n));
                bLen -= n;
            }
            while (aLen > 0) {
                int n = Math.min(aLen, aIter.peekLength());
                aIter.next(n);
                out.delete(n);
                aLen -= n;
            }
        }
        return out.build();
    }

    /** A stretch of a and one of b: equal content, or b's replacing a's. */
    private record Segment(int aFrom, int aTo, int bFrom, int bTo, boolean equal) {
    }

    /** A document as elements (code points, embeds as negative ids) and their UTF-16 offsets. */
    private static final class Units {
        final int[] units;
        final int[] offsets;
        final int count;

        private Units(int[] units, int[] offsets, int count) {
            this.units = units;
            this.offsets = offsets;
            this.count = count;
        }

        static Units of(Delta doc, Map<Embed, Integer> embedIds) {
            int length = (int) doc.length();
            int[] units = new int[length];
            int[] offsets = new int[length + 1];
            int n = 0;
            int offset = 0;
            for (DeltaOp op : doc.ops()) {
                if (op instanceof DeltaOp.TextInsert t) {
                    String s = t.text();
                    for (int i = 0; i < s.length(); ) {
                        int cp = s.codePointAt(i);
                        offsets[n] = offset;
                        units[n++] = cp;
                        int w = Character.charCount(cp);
                        i += w;
                        offset += w;
                    }
                } else {
                    Embed e = ((DeltaOp.EmbedInsert) op).embed();
                    offsets[n] = offset;
                    units[n++] = -1 - embedIds.computeIfAbsent(e, k -> embedIds.size());
                    offset++;
                }
            }
            offsets[n] = offset;
            return new Units(units, offsets, n);
        }

        /** Starts of the lines in {@code [from, to)} (a line ends after a newline), then {@code to}. */
        int[] lineStarts(int from, int to) {
            int[] starts = new int[16];
            int n = 0;
            starts[n++] = from;
            for (int i = from; i < to; i++) {
                if (units[i] == '\n' && i + 1 < to) {
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i + 1;
                }
            }
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n + 1);
            }
            starts[n++] = to;
            return Arrays.copyOf(starts, n);
        }

        List<Integer> list(int from, int to) {
            List<Integer> out = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                out.add(units[i]);
            }
            return out;
        }
    }

    /** A line's elements, compared by content. */
    private static final class LineKey {
        private final int[] units;
        private final int from;
        private final int to;
        private final int hash;

        LineKey(int[] units, int from, int to) {
            this.units = units;
            this.from = from;
            this.to = to;
            int h = 1;
            for (int i = from; i < to; i++) {
                h = 31 * h + units[i];
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LineKey k && hash == k.hash
                    && Arrays.equals(units, from, to, k.units, k.from, k.to);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
