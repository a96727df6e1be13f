package dev.tandem.ot.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.Document;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;

/**
 * The canvas: a Figma-style board of objects with client-made ids, last-writer-wins properties in
 * the server's order, siblings ordered by fractional index, reparenting that never makes a cycle,
 * and text properties merged with the text type. See docs/CANVAS.md.
 */
public final class CanvasType implements DocumentType<CanvasOperation> {
    public static final String NAME = "canvas";
    /** The canvas type under {@link CanvasLimits#DEFAULTS}. */
    public static final CanvasType INSTANCE = new CanvasType(CanvasLimits.DEFAULTS);

    private static final String EMPTY = "{\"objects\":[]}";

    private final CanvasLimits limits;

    public CanvasType(CanvasLimits limits) {
        this.limits = limits;
    }

    public CanvasLimits limits() {
        return limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<CanvasOperation> operationClass() {
        return CanvasOperation.class;
    }

    @Override
    public String emptySnapshot() {
        return EMPTY;
    }

    @Override
    public CanvasDocument open(String snapshot) {
        return CanvasDocument.fromSnapshot(snapshot, limits);
    }

    @Override
    public CanvasOperation parse(JsonNode json) {
        return CanvasJson.readOperation(json, limits);
    }

    @Override
    public CanvasOperation parse(String json) {
        return CanvasJson.parse(json, limits);
    }

    /**
     * Text edits of {@code op} transformed past {@code other}'s edits of the same property (ties:
     * {@link Side#LEFT} puts {@code op}'s insert first), or dropped past a set of that property
     * or a create or delete of its object; every other change is unchanged.
     *
     * @throws OtException {@link OtError#TRANSFORM_MISMATCH} if edits of one property do not
     *     start from the same text
     */
    @Override
    public CanvasOperation transform(CanvasOperation op, CanvasOperation other, Side side) {
        return CanvasTransform.transform(op, other, side);
    }

    /**
     * The two batches as one: applying is sequential, so that is their concatenation. (Applying
     * it differs from applying the two in turn only where {@code first} creates an id that
     * exists: then {@code second}'s changes to that id are dropped too.)
     */
    @Override
    public CanvasOperation compose(CanvasOperation first, CanvasOperation second) {
        return first.then(second);
    }

    @Override
    public boolean isNoop(CanvasOperation op) {
        for (Change c : op.changes()) {
            if (!(c instanceof Change.Edit e && e.op().isNoop())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean invertible() {
        return true;
    }

    /**
     * The operation that takes {@code before} back from where {@code op} leaves it: deletes what
     * {@code op} created, recreates (with the same ids) what it deleted, and restores values,
     * texts and places. Changes that applying {@code op} to {@code before} drops have no inverse.
     */
    @Override
    public CanvasOperation invert(CanvasOperation op, Document<CanvasOperation> before) {
        if (!(before instanceof CanvasDocument canvas)) {
            throw new OtException(OtError.MALFORMED_OPERATION, "not a canvas document: " + before);
        }
        return canvas.inverse(op);
    }

    /** Applying may drop changes the author cannot foresee, so the author is sent the committed operation. */
    @Override
    public boolean acksCarryOperation() {
        return true;
    }
}
