package dev.tandem.ot.richtext;

/**
 * One part of a {@link Delta}: insert text or an embed, retain (and maybe format) a stretch of the
 * document, or delete one. Lengths are UTF-16 units, as Quill counts.
 */
public sealed interface DeltaOp {

    /** Length in UTF-16 units (an embed has length 1). */
    int length();

    /** Formats to give (insert) or change (retain); {@link Attributes#NONE} for a delete. */
    Attributes attributes();

    /** Inserts text. */
    record TextInsert(String text, Attributes attributes) implements DeltaOp {
        @Override
        public int length() {
            return text.length();
        }
    }

    /** Inserts one embed. */
    record EmbedInsert(Embed embed, Attributes attributes) implements DeltaOp {
        @Override
        public int length() {
            return 1;
        }
    }

    /** Keeps {@code length} units, applying {@code attributes} to them (a null value removes one). */
    record Retain(int length, Attributes attributes) implements DeltaOp {
    }

    /** Removes {@code length} units. */
    record Delete(int length) implements DeltaOp {
        @Override
        public Attributes attributes() {
            return Attributes.NONE;
        }
    }

    /** Whether this is an insert of text or of an embed. */
    default boolean isInsert() {
        return this instanceof TextInsert || this instanceof EmbedInsert;
    }
}
