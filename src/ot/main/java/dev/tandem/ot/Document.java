package dev.tandem.ot;

/**
 * A mutable working copy of one document, as its sequencer or a client holds it. Not thread-safe.
 *
 * @param <O> the operation class of its {@link DocumentType}
 */
public interface Document<O extends Operation> {

    /**
     * Applies {@code op} in place and returns the operation as applied: {@code op} itself, or,
     * for types whose operations may be partly dropped when applied (a canvas change to an object
     * that is gone), {@code op} without the dropped parts.
     *
     * @throws OtException if {@code op} does not fit this document (codes {@code PAST_END},
     *     {@code BASE_LENGTH_MISMATCH} or the type's own); the document is then unchanged
     */
    O apply(O op);

    /** The stored form of the current content (O(size): for snapshots and readers, not per keystroke). */
    String snapshot();

    /** The size that the document-size limit counts, in the type's unit (code points for text). */
    long size();
}
