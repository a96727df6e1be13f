package dev.tandem.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.client.model.ClientType;
import dev.tandem.ot.Operation;
import dev.tandem.ot.text.Selection;

/**
 * The workloads' typing on one kind of sequence document ({@code text} or {@code rich-text}):
 * the operations a keystroke, a backspace and a format change make, and what a copy that keeps
 * only a length and a caret ({@link LiteReplica}) needs to follow the others' operations. Cheap
 * on purpose: the generator shares the machine with the server.
 *
 * @param <O> the document type's operation class
 */
interface Typing<O extends Operation> {

    static Typing<?> of(String docType) {
        return switch (docType) {
            case "text" -> TextTyping.INSTANCE;
            case "rich-text" -> RichTextTyping.INSTANCE;
            default -> throw new IllegalArgumentException("no typing model for " + docType + " documents");
        };
    }

    ClientType<O, Selection> clientType();

    default String name() {
        return clientType().name();
    }

    /** The REST {@code content} of a new document holding {@code text}, as JSON. */
    String content(String text);

    /** The highest position a caret may take in a document of {@code length} (rich text: before the final newline). */
    int maxCaret(int length);

    /** Inserts {@code s} at {@code at} in a document of {@code length}. */
    O insert(int length, int at, String s);

    /** Deletes {@code count} at {@code at}. */
    O delete(int length, int at, int count);

    /** Whether the type has formats ({@link #format}). */
    boolean formats();

    /** Sets ({@code on}) or removes {@code attribute} ({@code bold}, {@code italic}) on {@code count} at {@code at}. */
    O format(int length, int at, int count, String attribute, boolean on);

    /** The length of a document of {@code before} after {@code op}. */
    int lengthAfter(O op, int before);

    /** A caret moved through {@code op}: pushed by text {@code own} typing inserts at it, not by others'. */
    int moveCaret(int caret, O op, boolean own);

    /** The length of the document an {@code opened.snapshot} holds. */
    int length(JsonNode snapshot);

    /** The length of a document in its stored form (as {@link Rest.Content} holds it). */
    int storedLength(String stored);

    /** Whether a copy's stored form and the server's hold the same document. */
    boolean sameContent(String copy, String server);

    /** An operation from the wire, parsed once per event loop (see {@link SharedOps}). */
    O parse(JsonNode json);

    JsonNode wire(O op);
}
