package dev.tandem.ot.text;

/**
 * A selection as a person made it: {@code anchor} where it started, {@code head} where the caret
 * is now. A collapsed selection ({@code anchor == head}) is a plain caret. Positions are code points.
 */
public record Selection(int anchor, int head) {

    public static Selection caret(int position) {
        return new Selection(position, position);
    }

    public boolean isCollapsed() {
        return anchor == head;
    }

    public int start() {
        return Math.min(anchor, head);
    }

    public int end() {
        return Math.max(anchor, head);
    }

    /**
     * Moves this selection through {@code op}. A caret follows {@code caretBias}. A range keeps
     * text typed at its edges outside of it: its start moves after such text, its end stays
     * before it, as in most editors.
     */
    public Selection transform(TextOperation op, TextOperation.Bias caretBias) {
        if (isCollapsed()) {
            return caret(op.transformPosition(anchor, caretBias));
        }
        int newStart = op.transformPosition(start(), TextOperation.Bias.AFTER);
        int newEnd = op.transformPosition(end(), TextOperation.Bias.BEFORE);
        if (newEnd < newStart) {
            newEnd = newStart;
        }
        return anchor <= head ? new Selection(newStart, newEnd) : new Selection(newEnd, newStart);
    }
}
