package dev.tandem.ot.canvas;

import dev.tandem.ot.Operation;
import java.util.List;

/**
 * A batch of canvas changes applied atomically, in order. Applying may drop changes that no
 * longer make sense (an object that is gone, a move into its own descendant), and
 * {@link CanvasDocument#apply} returns the batch without them.
 */
public record CanvasOperation(List<Change> changes) implements Operation {
    /** The batch that changes nothing. */
    public static final CanvasOperation EMPTY = new CanvasOperation(List.of());

    public CanvasOperation {
        changes = List.copyOf(changes);
    }

    public static CanvasOperation of(Change... changes) {
        return new CanvasOperation(List.of(changes));
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public int size() {
        return changes.size();
    }

    /** This batch followed by {@code next}, as one batch. */
    public CanvasOperation then(CanvasOperation next) {
        if (next.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return next;
        }
        java.util.ArrayList<Change> all = new java.util.ArrayList<>(changes.size() + next.changes.size());
        all.addAll(changes);
        all.addAll(next.changes);
        return new CanvasOperation(all);
    }

    /** The wire form, {@code {"changes":[...]}}. */
    @Override
    public CanvasType type() {
        return CanvasType.INSTANCE;
    }

    @Override
    public String toJson() {
        return CanvasJson.write(this);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
