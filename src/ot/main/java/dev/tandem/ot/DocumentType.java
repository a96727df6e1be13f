package dev.tandem.ot;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A kind of document and the algebra of its operations, after ShareDB's OT types: the sequencer,
 * storage, protocol and clients know a document only through its type, found by name in
 * {@link DocumentTypes}.
 *
 * <p>Every operation of a type is immutable. The two forms a type defines:
 * <ul>
 *   <li>its operations on the wire and in storage ({@link #parse} and {@link Operation#toJson});</li>
 *   <li>its snapshots, a document's whole content, in storage and in {@code opened} replies
 *       ({@link #open} and {@link Document#snapshot}).</li>
 * </ul>
 *
 * @param <O> the type's operation class
 */
public interface DocumentType<O extends Operation> {

    /** The name on the wire and in storage: {@code text}, {@code rich-text}, {@code canvas}. Never changes. */
    String name();

    /** The operation class, for checked casts of operations that arrive untyped. */
    Class<O> operationClass();

    /** The stored form of the empty document (revision 0). */
    String emptySnapshot();

    /** A working copy of the document whose stored form is {@code snapshot}. */
    Document<O> open(String snapshot);

    /**
     * Reads and validates an operation from its wire form (form, limits of the type such as
     * lone surrogates or attribute values); it is not yet checked against any document.
     *
     * @throws OtException with the type's code for what is wrong
     */
    O parse(JsonNode json);

    /** Reads an operation from its stored JSON text (as {@link Operation#toJson} wrote it). */
    O parse(String json);

    /**
     * {@code op} transformed past {@code other}, both made on the same document: the operation
     * that has {@code op}'s effect on the document after {@code other}. {@code side} breaks ties
     * (two inserts at one place): {@link Side#LEFT} puts {@code op}'s first.
     *
     * @throws OtException if the two cannot have been made on the same document
     */
    O transform(O op, O other, Side side);

    /** One operation with the effect of {@code first} then {@code second}. */
    O compose(O first, O second);

    /** Whether {@code op} changes nothing. */
    boolean isNoop(O op);

    /**
     * The size (in {@link Document#size()}'s unit) of the document {@code op} must be applied to,
     * or -1 where an operation does not fix it (a rich-text delta may stop before the end). The
     * sequencer uses it to refuse an operation that does not fit its base revision before
     * transforming it.
     */
    default long baseSize(O op) {
        return -1;
    }

    /**
     * The size of a document of {@code sizeBefore} after {@code op}, for the document-size limit,
     * checked before applying; -1 if it cannot be known before applying (then it is checked after).
     */
    default long sizeAfter(O op, long sizeBefore) {
        return -1;
    }

    /**
     * Checks a presence selection of this type ({@code presence.sel}, not null) and returns it as
     * compact JSON text to relay. Text types take {@code [anchor, head]}.
     *
     * @throws OtException if it is not one
     */
    String checkSelection(JsonNode selection);

    /**
     * An operation that turns the document whose stored form is {@code from} into the one whose
     * stored form is {@code to}: for creating a document with content, and for restoring an old
     * version as a new revision.
     *
     * @throws OtException if {@code to} is not a valid document of this type
     */
    O diff(String from, String to);

    /**
     * The stored form of the document a person sent as content (REST create): for text a JSON
     * string, for other types their snapshot JSON.
     *
     * @throws OtException if it is not a valid document of this type
     */
    String contentFromJson(JsonNode content);

    /**
     * The export formats of this type's documents ({@code text}, {@code html}, {@code markdown}),
     * each with its media type; none by default.
     */
    default java.util.Map<String, String> exportFormats() {
        return java.util.Map.of();
    }

    /**
     * The document whose stored form is {@code stored} in export format {@code format} (one of
     * {@link #exportFormats()}).
     *
     * @throws IllegalArgumentException for a format the type does not have
     */
    default String export(String stored, String format) {
        throw new IllegalArgumentException(name() + " documents have no export format " + format);
    }

    /**
     * Hands {@code op} to {@code edits} as retains, inserts and deletes over the document's units
     * (code points for text, UTF-16 units for rich text), for types whose documents are one
     * sequence; returns false without calling it for types whose documents are not (canvas).
     * Authorship ({@link Authorship}) is derived through it.
     */
    default boolean walk(O op, SequenceEdits edits) {
        return false;
    }

    /** Whether {@link #invert} is defined for this type. */
    default boolean invertible() {
        return false;
    }

    /**
     * The operation that undoes {@code op}, where {@code before} is the document {@code op} was
     * applied to (it is not changed).
     *
     * @throws UnsupportedOperationException if the type has no inverse ({@link #invertible()} is false)
     */
    default O invert(O op, Document<O> before) {
        throw new UnsupportedOperationException(name() + " operations have no inverse");
    }

    /**
     * The wire form of a stored snapshot, as JSON text (for {@code opened.snapshot} and REST
     * reads). By default the stored form is already JSON.
     */
    default String snapshotJson(String stored) {
        return stored;
    }

    /**
     * Whether the author of an edit must be sent the operation as committed with its {@code ack}:
     * true where applying may drop parts of an operation (a canvas move that would make a cycle),
     * so the author cannot work out the committed form alone.
     */
    default boolean acksCarryOperation() {
        return false;
    }

    /** Which of two concurrent operations goes first where both insert at one place. */
    enum Side {
        LEFT, RIGHT
    }
}
