package dev.tandem.trace;

/**
 * An editing trace's patches with positions and deleted lengths in UTF-16 units, the unit of the
 * rich-text type (traces count code points). Converted once, before any replay is timed.
 *
 * <p>A trace whose text is all in the Basic Multilingual Plane needs no conversion (one code
 * point is one unit); the others are converted by replaying the patches on a
 * {@code StringBuilder}, which costs O(length) per patch but gives the exact offsets.
 */
public final class Utf16Patches {
    private final int[] positions;
    private final int[] deletes;
    private final String[] inserts;

    private Utf16Patches(int[] positions, int[] deletes, String[] inserts) {
        this.positions = positions;
        this.deletes = deletes;
        this.inserts = inserts;
    }

    public static Utf16Patches of(EditingTrace trace) {
        int n = trace.patches();
        int[] pos = new int[n];
        int[] del = new int[n];
        String[] ins = new String[n];
        boolean bmp = !hasSurrogates(trace.startContent());
        for (int i = 0; i < n && bmp; i++) {
            bmp = !hasSurrogates(trace.insertText(i));
        }
        StringBuilder text = bmp ? null : new StringBuilder(trace.startContent());
        for (int i = 0; i < n; i++) {
            ins[i] = trace.insertText(i);
            if (bmp) {
                pos[i] = trace.position(i);
                del[i] = trace.deleteCount(i);
                continue;
            }
            int from = text.offsetByCodePoints(0, trace.position(i));
            int to = text.offsetByCodePoints(from, trace.deleteCount(i));
            pos[i] = from;
            del[i] = to - from;
            text.replace(from, to, ins[i]);
        }
        return new Utf16Patches(pos, del, ins);
    }

    private static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return positions.length;
    }

    /** Where patch {@code i} starts, in UTF-16 units. */
    public int position(int i) {
        return positions[i];
    }

    /** How many UTF-16 units patch {@code i} deletes. */
    public int deleteLength(int i) {
        return deletes[i];
    }

    public String insertText(int i) {
        return inserts[i];
    }
}
