package dev.tandem.client.model;

import java.util.List;

/**
 * Where a person is on a canvas: their pointer in board coordinates ({@code null} when it is off
 * the board) and the objects they have selected. The wire form is
 * {@code {"pointer": [x, y], "selected": ["r1"]}}; objects are named by id, so edits never move it.
 */
public record CanvasPresence(Pointer pointer, List<String> selected) {

    public CanvasPresence {
        selected = selected == null ? List.of() : List.copyOf(selected);
    }

    /** Only a pointer, nothing selected. */
    public static CanvasPresence pointer(double x, double y) {
        return new CanvasPresence(new Pointer(x, y), List.of());
    }

    /** A pointer position on the board. */
    public record Pointer(double x, double y) {
        public Pointer {
            if (!Double.isFinite(x) || !Double.isFinite(y) || Math.abs(x) > 1e9 || Math.abs(y) > 1e9) {
                throw new IllegalArgumentException("a pointer is two finite numbers within 1e9: " + x + ", " + y);
            }
        }
    }
}
