package dev.tandem.ot.richtext;

import java.util.Random;

/**
 * Seeded generators of rich-text documents and of changes that fit them, for the property and
 * differential tests. Text mixes ASCII, newlines, accents and characters outside the Basic
 * Multilingual Plane (so surrogate pairs are everywhere, and no change splits one); formats are
 * drawn from small value sets so that concurrent changes often collide; embeds are all three
 * kinds; changes often stop before the end of their document.
 */
public final class RandomDeltas {
    private static final String[] ALPHABET = {
        "a", "b", "c", " ", "\n", "\n", "\u00e9", "\u4e2d", "\ud83d\ude00", "\ud834\udd1e", "<", "\""
    };
    private static final Embed[] EMBEDS = {
        Embed.image("https://example.com/a.png"), Embed.image("https://example.com/b.png"),
        Embed.video("https://video.example/v"), Embed.formula("e=mc^2")
    };
    private static final Object[][] VALUES = {
        {"bold", true}, {"italic", true}, {"underline", true}, {"strike", true}, {"code", true},
        {"link", "https://example.com/one"}, {"link", "mailto:a@example.com"},
        {"color", "#f00"}, {"color", "#00ff00"}, {"color", "red"}, {"background", "yellow"},
        {"header", 1}, {"header", 2}, {"list", "ordered"}, {"list", "bullet"}, {"list", "checked"},
        {"list", "unchecked"}, {"blockquote", true}, {"code-block", true}, {"code-block", "js"},
        {"align", "center"}, {"align", "right"}, {"indent", 1}, {"indent", 3}, {"script", "sub"},
        {"script", "super"}, {"size", "small"}, {"size", "huge"}
    };

    private RandomDeltas() {
    }

    static String text(Random r, int maxPieces) {
        int n = 1 + r.nextInt(maxPieces);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET[r.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** Up to {@code max} formats; with {@code removals}, some are nulls. */
    static Attributes attributes(Random r, int max, boolean removals) {
        int n = r.nextInt(max + 1);
        if (n == 0) {
            return Attributes.NONE;
        }
        Attributes.Builder b = Attributes.builder();
        for (int i = 0; i < n; i++) {
            Object[] v = VALUES[r.nextInt(VALUES.length)];
            b.put((String) v[0], removals && r.nextInt(3) == 0 ? null : v[1]);
        }
        return b.build();
    }

    /** A document of a few runs, ending with a newline as Quill's do. */
    public static Delta document(Random r, int maxRuns) {
        DeltaBuilder b = new DeltaBuilder();
        int runs = r.nextInt(maxRuns + 1);
        for (int i = 0; i < runs; i++) {
            insert(r, b);
        }
        b.insert("\n", r.nextInt(3) == 0 ? attributes(r, 2, false) : Attributes.NONE);
        return b.build();
    }

    private static void insert(Random r, DeltaBuilder b) {
        Attributes a = r.nextInt(2) == 0 ? Attributes.NONE : attributes(r, 3, false);
        if (r.nextInt(8) == 0) {
            b.insert(EMBEDS[r.nextInt(EMBEDS.length)], a);
        } else {
            b.insert(text(r, 5), a);
        }
    }

    /** A change that fits {@code document}: no part reaches past its end or splits a pair. */
    public static Delta change(Random r, Delta document) {
        String flat = flat(document);
        int length = flat.length();
        DeltaBuilder b = new DeltaBuilder();
        int pos = 0;
        boolean stopEarly = r.nextInt(3) == 0;
        while (pos < length) {
            if (stopEarly && r.nextInt(4) == 0) {
                break;
            }
            int n = 1 + r.nextInt(Math.min(length - pos, 6));
            if (pos + n < length && Character.isLowSurrogate(flat.charAt(pos + n))) {
                n++;
            }
            int p = r.nextInt(10);
            if (p < 2) {
                insert(r, b);
            } else if (p < 4) {
                b.delete(n);
                pos += n;
            } else if (p < 6) {
                b.retain(n, attributes(r, 2, true));
                pos += n;
            } else {
                b.retain(n);
                pos += n;
            }
        }
        if (r.nextInt(4) == 0) {
            insert(r, b);
        }
        return b.build();
    }

    /** The document's content with each embed as one placeholder char, for boundary checks. */
    static String flat(Delta document) {
        StringBuilder sb = new StringBuilder();
        for (DeltaOp op : document.ops()) {
            sb.append(op instanceof DeltaOp.TextInsert t ? t.text() : "\ufffc");
        }
        return sb.toString();
    }

    /** A position in {@code document} that is not inside a surrogate pair. */
    public static int position(Random r, Delta document) {
        String flat = flat(document);
        int p = r.nextInt(flat.length() + 1);
        if (p > 0 && p < flat.length() && Character.isLowSurrogate(flat.charAt(p))) {
            p--;
        }
        return p;
    }
}
