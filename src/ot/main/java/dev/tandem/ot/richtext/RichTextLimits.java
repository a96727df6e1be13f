package dev.tandem.ot.richtext;

/**
 * How large one rich-text operation may be, checked when it is read from the wire. How large a
 * document may grow is the sequencer's limit, not the type's.
 *
 * @param maxOps most parts (inserts, retains, deletes) in one delta
 * @param maxInsertLength most UTF-16 units inserted by one delta, embeds counting 1
 */
public record RichTextLimits(int maxOps, int maxInsertLength) {
    /** 10,000 parts and one million units: a large formatted paste, far beyond any keystroke. */
    public static final RichTextLimits DEFAULTS = new RichTextLimits(10_000, 1_000_000);

    public RichTextLimits {
        if (maxOps < 1 || maxInsertLength < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxOps + ", " + maxInsertLength);
        }
    }
}
