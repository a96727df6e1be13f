package dev.tandem.client;

import dev.tandem.client.model.ClientTypes;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.ot.richtext.Attributes;
import dev.tandem.ot.richtext.Delta;
import dev.tandem.ot.richtext.RichTextDocument;
import dev.tandem.ot.text.Selection;

/**
 * A rich-text document of a {@link TandemClient}, edited with Quill Deltas: the local content
 * changes at once when edited here and as others' edits arrive. Positions and lengths are UTF-16
 * units, as Quill counts them; the document always ends with a newline, as Quill's do.
 * Thread-safe, as every {@link TandemDocument}.
 *
 * <pre>{@code
 * RichTextClientDocument doc = client.openRichText("notes", true).await();
 * doc.insert(0, "Hello");
 * doc.format(0, 5, Attributes.builder().put("bold", true).build());
 * }</pre>
 */
public final class RichTextClientDocument extends TandemDocument<Delta, Selection> {

    RichTextClientDocument(TandemClient client, String id, boolean create, long lastSeq) {
        super(client, ClientTypes.RICH_TEXT, id, create, lastSeq);
    }

    /** The local content as a document delta (inserts only). O(n). */
    public Delta content() {
        return read(() -> doc().toDelta());
    }

    /** The local content's plain text, embeds left out (Quill's {@code getText}). O(n). */
    public String text() {
        return read(() -> doc().plainText());
    }

    /** Length of the local content in UTF-16 units, the final newline included. */
    public int length() {
        return read(() -> doc().length());
    }

    /**
     * Applies {@code change} to the local content now and sends it to the server.
     *
     * @throws dev.tandem.ot.OtException if it does not fit the current content (nothing changes)
     */
    @Override
    public Delta edit(Delta change) {
        return super.edit(change);
    }

    /**
     * Applies the change {@code make} builds from the content as it is at that moment (under the
     * document's lock, so no remote edit lands between reading and editing), and sends it.
     */
    public Delta edit(java.util.function.Function<RichTextDocument, Delta> make) {
        return editFrom(m -> make.apply((RichTextDocument) m.document()));
    }

    /** Inserts plain {@code text} at {@code index}. */
    public void insert(int index, String text) {
        insert(index, text, Attributes.NONE);
    }

    /** Inserts {@code text} with {@code attributes} at {@code index}. */
    public void insert(int index, String text, Attributes attributes) {
        edit(Delta.builder().retain(index).insert(text, attributes).build());
    }

    /** Deletes {@code count} units at {@code index}. */
    public void delete(int index, int count) {
        edit(Delta.builder().retain(index).delete(count).build());
    }

    /** Formats {@code count} units at {@code index}; a null attribute value removes it. */
    public void format(int index, int count, Attributes attributes) {
        edit(Delta.builder().retain(index).retain(count, attributes).build());
    }

    /** Inserts plain {@code text} before the final newline, whatever the end is by the time it runs. */
    public void append(String text) {
        editFrom(m -> Delta.builder().retain(Math.max(0, m.length() - 1)).insert(text).build());
    }

    /**
     * Sets this client's selection in UTF-16 units ({@code anchor == head}: a caret) and tells the
     * others, at most {@link TandemClientOptions#getPresencePerSecond()} times a second.
     */
    public void setSelection(int anchor, int head, boolean typing) {
        updateSelection(new Selection(anchor, head), typing);
    }

    @Override
    public RichTextClientDocument addListener(DocumentListener<Delta, Selection> listener) {
        super.addListener(listener);
        return this;
    }

    private RichTextDocument doc() {
        return (RichTextDocument) model.document();
    }
}
