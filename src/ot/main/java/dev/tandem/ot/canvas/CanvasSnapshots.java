package dev.tandem.ot.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the snapshot form, {@code {"objects":[{"id":..,"kind":..,"parent":..,"index":..,"props":{..}}]}}. */
final class CanvasSnapshots {
    // Stored documents are read under no size limit: one saved under larger limits still opens.
    private static final CanvasLimits UNLIMITED = new CanvasLimits(Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE / 2,
            Integer.MAX_VALUE);

    private CanvasSnapshots() {
    }

    static List<CanvasObject> read(String json) {
        JsonNode root = CanvasJson.tree(json, OtError.MALFORMED_SNAPSHOT);
        if (root == null || !root.isObject() || root.size() != 1 || !root.has("objects") || !root.get("objects").isArray()) {
            throw malformed("a canvas snapshot is {\"objects\":[...]}");
        }
        List<CanvasObject> out = new ArrayList<>();
        for (JsonNode o : root.get("objects")) {
            if (!o.isObject()) {
                throw malformed("an object of the snapshot is not a JSON object");
            }
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!List.of("id", "kind", "parent", "index", "props").contains(k)) {
                    throw malformed("unknown key \"" + CanvasIds.printable(k) + "\" in a snapshot object");
                }
            }
            String id = text(o, "id");
            String kind = text(o, "kind");
            JsonNode parent = o.get("parent");
            if (parent == null || !(parent.isNull() || parent.isTextual())) {
                throw malformed("object " + CanvasIds.printable(id) + " needs \"parent\": an id or null");
            }
            Map<String, PropertyValue> props = new LinkedHashMap<>();
            JsonNode p = o.get("props");
            if (p != null) {
                if (!p.isObject()) {
                    throw malformed("object " + CanvasIds.printable(id) + ": props must be an object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    props.put(e.getKey(), CanvasJson.value(e.getKey(), e.getValue(), UNLIMITED));
                }
            }
            // The create change checks id, parent, index and every value.
            Change.Create c = new Change.Create(id, Kind.fromWire(kind), parent.isNull() ? null : parent.textValue(),
                    text(o, "index"), Properties.of(props));
            out.add(new CanvasObject(c.id(), c.kind(), c.parent(), c.index(), c.props()));
        }
        return out;
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual()) {
            throw malformed("a snapshot object needs \"" + key + "\": a string");
        }
        return v.textValue();
    }

    private static OtException malformed(String message) {
        return new OtException(OtError.MALFORMED_SNAPSHOT, message);
    }
}
