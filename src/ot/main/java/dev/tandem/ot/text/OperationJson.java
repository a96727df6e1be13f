package dev.tandem.ot.text;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

/**
 * The compact JSON wire form of an operation, shared with ot.js and Tandem's browser client:
 * {@code [5, "abc", -3]} is retain 5, insert "abc", delete 3.
 */
public final class OperationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(module());

    private OperationJson() {
    }

    /** A Jackson module that reads and writes {@link TextOperation} in the wire form. */
    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("tandem-ot");
        m.addSerializer(TextOperation.class, new Serializer());
        m.addDeserializer(TextOperation.class, new Deserializer());
        return m;
    }

    /** Writes {@code op} as compact JSON. */
    public static String write(TextOperation op) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
            writeTo(op, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** {@code text} as a JSON string literal. */
    public static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses the wire form.
     *
     * @throws OtException with a precise code for anything that is not a valid operation
     */
    public static TextOperation parse(String json) {
        if (json == null) {
            throw new OtException(OtError.MALFORMED_OPERATION, "operation is null");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new OtException(OtError.MALFORMED_OPERATION, "operation is not JSON: " + e.getOriginalMessage());
        }
        return fromTree(node);
    }

    /** Reads an operation from a parsed Jackson tree. */
    public static TextOperation fromTree(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new OtException(OtError.MALFORMED_OPERATION, "operation must be a JSON array");
        }
        TextOperation.Builder b = TextOperation.builder();
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            if (c.isTextual()) {
                insertComponent(b, c.textValue(), i);
            } else if (c.isIntegralNumber() && c.canConvertToInt()) {
                countComponent(b, c.intValue(), i);
            } else if (c.isIntegralNumber()) {
                throw new OtException(OtError.TOO_LONG, "component " + i + " is larger than 2^31-1");
            } else {
                throw new OtException(OtError.UNKNOWN_COMPONENT, "component " + i + " is " + c.getNodeType()
                        + ", expected an integer or a string");
            }
        }
        return b.build();
    }

    /**
     * Reads an operation from already-decoded JSON values (as produced by Vert.x's
     * {@code JsonArray.getList()} or any JSON library): integers and strings.
     */
    public static TextOperation fromList(List<?> components) {
        if (components == null) {
            throw new OtException(OtError.MALFORMED_OPERATION, "operation is null");
        }
        TextOperation.Builder b = TextOperation.builder();
        for (int i = 0; i < components.size(); i++) {
            Object c = components.get(i);
            if (c instanceof String s) {
                insertComponent(b, s, i);
            } else if (c instanceof Integer || c instanceof Long || c instanceof Short || c instanceof Byte
                    || c instanceof BigInteger) {
                long v = ((Number) c).longValue();
                if (c instanceof BigInteger big && big.bitLength() > 63 || v > Integer.MAX_VALUE || v < -Integer.MAX_VALUE) {
                    throw new OtException(OtError.TOO_LONG, "component " + i + " is larger than 2^31-1");
                }
                countComponent(b, (int) v, i);
            } else {
                throw new OtException(OtError.UNKNOWN_COMPONENT, "component " + i + " is "
                        + (c == null ? "null" : c.getClass().getSimpleName()) + ", expected an integer or a string");
            }
        }
        return b.build();
    }

    private static void insertComponent(TextOperation.Builder b, String s, int i) {
        if (s.isEmpty()) {
            throw new OtException(OtError.NON_POSITIVE_LENGTH, "component " + i + " inserts empty text");
        }
        b.insert(s);
    }

    private static void countComponent(TextOperation.Builder b, int v, int i) {
        if (v == 0) {
            throw new OtException(OtError.NON_POSITIVE_LENGTH, "component " + i + " has length 0");
        } else if (v > 0) {
            b.retain(v);
        } else if (v == Integer.MIN_VALUE) {
            throw new OtException(OtError.TOO_LONG, "component " + i + " is larger than 2^31-1");
        } else {
            b.delete(-v);
        }
    }

    /** The wire form as a Jackson tree. */
    public static com.fasterxml.jackson.databind.node.ArrayNode toTree(TextOperation op) {
        com.fasterxml.jackson.databind.node.ArrayNode a = MAPPER.getNodeFactory().arrayNode(op.size());
        for (int i = 0; i < op.size(); i++) {
            Component c = op.component(i);
            if (c instanceof Component.Retain r) {
                a.add(r.count());
            } else if (c instanceof Component.Insert ins) {
                a.add(ins.text());
            } else {
                a.add(-c.length());
            }
        }
        return a;
    }

    private static void writeTo(TextOperation op, JsonGenerator g) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < op.size(); i++) {
            Component c = op.component(i);
            if (c instanceof Component.Retain r) {
                g.writeNumber(r.count());
            } else if (c instanceof Component.Insert ins) {
                g.writeString(ins.text());
            } else {
                g.writeNumber(-c.length());
            }
        }
        g.writeEndArray();
    }

    private static final class Serializer extends StdSerializer<TextOperation> {
        Serializer() {
            super(TextOperation.class);
        }

        @Override
        public void serialize(TextOperation op, JsonGenerator g, SerializerProvider p) throws IOException {
            writeTo(op, g);
        }
    }

    private static final class Deserializer extends StdDeserializer<TextOperation> {
        Deserializer() {
            super(TextOperation.class);
        }

        @Override
        public TextOperation deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new OtException(OtError.MALFORMED_OPERATION, "operation must be a JSON array");
            }
            return fromTree(p.readValueAsTree());
        }
    }
}
