package dev.tandem.ot.text;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.myers.MeyersDiffWithLinearSpace;
import com.github.difflib.patch.DeltaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operation from one text to another that keeps what they share, in code points: restoring
 * an old version then deletes and inserts only what differs, so the text in between keeps its
 * authors and edits made at the same time elsewhere still apply where they were meant.
 *
 * <p>Myers' algorithm (java-diff-utils) after trimming the common start and end, in two levels to
 * bound its cost as the rich-text type's {@code DocumentDiff} does: whole lines first, then the
 * code points of each changed stretch of lines up to {@value #MAX_FINE} code points (a larger
 * stretch is replaced whole).
 */
final class TextDiff {
    /** Largest changed stretch (code points of both sides) diffed code point by code point. */
    static final int MAX_FINE = 20_000;

    private TextDiff() {
    }

    static TextOperation diff(int[] a, int[] b) {
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix] == b[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
            suffix++;
        }
        Builder out = new Builder(b);
        out.keep(prefix);
        lines(a, prefix, a.length - suffix, b, prefix, b.length - suffix, out);
        out.keep(suffix);
        return out.ops.build();
    }

    private static void lines(int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo, Builder out) {
        if (aTo - aFrom + bTo - bFrom <= MAX_FINE) {
            codePoints(a, aFrom, aTo, b, bFrom, bTo, out);
            return;
        }
        Map<List<Integer>, Integer> ids = new HashMap<>();
        int[] aLines = lineStarts(a, aFrom, aTo);
        int[] bLines = lineStarts(b, bFrom, bTo);
        List<Integer> aIds = lineIds(a, aLines, ids);
        List<Integer> bIds = lineIds(b, bLines, ids);
        int aLine = 0;
        int bLine = 0;
        for (Change c : new MeyersDiffWithLinearSpace<Integer>().computeDiff(aIds, bIds, null)) {
            if (c.deltaType == DeltaType.EQUAL) {
                continue;
            }
            out.keep(aLines[c.startOriginal] - aLines[aLine]);
            int a0 = aLines[c.startOriginal];
            int a1 = aLines[c.endOriginal];
            int b0 = bLines[c.startRevised];
            int b1 = bLines[c.endRevised];
            if (a1 - a0 + b1 - b0 <= MAX_FINE) {
                codePoints(a, a0, a1, b, b0, b1, out);
            } else {
                out.replace(a1 - a0, b0, b1);
            }
            aLine = c.endOriginal;
            bLine = c.endRevised;
        }
        out.keep(aTo - aLines[aLine]);
    }

    private static void codePoints(int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo, Builder out) {
        List<Integer> aList = list(a, aFrom, aTo);
        List<Integer> bList = list(b, bFrom, bTo);
        int ai = 0;
        for (Change c : new MeyersDiffWithLinearSpace<Integer>().computeDiff(aList, bList, null)) {
            if (c.deltaType == DeltaType.EQUAL) {
                continue;
            }
            out.keep(c.startOriginal - ai);
            out.replace(c.endOriginal - c.startOriginal, bFrom + c.startRevised, bFrom + c.endRevised);
            ai = c.endOriginal;
        }
        out.keep(aList.size() - ai);
    }

    /** Starts of the lines in {@code [from, to)} (a line ends after a newline), then {@code to}. */
    private static int[] lineStarts(int[] text, int from, int to) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = from;
        for (int i = from; i < to; i++) {
            if (text[i] == '\n' && i + 1 < to) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        starts = Arrays.copyOf(starts, n + 1);
        starts[n] = to;
        return starts;
    }

    private static List<Integer> lineIds(int[] text, int[] starts, Map<List<Integer>, Integer> ids) {
        List<Integer> out = new ArrayList<>(starts.length - 1);
        for (int i = 0; i + 1 < starts.length; i++) {
            out.add(ids.computeIfAbsent(list(text, starts[i], starts[i + 1]), k -> ids.size()));
        }
        return out;
    }

    private static List<Integer> list(int[] text, int from, int to) {
        List<Integer> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(text[i]);
        }
        return out;
    }

    /** Builds the operation walking the old text: kept stretches, and replacements by b's code points. */
    private static final class Builder {
        private final int[] b;
        private final TextOperation.Builder ops = TextOperation.builder();

        Builder(int[] b) {
            this.b = b;
        }

        void keep(int n) {
            if (n > 0) {
                ops.retain(n);
            }
        }

        void replace(int deleted, int bFrom, int bTo) {
            if (bTo > bFrom) {
                ops.insert(new String(b, bFrom, bTo - bFrom));
            }
            if (deleted > 0) {
                ops.delete(deleted);
            }
        }
    }
}
