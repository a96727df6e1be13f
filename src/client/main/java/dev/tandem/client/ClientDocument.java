package dev.tandem.client;

import dev.tandem.client.model.ClientTypes;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;

/**
 * A plain-text document of a {@link TandemClient}: the local text, which changes at once when
 * edited here and as others' edits arrive, and the other participants' carets. Positions and
 * lengths are Unicode code points. Thread-safe, as every {@link TandemDocument}.
 */
public final class ClientDocument extends TandemDocument<TextOperation, Selection> {

    ClientDocument(TandemClient client, String id, boolean create, long lastSeq) {
        super(client, ClientTypes.TEXT, id, create, lastSeq);
    }

    /** The local text: the server's latest revision known here plus unconfirmed local edits. O(n). */
    public String text() {
        return snapshot();
    }

    /** Length of the local text in code points. */
    public int length() {
        return read(model::length);
    }

    /**
     * Applies {@code op} to the local text now and sends it to the server.
     *
     * @throws dev.tandem.ot.OtException if it does not fit the current text (nothing changes)
     */
    @Override
    public TextOperation edit(TextOperation op) {
        return super.edit(op);
    }

    /** Inserts {@code text} at code point {@code position}. */
    public void insert(int position, String text) {
        replace(position, 0, text);
    }

    /** Deletes {@code count} code points at {@code position}. */
    public void delete(int position, int count) {
        replace(position, count, "");
    }

    /** Replaces {@code count} code points at {@code position} by {@code text}. */
    public void replace(int position, int count, String text) {
        editFrom(m -> TextOperation.splice(m.length(), position, count, text));
    }

    /** Appends {@code text} at the end, whatever the end is by the time it runs. */
    public void append(String text) {
        editFrom(m -> TextOperation.splice(m.length(), m.length(), 0, text));
    }

    /**
     * Sets this client's selection ({@code anchor == head}: a caret) in code points and tells the
     * others, at most {@link TandemClientOptions#getPresencePerSecond()} times a second, coalescing
     * faster changes. {@code typing} turns itself off after {@link TandemClientOptions#getTypingIdleMs()}.
     */
    public void setSelection(int anchor, int head, boolean typing) {
        updateSelection(new Selection(anchor, head), typing);
    }

    @Override
    public ClientDocument addListener(dev.tandem.client.model.DocumentListener<TextOperation, Selection> listener) {
        super.addListener(listener);
        return this;
    }
}
