package dev.tandem.ot.canvas;

import dev.tandem.ot.DocumentType.Side;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import dev.tandem.ot.text.OperationPair;
import dev.tandem.ot.text.TextOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transforms a canvas operation past a concurrent one. Only text edits need it: everything else
 * is decided by applying in the server's order (a set is last-writer-wins, a change to something
 * gone is dropped), so it passes unchanged.
 *
 * <pre>
 *   other:  edit s1.text [2,"ab"]        set s1.text "new"        delete s1 / create s1
 *   op:     edit s1.text [2,"x"]         edit s1.text [2,"x"]     edit s1.text [2,"x"]
 *   op':    edit s1.text [4,"x"]         (dropped: the set        (dropped: the text it
 *           (or [2,"x",2] on the         replaced the text        was made for is gone)
 *           left side)                   it was made for)
 * </pre>
 *
 * <p>An edit that follows a set, create or delete of its own object in {@code op} is made on
 * {@code op}'s own value, which {@code other} never saw, and passes unchanged.
 */
final class CanvasTransform {
    private CanvasTransform() {
    }

    static CanvasOperation transform(CanvasOperation op, CanvasOperation other, Side side) {
        TextEffects theirs = TextEffects.of(other);
        if (theirs.isEmpty()) {
            return op;
        }
        Set<String> ownIds = new HashSet<>();
        Set<PropertyKey> ownProps = new HashSet<>();
        List<Change> out = new ArrayList<>(op.size());
        for (Change c : op.changes()) {
            if (c instanceof Change.Create || c instanceof Change.Delete) {
                ownIds.add(c.id());
                out.add(c);
            } else if (c instanceof Change.Set s) {
                ownProps.add(new PropertyKey(s.id(), s.prop()));
                out.add(c);
            } else if (c instanceof Change.Edit e) {
                PropertyKey key = new PropertyKey(e.id(), e.prop());
                if (ownIds.contains(e.id()) || ownProps.contains(key)) {
                    out.add(e);
                } else if (!theirs.isReset(key)) {
                    out.add(new Change.Edit(e.id(), e.prop(), theirs.transformPast(key, e.op(), side)));
                }
            } else {
                out.add(c);
            }
        }
        return out.size() == op.size() && out.equals(op.changes()) ? op : new CanvasOperation(out);
    }

    // LEFT: transform(a, b), a's inserts first; RIGHT: transform(b, a), b's inserts first.
    private static OperationPair pair(TextOperation a, TextOperation b, Side side) {
        try {
            return side == Side.LEFT ? TextOperation.transform(a, b) : TextOperation.transform(b, a);
        } catch (OtException e) {
            throw new OtException(OtError.TRANSFORM_MISMATCH, "concurrent edits of one property: " + e.getMessage());
        }
    }

    /** A property of one object. */
    record PropertyKey(String id, String prop) {
    }

    /**
     * What an operation does to text properties: the properties it replaces (set, or its object
     * created or deleted) and, for the others, its edits of each in order. The edits are kept
     * apart, not composed: an edit is transformed past each in turn (and each past it), the grid
     * of pairwise transforms, so that the result is the same whichever side is transformed, ties
     * included (composing first can move a tie where deletes meet).
     */
    static final class TextEffects {
        final Set<String> resetIds = new HashSet<>();
        final Set<PropertyKey> resetProps = new HashSet<>();
        final Map<PropertyKey, List<TextOperation>> edits = new HashMap<>();

        static TextEffects of(CanvasOperation op) {
            TextEffects t = new TextEffects();
            for (Change c : op.changes()) {
                if (c instanceof Change.Create || c instanceof Change.Delete) {
                    t.resetIds.add(c.id());
                } else if (c instanceof Change.Set s) {
                    t.resetProps.add(new PropertyKey(s.id(), s.prop()));
                } else if (c instanceof Change.Edit e) {
                    PropertyKey key = new PropertyKey(e.id(), e.prop());
                    if (!t.isReset(key)) {
                        t.edits.computeIfAbsent(key, k -> new ArrayList<>()).add(e.op());
                    }
                }
            }
            return t;
        }

        /**
         * {@code edit} of {@code key} transformed past these edits of it (ties by {@code side},
         * for {@code edit}); these edits become their transforms past {@code edit}, ready for the
         * next edit of the same property.
         */
        TextOperation transformPast(PropertyKey key, TextOperation edit, Side side) {
            List<TextOperation> theirs = edits.get(key);
            if (theirs == null) {
                return edit;
            }
            for (int i = 0; i < theirs.size(); i++) {
                OperationPair p = pair(edit, theirs.get(i), side);
                edit = side == Side.LEFT ? p.aPrime() : p.bPrime();
                theirs.set(i, side == Side.LEFT ? p.bPrime() : p.aPrime());
            }
            return edit;
        }

        boolean isReset(PropertyKey key) {
            return resetIds.contains(key.id()) || resetProps.contains(key);
        }

        boolean isEmpty() {
            return resetIds.isEmpty() && resetProps.isEmpty() && edits.isEmpty();
        }
    }
}
