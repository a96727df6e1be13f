package dev.tandem.ot.types;

import dev.tandem.ot.DocumentTypes;
import dev.tandem.ot.canvas.CanvasType;
import dev.tandem.ot.richtext.RichTextType;
import dev.tandem.ot.text.TextType;

/** The document types Tandem ships, with their default limits. */
public final class StandardTypes {
    private StandardTypes() {
    }

    /** A registry of every standard type. */
    public static DocumentTypes registry() {
        return DocumentTypes.of(TextType.INSTANCE, RichTextType.INSTANCE, CanvasType.INSTANCE);
    }
}
