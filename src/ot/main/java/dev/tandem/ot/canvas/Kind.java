package dev.tandem.ot.canvas;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;

/** What a canvas object is; fixed when it is created. Only a {@link #FRAME} has children. */
public enum Kind {
    RECTANGLE("rectangle"),
    ELLIPSE("ellipse"),
    LINE("line"),
    ARROW("arrow"),
    TEXT("text"),
    STICKY("sticky"),
    FRAME("frame");

    private final String wireName;

    Kind(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire: {@code rectangle}, {@code sticky}... */
    public String wireName() {
        return wireName;
    }

    /** Whether objects may be placed inside an object of this kind. */
    public boolean isContainer() {
        return this == FRAME;
    }

    /**
     * The kind called {@code name} on the wire.
     *
     * @throws OtException {@link OtError#UNKNOWN_KIND}
     */
    public static Kind fromWire(String name) {
        for (Kind k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        throw new OtException(OtError.UNKNOWN_KIND, "unknown object kind \"" + CanvasIds.printable(name)
                + "\"; known: rectangle, ellipse, line, arrow, text, sticky, frame");
    }
}
