package dev.tandem.client.model;

import dev.tandem.ot.canvas.CanvasOperation;
import dev.tandem.ot.richtext.Delta;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;

/** The {@link ClientType}s of the standard document types. */
public final class ClientTypes {
    /** Plain text: code points, selections {@code [anchor, head]}. */
    public static final ClientType<TextOperation, Selection> TEXT = TextClientType.INSTANCE;
    /** Rich text (Quill Delta): UTF-16 units, selections {@code [anchor, head]}. */
    public static final ClientType<Delta, Selection> RICH_TEXT = RichTextClientType.INSTANCE;
    /** A canvas: batches of changes, presence as a pointer with the selected objects. */
    public static final ClientType<CanvasOperation, CanvasPresence> CANVAS = CanvasClientType.INSTANCE;

    private ClientTypes() {
    }
}
