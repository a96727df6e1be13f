package dev.tandem.ot;

import com.fasterxml.jackson.databind.JsonNode;

/** Presence selections of the types whose documents are sequences (text, rich text): {@code [anchor, head]}. */
public final class Selections {
    private Selections() {
    }

    /**
     * {@code sel} as compact JSON if it is {@code [anchor, head]} with non-negative integer positions.
     *
     * @throws OtException {@link OtError#POSITION_OUT_OF_RANGE} if it is not
     */
    public static String range(JsonNode sel, String unit) {
        if (sel == null || !sel.isArray() || sel.size() != 2 || !isPosition(sel.get(0)) || !isPosition(sel.get(1))) {
            throw new OtException(OtError.POSITION_OUT_OF_RANGE,
                    "a selection is [anchor, head] with non-negative integers (" + unit + ")");
        }
        return "[" + sel.get(0).intValue() + "," + sel.get(1).intValue() + "]";
    }

    private static boolean isPosition(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt() && n.intValue() >= 0;
    }
}
