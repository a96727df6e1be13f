package dev.tandem.client;

import dev.tandem.client.model.CanvasPresence;
import dev.tandem.client.model.ClientTypes;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.ot.canvas.CanvasDocument;
import dev.tandem.ot.canvas.CanvasObject;
import dev.tandem.ot.canvas.CanvasOperation;
import dev.tandem.ot.canvas.Change;
import java.util.List;

/**
 * A canvas of a {@link TandemClient}: the board as this client sees it, the server's state with
 * its own unacknowledged batches on top (so a shape being dragged here never jumps back), undo
 * and redo of its own changes that never overwrite what others did since (Figma's rule), and the
 * others' pointers. Thread-safe, as every {@link TandemDocument}. See docs/CANVAS.md.
 *
 * <pre>{@code
 * CanvasClientDocument board = client.openCanvas("ideas", true).await();
 * board.edit(new Change.Create("s1", Kind.STICKY, null, "a0", Properties.EMPTY));
 * board.setPointer(120, 80);
 * }</pre>
 */
public final class CanvasClientDocument extends TandemDocument<CanvasOperation, CanvasPresence> {

    CanvasClientDocument(TandemClient client, String id, boolean create, long lastSeq) {
        super(client, ClientTypes.CANVAS, id, create, lastSeq);
    }

    /** Every object, parents before children, siblings in order (immutable records). O(n). */
    public List<CanvasObject> objects() {
        return read(() -> List.copyOf(board().inTreeOrder()));
    }

    /** The object {@code id}, or null. */
    public CanvasObject get(String id) {
        return read(() -> board().get(id));
    }

    /** How many objects the board holds. */
    public int size() {
        return read(() -> (int) board().size());
    }

    /**
     * Applies a batch to the board now (atomically, in order) and sends it to the server.
     *
     * @return the batch as applied: changes to objects that are gone are dropped
     * @throws dev.tandem.ot.OtException if it breaks a limit or does not fit (nothing changes)
     */
    @Override
    public CanvasOperation edit(CanvasOperation batch) {
        return super.edit(batch);
    }

    /**
     * Applies the batch {@code make} builds from the board as it is at that moment (under the
     * document's lock, so no remote batch lands between reading and editing; read the board, do
     * not change it), and sends it: how to type into a text whose length others change.
     */
    public CanvasOperation edit(java.util.function.Function<CanvasDocument, CanvasOperation> make) {
        return editFrom(m -> make.apply((CanvasDocument) m.document()));
    }

    /** Applies {@code changes} as one batch. */
    public CanvasOperation edit(Change... changes) {
        return edit(CanvasOperation.of(changes));
    }

    /** Undoes this client's newest change where it still shows; returns what it did (empty if nothing). */
    public CanvasOperation undo() {
        return read(() -> orEmpty(model.undo()));
    }

    /** Redoes the newest undone change; returns what it did (empty if nothing). */
    public CanvasOperation redo() {
        return read(() -> orEmpty(model.redo()));
    }

    public boolean canUndo() {
        return read(model::canUndo);
    }

    public boolean canRedo() {
        return read(model::canRedo);
    }

    /** Moves this client's pointer (board coordinates), keeping the selection; at most 20 updates a second reach the others. */
    public void setPointer(double x, double y) {
        CanvasPresence now = read(model::selection);
        setPresence(new CanvasPresence(new CanvasPresence.Pointer(x, y), now == null ? List.of() : now.selected()));
    }

    /** Sets what this client shows the others: pointer (null: off the board) and selected objects. */
    public void setPresence(CanvasPresence presence) {
        updateSelection(presence, false);
    }

    @Override
    public CanvasClientDocument addListener(DocumentListener<CanvasOperation, CanvasPresence> listener) {
        super.addListener(listener);
        return this;
    }

    private CanvasDocument board() {
        return (CanvasDocument) model.document();
    }

    private static CanvasOperation orEmpty(CanvasOperation op) {
        return op == null ? CanvasOperation.EMPTY : op;
    }
}
