package dev.tandem.ot.canvas;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;

/**
 * Object ids, made by clients without asking the server (as Figma's and tldraw's are): 1-64
 * characters of {@code [A-Za-z0-9_-]}, enough for a nanoid or a UUID, and safe to print.
 */
public final class CanvasIds {
    /** The longest id. */
    public static final int MAX_LENGTH = 64;

    private CanvasIds() {
    }

    /** Whether {@code id} has the shape of an object id. */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns {@code id} if it has the shape of an object id.
     *
     * @throws OtException {@link OtError#INVALID_OBJECT_ID}
     */
    public static String check(String id) {
        if (!isValid(id)) {
            throw new OtException(OtError.INVALID_OBJECT_ID, "object id \"" + printable(id)
                    + "\" is not 1-" + MAX_LENGTH + " characters of A-Z, a-z, 0-9, _ and -");
        }
        return id;
    }

    /** A short, quoted-safe rendering of client input for error messages. */
    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 40; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return s.length() > 40 ? out + "..." : out.toString();
    }
}
