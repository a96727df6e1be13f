package dev.tandem.ot.canvas;

import dev.tandem.ot.text.TextOperation;
import java.util.Objects;

/**
 * One step of an undo (or redo) entry: a change to make, guarded by what the document must still
 * show for it to be made, so that undo never overwrites what someone else did since (Figma's
 * rule). {@link #resolve} turns it into a change, or null when the guard fails.
 */
sealed interface UndoStep {

    /** The change to make on {@code doc} now, or null if the guard fails. */
    Change resolve(CanvasDocument doc);

    /** The object the step is about. */
    String id();

    /** Undoes a create: deletes the object if it is still there. */
    record Remove(String id) implements UndoStep {
        @Override
        public Change resolve(CanvasDocument doc) {
            return doc.contains(id) ? new Change.Delete(id) : null;
        }
    }

    /** Undoes a delete: creates the object again, with its id, if nothing holds that id. */
    record Recreate(CanvasObject object) implements UndoStep {
        @Override
        public String id() {
            return object.id();
        }

        @Override
        public Change resolve(CanvasDocument doc) {
            return doc.contains(object.id()) ? null
                    : new Change.Create(object.id(), object.kind(), object.parent(), object.index(), object.props());
        }
    }

    /** Undoes a move, if the object is still where the move put it. */
    record MoveBack(String id, String parent, String index, String movedParent, String movedIndex) implements UndoStep {
        @Override
        public Change resolve(CanvasDocument doc) {
            CanvasObject o = doc.get(id);
            boolean untouched = o != null && Objects.equals(o.parent(), movedParent) && o.index().equals(movedIndex);
            return untouched ? new Change.Move(id, parent, index) : null;
        }
    }

    /** Undoes a set: restores {@code old} (null: unset) if the property still holds {@code expected}, the value we left. */
    record RestoreValue(String id, String prop, PropertyValue old, PropertyValue expected) implements UndoStep {
        @Override
        public Change resolve(CanvasDocument doc) {
            CanvasObject o = doc.get(id);
            return o != null && Objects.equals(o.props().get(prop), expected) ? new Change.Set(id, prop, old) : null;
        }
    }

    /**
     * Undoes text edits with their inverse, kept transformed past every later edit of the property
     * by others, so only our characters go. Made only if it still fits the text (its lineage was
     * not broken by a set that undo could not take back).
     */
    record RestoreText(String id, String prop, TextOperation inverse) implements UndoStep {
        @Override
        public Change resolve(CanvasDocument doc) {
            CanvasObject o = doc.get(id);
            if (o == null) {
                return null;
            }
            PropertyValue v = o.props().get(prop);
            String text = v instanceof PropertyValue.StringValue s ? s.value() : "";
            return text.codePointCount(0, text.length()) == inverse.baseLength() ? new Change.Edit(id, prop, inverse) : null;
        }
    }
}
