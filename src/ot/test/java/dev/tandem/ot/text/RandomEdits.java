package dev.tandem.ot.text;

import java.util.Random;

/**
 * Seeded generators of documents and operations for the property tests. The alphabet mixes
 * ASCII, accented letters built from combining marks, CJK, and characters outside the Basic
 * Multilingual Plane (emoji, musical symbols), so surrogate pairs are everywhere.
 */
public final class RandomEdits {
    static final String[] ALPHABET = {
        "a", "b", "c", " ", "\n", "e\u0301", "\u00e9", "\u4e2d", "\ud83d\ude00", "\ud834\udd1e",
        "\ud83d\udc69\u200d\ud83d\udcbb", "\ud83c\uddeb\ud83c\uddf7", "\u0627", "z"
    };

    private RandomEdits() {
    }

    public static String text(Random r, int maxPieces) {
        int n = r.nextInt(maxPieces + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET[r.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    public static String nonEmptyText(Random r, int maxPieces) {
        String s = text(r, maxPieces);
        return s.isEmpty() ? ALPHABET[r.nextInt(ALPHABET.length)] : s;
    }

    /** A random operation on a document of {@code length} code points. */
    public static TextOperation operation(Random r, int length) {
        TextOperation.Builder b = TextOperation.builder();
        int left = length;
        while (left > 0) {
            int n = 1 + r.nextInt(Math.min(left, 20));
            double p = r.nextDouble();
            if (p < 0.2) {
                b.insert(nonEmptyText(r, 4));
            } else if (p < 0.5) {
                b.delete(n);
                left -= n;
            } else {
                b.retain(n);
                left -= n;
            }
        }
        if (r.nextDouble() < 0.3) {
            b.insert(nonEmptyText(r, 4));
        }
        return b.build();
    }

    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
