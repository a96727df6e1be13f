package dev.tandem.ot.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.Document;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
    /**
     * {@code {"pointer": [x, y], "selected": ["id", ...]}}: where the person's pointer is on the board
     * (finite numbers; absent or null when it is off the board) and which objects they have selected
     * (at most {@value #MAX_SELECTED} valid ids). Nothing else.
     */
    @Override
    public String checkSelection(JsonNode sel) {
        if (sel == null || !sel.isObject()) {
            throw new OtException(OtError.POSITION_OUT_OF_RANGE, "a canvas selection is {\"pointer\": [x, y], \"selected\": [ids]}");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var fields = sel.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (!f.equals("pointer") && !f.equals("selected")) {
                throw new OtException(OtError.POSITION_OUT_OF_RANGE, "a canvas selection has no field " + f);
            }
        }
        JsonNode p = sel.get("pointer");
        if (p != null && !p.isNull()) {
            if (!p.isArray() || p.size() != 2 || !finite(p.get(0)) || !finite(p.get(1))) {
                throw new OtException(OtError.POSITION_OUT_OF_RANGE, "pointer is [x, y] with finite numbers");
            }
            out.putArray("pointer").add(p.get(0).doubleValue()).add(p.get(1).doubleValue());
        }
        JsonNode s = sel.get("selected");
        if (s != null && !s.isNull()) {
            if (!s.isArray() || s.size() > MAX_SELECTED) {
                throw new OtException(OtError.POSITION_OUT_OF_RANGE, "selected is a list of at most " + MAX_SELECTED + " ids");
            }
            ArrayNode ids = out.putArray("selected");
            for (JsonNode id : s) {
                if (!id.isTextual() || !CanvasIds.isValid(id.textValue())) {
                    throw new OtException(OtError.INVALID_OBJECT_ID, "selected holds object ids only");
                }
                ids.add(id.textValue());
            }
        }
        return out.toString();
    }

    /** Most objects one person's presence may show selected. */
    public static final int MAX_SELECTED = 500;

    private static boolean finite(JsonNode n) {
        return n != null && n.isNumber() && Double.isFinite(n.doubleValue()) && Math.abs(n.doubleValue()) <= 1e9;
    }

    /**
     * The batch that turns board {@code from} into board {@code to}: new objects created (parents
     * first), kept objects moved and their differing properties set, then removed objects deleted
     * (the topmost of each removed subtree, after anything kept has moved out of it).
     */
    @Override
    public CanvasOperation diff(String from, String to) {
        CanvasDocument a = open(from);
        CanvasDocument b = open(to);
        List<Change> changes = new ArrayList<>();
        for (CanvasObject o : b.inTreeOrder()) {
            if (!a.contains(o.id())) {
                changes.add(new Change.Create(o.id(), o.kind(), o.parent(), o.index(), o.props()));
            }
        }
        for (CanvasObject o : b.inTreeOrder()) {
            CanvasObject old = a.get(o.id());
            if (old == null) {
                continue;
            }
            if (!Objects.equals(old.parent(), o.parent()) || !old.index().equals(o.index())) {
                changes.add(new Change.Move(o.id(), o.parent(), o.index()));
            }
            Set<String> names = new TreeSet<>(old.props().asMap().keySet());
            names.addAll(o.props().asMap().keySet());
            for (String name : names) {
                PropertyValue was = old.props().get(name);
                PropertyValue now = o.props().get(name);
                if (!Objects.equals(was, now)) {
                    changes.add(new Change.Set(o.id(), name, now));
                }
            }
        }
        for (CanvasObject o : a.inTreeOrder()) {
            if (!b.contains(o.id()) && (o.parent() == null || b.contains(o.parent()))) {
                changes.add(new Change.Delete(o.id()));
            }
        }
        return new CanvasOperation(changes);
    }

    /** A board snapshot ({@code {"objects": ...}} as stored), checked. */
    @Override
    public String contentFromJson(JsonNode content) {
        if (content == null || !content.isObject()) {
            throw new OtException(OtError.MALFORMED_SNAPSHOT, "canvas content is a board snapshot object");
        }
        return open(content.toString()).snapshot();
    }

    @Override
    public boolean acksCarryOperation() {
        return true;
    }
}
