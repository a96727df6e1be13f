package dev.tandem.client.model;

import dev.tandem.ot.Document;
import dev.tandem.ot.OtException;
import dev.tandem.ot.Operation;
import java.util.function.LongSupplier;

/**
 * What a {@link DocumentModel} keeps of its document: the server's revision with this client's
 * unconfirmed edits on top, and which of them is in flight. {@link OtCopy} does it with the ot.js
 * states (text, rich text); {@link CanvasCopy} with the canvas replica, whose acknowledgements
 * carry the committed batch. Not thread-safe.
 *
 * @param <O> the operation class of the document's type
 */
public interface LocalCopy<O extends Operation> {

    /** What the person sees: the server's revision plus unconfirmed edits. Read it; never apply to it. */
    Document<O> view();

    /**
     * Applies a local edit to the view and keeps it for sending; {@code seqs} hands out the
     * {@code seq} of a new submission.
     *
     * @return {@code op} as applied to the view
     * @throws OtException if it does not fit (the view is unchanged)
     */
    O edit(O op, LongSupplier seqs);

    /** The next submission to send, now marked in flight; null if one is in flight already or nothing waits. */
    Pending<O> takeOutgoing(LongSupplier seqs);

    /** The submission in flight as it stands now (on the latest revision), or null. */
    Pending<O> inFlight();

    /** Every unconfirmed edit as one operation on the server's revision, or null if there is none. */
    O unconfirmed();

    /**
     * Revision {@code rev}, someone else's {@code committed} operation.
     *
     * @return what it changed in the view (to mirror it in an editor)
     * @throws OtException or {@link IllegalStateException} if it does not fit: the copy is then
     *     broken and must be opened again from a snapshot
     */
    O remote(long rev, O committed);

    /**
     * The in-flight submission became revision {@code rev}; {@code committed} is the operation as
     * committed where the type's acknowledgements carry it, else null.
     *
     * @throws IllegalStateException if the type needs {@code committed} and it is missing, or it
     *     does not fit: open again from a snapshot
     */
    void acknowledged(long rev, O committed);

    /** Undoes this client's newest change where it still shows; null if there is nothing to undo or the copy has no undo. */
    default O undo(LongSupplier seqs) {
        return null;
    }

    /** Redoes the newest undone change; null if there is none. */
    default O redo(LongSupplier seqs) {
        return null;
    }

    default boolean canUndo() {
        return false;
    }

    default boolean canRedo() {
        return false;
    }
}
