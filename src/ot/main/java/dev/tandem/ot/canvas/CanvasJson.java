package dev.tandem.ot.canvas;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.text.TextOperation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms of the canvas type (docs/CANVAS.md): an operation is
 * {@code {"changes":[{"create":"r1","kind":"rectangle","parent":null,"index":"a0","props":{"x":10}},
 * {"set":"r1","prop":"fill","value":"#ff0000"}, {"edit":"s1","prop":"text","op":[3,"hi"]},
 * {"move":"r1","parent":"f1","index":"a1"}, {"delete":"r2"}]}}; a snapshot is
 * {@code {"objects":[{"id":"r1","kind":"rectangle","parent":null,"index":"a0","props":{...}}, ...]}}
 * with parents before their children.
 *
 * <p>Reading checks every id, kind, index and value and the limits that do not depend on the
 * document, each with its own code; unknown keys are refused rather than ignored, so a typo
 * never silently does nothing.
 */
public final class CanvasJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_991d;

    private CanvasJson() {
    }

    /** Reads an operation from JSON text. */
    public static CanvasOperation parse(String json, CanvasLimits limits) {
        return readOperation(tree(json, OtError.MALFORMED_OPERATION), limits);
    }

    /**
     * Reads an operation from a parsed tree.
     *
     * @throws OtException with the code of the first thing that is wrong
     */
    public static CanvasOperation readOperation(JsonNode node, CanvasLimits limits) {
        if (node == null || !node.isObject()) {
            throw malformed("a canvas operation must be a JSON object {\"changes\":[...]}");
        }
        onlyKeys(node, "operation", "changes");
        JsonNode changes = node.get("changes");
        if (changes == null || !changes.isArray()) {
            throw malformed("a canvas operation needs \"changes\": an array");
        }
        if (changes.size() > limits.maxChanges()) {
            throw new OtException(OtError.BATCH_TOO_LARGE, "an operation has " + changes.size()
                    + " changes; the limit is " + limits.maxChanges());
        }
        List<Change> out = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            out.add(readChange(changes.get(i), i, limits));
        }
        return new CanvasOperation(out);
    }

    private static Change readChange(JsonNode c, int i, CanvasLimits limits) {
        if (c == null || !c.isObject()) {
            throw malformed("change " + i + " is not a JSON object");
        }
        String verb = null;
        for (String v : new String[] {"create", "delete", "set", "move", "edit"}) {
            if (c.has(v)) {
                if (verb != null) {
                    throw malformed("change " + i + " is both a " + verb + " and a " + v);
                }
                verb = v;
            }
        }
        if (verb == null) {
            throw malformed("change " + i + " has none of create, delete, set, move, edit");
        }
        String what = "change " + i + " (" + verb + ")";
        String id = id(c.get(verb), what);
        switch (verb) {
            case "create" -> {
                onlyKeys(c, what, "create", "kind", "parent", "index", "props");
                JsonNode kind = c.get("kind");
                if (kind == null || !kind.isTextual()) {
                    throw new OtException(OtError.UNKNOWN_KIND, what + " needs \"kind\": a string");
                }
                Properties props = c.has("props") ? props(c.get("props"), what, limits) : Properties.EMPTY;
                return new Change.Create(id, Kind.fromWire(kind.textValue()), parent(c, what),
                        index(c.get("index"), what, limits), props);
            }
            case "delete" -> {
                onlyKeys(c, what, "delete");
                return new Change.Delete(id);
            }
            case "set" -> {
                onlyKeys(c, what, "set", "prop", "value");
                String prop = prop(c.get("prop"), what);
                if (!c.has("value")) {
                    throw malformed(what + " needs \"value\" (null to unset)");
                }
                JsonNode value = c.get("value");
                return new Change.Set(id, prop, value.isNull() ? null : value(prop, value, limits));
            }
            case "move" -> {
                onlyKeys(c, what, "move", "parent", "index");
                return new Change.Move(id, parent(c, what), index(c.get("index"), what, limits));
            }
            default -> {
                onlyKeys(c, what, "edit", "prop", "op");
                String prop = prop(c.get("prop"), what);
                CanvasSchema.checkEditable(prop);
                TextOperation op = OperationJson.fromTree(c.get("op"));
                return new Change.Edit(id, prop, op);
            }
        }
    }

    /**
     * Reads property {@code name}'s value: checked against the schema and against the length limits.
     */
    public static PropertyValue value(String name, JsonNode v, CanvasLimits limits) {
        CanvasSchema.typeOf(name);
        PropertyValue value;
        if (v.isNumber()) {
            value = new PropertyValue.NumberValue(finite(name, v.doubleValue()));
        } else if (v.isTextual()) {
            value = new PropertyValue.StringValue(v.textValue());
        } else if (v.isBoolean()) {
            value = new PropertyValue.BooleanValue(v.booleanValue());
        } else if (v.isArray()) {
            if (v.size() > 2L * limits.maxPoints()) {
                throw new OtException(OtError.PROPERTY_TOO_LONG, "property \"" + name + "\" has " + v.size()
                        + " coordinates; the limit is " + limits.maxPoints() + " points");
            }
            double[] xs = new double[v.size()];
            for (int i = 0; i < xs.length; i++) {
                JsonNode x = v.get(i);
                if (!x.isNumber()) {
                    throw new OtException(OtError.INVALID_PROPERTY_VALUE, "property \"" + name + "\": coordinate "
                            + i + " is not a number");
                }
                xs[i] = finite(name, x.doubleValue());
            }
            value = new PropertyValue.PointsValue(xs);
        } else {
            throw new OtException(OtError.INVALID_PROPERTY_VALUE, "property \"" + name
                    + "\" must be a number, a string, a boolean or an array of numbers, got " + v.getNodeType());
        }
        CanvasSchema.check(name, value);
        CanvasSchema.checkSize(name, value, limits);
        return value;
    }

    private static double finite(String name, double d) {
        if (!Double.isFinite(d)) {
            throw new OtException(OtError.INVALID_PROPERTY_VALUE, "property \"" + name + "\" must be a finite number, got " + d);
        }
        return d;
    }

    private static Properties props(JsonNode node, String what, CanvasLimits limits) {
        if (!node.isObject()) {
            throw malformed(what + ": \"props\" must be a JSON object");
        }
        if (node.size() > limits.maxProperties()) {
            throw new OtException(OtError.TOO_MANY_PROPERTIES, what + " has " + node.size()
                    + " properties; the limit is " + limits.maxProperties());
        }
        Map<String, PropertyValue> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                throw new OtException(OtError.INVALID_PROPERTY_VALUE, what + ": property \"" + CanvasIds.printable(e.getKey())
                        + "\" is null; leave it out instead");
            }
            map.put(e.getKey(), value(e.getKey(), e.getValue(), limits));
        }
        return Properties.of(map);
    }

    private static String id(JsonNode node, String what) {
        if (node == null || !node.isTextual()) {
            throw new OtException(OtError.INVALID_OBJECT_ID, what + ": the object id must be a string");
        }
        return CanvasIds.check(node.textValue());
    }

    private static String parent(JsonNode c, String what) {
        if (!c.has("parent")) {
            throw malformed(what + " needs \"parent\": an object id, or null for the root");
        }
        JsonNode p = c.get("parent");
        return p.isNull() ? null : id(p, what + " parent");
    }

    private static String prop(JsonNode node, String what) {
        if (node == null || !node.isTextual()) {
            throw new OtException(OtError.UNKNOWN_PROPERTY, what + " needs \"prop\": a property name");
        }
        CanvasSchema.typeOf(node.textValue());
        return node.textValue();
    }

    private static String index(JsonNode node, String what, CanvasLimits limits) {
        if (node == null || !node.isTextual()) {
            throw new OtException(OtError.INVALID_INDEX, what + " needs \"index\": a fractional index string");
        }
        String s = node.textValue();
        if (s.length() > limits.maxIndexLength()) {
            throw new OtException(OtError.INVALID_INDEX, what + ": an index of " + s.length()
                    + " characters; the limit is " + limits.maxIndexLength());
        }
        FractionalIndex.validate(s);
        return s;
    }

    private static void onlyKeys(JsonNode node, String what, String... allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            boolean ok = false;
            for (String a : allowed) {
                ok |= a.equals(k);
            }
            if (!ok) {
                throw malformed(what + " has an unknown key \"" + CanvasIds.printable(k) + "\"; allowed: " + String.join(", ", allowed));
            }
        }
    }

    static JsonNode tree(String json, OtError code) {
        if (json == null) {
            throw new OtException(code, "no JSON");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new OtException(code, "not JSON: " + e.getOriginalMessage());
        }
    }

    private static OtException malformed(String message) {
        return new OtException(OtError.MALFORMED_OPERATION, message);
    }

    // ---- writing ----

    /** The wire form of {@code op}. */
    public static String write(CanvasOperation op) {
        return generate(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("changes");
            for (Change c : op.changes()) {
                writeChange(c, g);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** The snapshot form of {@code objects}, which must come parents first. */
    public static String writeSnapshot(Iterable<CanvasObject> objects) {
        return generate(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("objects");
            for (CanvasObject o : objects) {
                g.writeStartObject();
                g.writeStringField("id", o.id());
                g.writeStringField("kind", o.kind().wireName());
                writeParent(o.parent(), g);
                g.writeStringField("index", o.index());
                writeProps(o.props(), g);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeChange(Change c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (c instanceof Change.Create cr) {
            g.writeStringField("create", cr.id());
            g.writeStringField("kind", cr.kind().wireName());
            writeParent(cr.parent(), g);
            g.writeStringField("index", cr.index());
            if (cr.props().size() > 0) {
                writeProps(cr.props(), g);
            }
        } else if (c instanceof Change.Delete d) {
            g.writeStringField("delete", d.id());
        } else if (c instanceof Change.Set s) {
            g.writeStringField("set", s.id());
            g.writeStringField("prop", s.prop());
            g.writeFieldName("value");
            writeValue(s.value(), g);
        } else if (c instanceof Change.Move m) {
            g.writeStringField("move", m.id());
            writeParent(m.parent(), g);
            g.writeStringField("index", m.index());
        } else {
            Change.Edit e = (Change.Edit) c;
            g.writeStringField("edit", e.id());
            g.writeStringField("prop", e.prop());
            g.writeFieldName("op");
            g.writeRawValue(OperationJson.write(e.op()));
        }
        g.writeEndObject();
    }

    private static void writeParent(String parent, JsonGenerator g) throws IOException {
        if (parent == null) {
            g.writeNullField("parent");
        } else {
            g.writeStringField("parent", parent);
        }
    }

    private static void writeProps(Properties props, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("props");
        for (Map.Entry<String, PropertyValue> e : props.asMap().entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(e.getValue(), g);
        }
        g.writeEndObject();
    }

    static void writeValue(PropertyValue v, JsonGenerator g) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof PropertyValue.NumberValue n) {
            writeNumber(n.value(), g);
        } else if (v instanceof PropertyValue.StringValue s) {
            g.writeString(s.value());
        } else if (v instanceof PropertyValue.BooleanValue b) {
            g.writeBoolean(b.value());
        } else {
            PropertyValue.PointsValue p = (PropertyValue.PointsValue) v;
            g.writeStartArray();
            for (int i = 0; i < p.size(); i++) {
                writeNumber(p.get(i), g);
            }
            g.writeEndArray();
        }
    }

    // Whole numbers are written as JavaScript writes them (10, not 10.0).
    private static void writeNumber(double d, JsonGenerator g) throws IOException {
        if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_INTEGER) {
            g.writeNumber((long) d);
        } else {
            g.writeNumber(d);
        }
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static String generate(Writer w) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
