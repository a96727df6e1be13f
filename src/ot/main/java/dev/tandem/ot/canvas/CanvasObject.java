package dev.tandem.ot.canvas;

/**
 * One object on a canvas as a document holds it. Immutable: a change makes a new one.
 *
 * @param id the id its creator made
 * @param kind what it is
 * @param parent the frame it sits in, or null for the canvas root
 * @param index its fractional index among its siblings; siblings are ordered by (index, id)
 * @param props its properties
 */
public record CanvasObject(String id, Kind kind, String parent, String index, Properties props) {

    CanvasObject withProps(Properties p) {
        return new CanvasObject(id, kind, parent, index, p);
    }

    CanvasObject movedTo(String newParent, String newIndex) {
        return new CanvasObject(id, kind, newParent, newIndex, props);
    }
}
