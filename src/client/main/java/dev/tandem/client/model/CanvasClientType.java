package dev.tandem.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.ot.Document;
import dev.tandem.ot.canvas.CanvasOperation;
import dev.tandem.ot.canvas.CanvasType;
import dev.tandem.protocol.MalformedFrameException;
import java.util.ArrayList;
import java.util.List;

/**
 * The canvas for the client: snapshots are boards ({@code {"objects": [...]}}), the copy is a
 * {@link CanvasCopy}, and presence is a pointer with the selected objects, which edits never move.
 */
final class CanvasClientType implements ClientType<CanvasOperation, CanvasPresence> {
    static final CanvasClientType INSTANCE = new CanvasClientType();

    private CanvasClientType() {
    }

    @Override
    public CanvasType documentType() {
        return CanvasType.INSTANCE;
    }

    @Override
    public String storedSnapshot(JsonNode wire) {
        if (wire == null || !wire.isObject()) {
            throw new MalformedFrameException("a canvas snapshot is a board object, got " + wire);
        }
        return wire.toString();
    }

    @Override
    public LocalCopy<CanvasOperation> copy(String snapshot, long rev) {
        return new CanvasCopy(CanvasType.INSTANCE, snapshot, rev);
    }

    @Override
    public JsonNode wire(CanvasOperation op) {
        return Trees.of(op.toJson());
    }

    @Override
    public CanvasPresence readSelection(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (!json.isObject()) {
            throw new MalformedFrameException("a canvas presence is {\"pointer\": [x, y], \"selected\": [ids]}, got " + json);
        }
        try {
            JsonNode p = json.get("pointer");
            CanvasPresence.Pointer pointer = null;
            if (p != null && !p.isNull()) {
                if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    throw new MalformedFrameException("pointer is [x, y], got " + p);
                }
                pointer = new CanvasPresence.Pointer(p.get(0).doubleValue(), p.get(1).doubleValue());
            }
            List<String> selected = new ArrayList<>();
            JsonNode s = json.get("selected");
            if (s != null && s.isArray()) {
                for (JsonNode id : s) {
                    if (id.isTextual()) {
                        selected.add(id.textValue());
                    }
                }
            }
            return new CanvasPresence(pointer, selected);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException(e.getMessage());
        }
    }

    @Override
    public JsonNode writeSelection(CanvasPresence sel) {
        if (sel == null) {
            return null;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (sel.pointer() != null) {
            o.putArray("pointer").add(sel.pointer().x()).add(sel.pointer().y());
        }
        ArrayNode ids = o.putArray("selected");
        sel.selected().forEach(ids::add);
        return o;
    }

    @Override
    public boolean selectionsMove() {
        return false;
    }

    @Override
    public CanvasPresence move(CanvasPresence sel, CanvasOperation op, boolean own) {
        return sel;
    }

    @Override
    public CanvasPresence back(CanvasPresence sel, CanvasOperation op) {
        return sel;
    }

    @Override
    public boolean fits(CanvasPresence sel, Document<CanvasOperation> doc) {
        return sel.selected().size() <= CanvasType.MAX_SELECTED;
    }

    @Override
    public CanvasPresence clamp(CanvasPresence sel, Document<CanvasOperation> doc) {
        return sel;
    }
}
