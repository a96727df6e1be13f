package dev.tandem.ot;

/**
 * An operation seen as steps over a document that is one sequence of units (text, rich text), in
 * the type's unit: what {@link DocumentType#walk} hands out, so that code outside the types can
 * follow which parts of a document an operation kept, added and removed (authorship).
 */
public interface SequenceEdits {

    /** The next {@code n} units are kept (perhaps reformatted). */
    void retain(long n);

    /** {@code n} new units are inserted here. */
    void insert(long n);

    /** The next {@code n} units are removed. */
    void delete(long n);
}
