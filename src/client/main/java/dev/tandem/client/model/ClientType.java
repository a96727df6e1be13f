package dev.tandem.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.Document;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.OtException;
import dev.tandem.ot.Operation;
import dev.tandem.protocol.MalformedFrameException;

/**
 * What the client library needs of a document type beyond its {@link DocumentType}: how its
 * snapshots and operations travel in protocol messages, which {@link LocalCopy} keeps it, and
 * what its presence selections are and how edits move them. {@link DocumentModel} holds no
 * type-specific code; it asks this. One instance per type: {@link ClientTypes}.
 *
 * @param <O> the type's operation class
 * @param <S> its selections ({@code [anchor, head]} for text types, a pointer for a canvas)
 */
public interface ClientType<O extends Operation, S> {

    DocumentType<O> documentType();

    /** The type's name on the wire ({@code opened.docType}, {@code open.docType}). */
    default String name() {
        return documentType().name();
    }

    /**
     * The stored form of a snapshot as {@code opened.snapshot} carries it.
     *
     * @throws MalformedFrameException if it is not one of this type's
     */
    String storedSnapshot(JsonNode wire);

    /** A local copy of the document whose stored form is {@code snapshot}, at revision {@code rev}. */
    LocalCopy<O> copy(String snapshot, long rev);

    /**
     * An operation from a server message.
     *
     * @throws OtException if it is not one
     */
    default O operation(JsonNode json) {
        return documentType().parse(json);
    }

    /** An operation as a {@code submit} carries it. */
    JsonNode wire(O op);

    /**
     * A selection from the server ({@code presence.sel}), or null for a hidden one.
     *
     * @throws MalformedFrameException if it is not one of this type's
     */
    S readSelection(JsonNode json);

    /** A selection as {@code presence.sel} carries it (null: hidden). */
    JsonNode writeSelection(S sel);

    /** Whether selections hold positions that edits move (text); false when they do not (a canvas pointer). */
    boolean selectionsMove();

    /**
     * {@code sel} moved through {@code op}; {@code own}: text this client inserted at a caret
     * pushes it, others' text inserted there does not.
     *
     * @throws OtException if {@code sel} lies outside the document {@code op} applies to
     */
    S move(S sel, O op, boolean own);

    /**
     * {@code sel}, a selection in the result of {@code op}, mapped back to the document {@code op}
     * applies to (a caret inside text {@code op} inserted goes to its start): to tell the server a
     * selection while {@code op} is unconfirmed.
     */
    S back(S sel, O op);

    /** Whether {@code sel} lies inside {@code doc}. */
    boolean fits(S sel, Document<O> doc);

    /** The nearest selection to {@code sel} that lies inside {@code doc}. */
    S clamp(S sel, Document<O> doc);
}
