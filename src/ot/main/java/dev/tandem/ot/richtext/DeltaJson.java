package dev.tandem.ot.richtext;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * Quill's JSON form of a delta, {@code {"ops":[{"insert":"Hi","attributes":{"bold":true}},
 * {"retain":3},{"delete":2}]}}, read with every check the type makes on its own (shape,
 * allow-lists, lone surrogates, {@link RichTextLimits}) and put into normal form.
 *
 * <p>Two readings differ from quill-delta, which trusts its input: an insert's {@code null}
 * attributes are dropped (an insert has nothing to remove), and retains of an embed
 * ({@code {"retain":{...}}}, quill-delta's embed handlers) are refused, as no embed here has parts.
 */
public final class DeltaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private DeltaJson() {
    }

    /** Parses JSON text. */
    public static Delta parse(String json, RichTextLimits limits) {
        if (json == null) {
            throw new OtException(OtError.MALFORMED_OPERATION, "delta is null");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new OtException(OtError.MALFORMED_OPERATION, "delta is not JSON: " + e.getOriginalMessage());
        }
        return read(node, limits);
    }

    /** Reads a parsed tree. */
    public static Delta read(JsonNode node, RichTextLimits limits) {
        if (node == null || !node.isObject()) {
            throw new OtException(OtError.MALFORMED_OPERATION, "a delta is a JSON object {\"ops\":[...]}");
        }
        JsonNode ops = node.get("ops");
        if (ops == null || !ops.isArray() || node.size() != 1) {
            throw new OtException(OtError.MALFORMED_OPERATION, "a delta is a JSON object with one field, the array \"ops\"");
        }
        if (ops.size() > limits.maxOps()) {
            throw new OtException(OtError.OPERATION_TOO_LARGE, "delta has " + ops.size() + " parts, at most "
                    + limits.maxOps() + " allowed");
        }
        DeltaBuilder builder = new DeltaBuilder(ops.size());
        long inserted = 0;
        long extent = 0;
        for (int i = 0; i < ops.size(); i++) {
            DeltaOp op = readOp(ops.get(i), i);
            if (!op.isInsert()) {
                extent += op.length();
                if (extent >= OpIterator.INFINITY) {
                    throw new OtException(OtError.TOO_LONG, "delta reaches past what a document can hold");
                }
            } else {
                inserted += op.length();
                if (inserted > limits.maxInsertLength()) {
                    throw new OtException(OtError.OPERATION_TOO_LARGE, "delta inserts more than "
                            + limits.maxInsertLength() + " UTF-16 units");
                }
            }
            builder.push(op);
        }
        return builder.build();
    }

    private static DeltaOp readOp(JsonNode node, int index) {
        if (node == null || !node.isObject()) {
            throw new OtException(OtError.MALFORMED_OPERATION, "part " + index + " is not an object");
        }
        JsonNode insert = null;
        JsonNode retain = null;
        JsonNode delete = null;
        JsonNode attributes = null;
        int kinds = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            switch (field) {
                case "insert" -> {
                    insert = node.get(field);
                    kinds++;
                }
                case "retain" -> {
                    retain = node.get(field);
                    kinds++;
                }
                case "delete" -> {
                    delete = node.get(field);
                    kinds++;
                }
                case "attributes" -> attributes = node.get(field);
                default -> throw new OtException(OtError.MALFORMED_OPERATION, "part " + index + " has an unknown field \"" + field + "\"");
            }
        }
        if (kinds != 1) {
            throw new OtException(OtError.MALFORMED_OPERATION, "part " + index + " must have exactly one of insert, retain, delete");
        }
        if (delete != null) {
            if (attributes != null) {
                throw new OtException(OtError.MALFORMED_OPERATION, "part " + index + ": a delete has no attributes");
            }
            return new DeltaOp.Delete(length(delete, "delete", index));
        }
        Attributes attrs = Attributes.read(attributes);
        if (retain != null) {
            if (retain.isObject()) {
                throw new OtException(OtError.MALFORMED_OPERATION, "part " + index + ": embeds have no parts to retain");
            }
            return new DeltaOp.Retain(length(retain, "retain", index), attrs);
        }
        attrs = attrs.withoutRemovals();
        if (insert.isTextual()) {
            String text = insert.textValue();
            if (text.isEmpty()) {
                throw new OtException(OtError.NON_POSITIVE_LENGTH, "part " + index + " inserts nothing");
            }
            if (Strings.hasLoneSurrogate(text)) {
                throw new OtException(OtError.LONE_SURROGATE, "part " + index + " inserts a lone surrogate");
            }
            return new DeltaOp.TextInsert(text, attrs);
        }
        if (insert.isObject()) {
            return new DeltaOp.EmbedInsert(Embed.read(insert), attrs);
        }
        throw new OtException(OtError.MALFORMED_OPERATION, "part " + index + ": insert must be a string or an embed object");
    }

    private static int length(JsonNode n, String what, int index) {
        if (!n.isIntegralNumber()) {
            throw new OtException(OtError.MALFORMED_OPERATION, "part " + index + ": " + what + " must be a whole number");
        }
        if (n.bigIntegerValue().signum() <= 0) {
            throw new OtException(OtError.NON_POSITIVE_LENGTH, "part " + index + ": " + what + " must be positive");
        }
        if (!n.canConvertToInt() || n.intValue() >= OpIterator.INFINITY) {
            throw new OtException(OtError.TOO_LONG, "part " + index + ": " + what + " " + n + " is past what a document can hold");
        }
        return n.intValue();
    }

    /** Writes {@code delta} in the wire form; attributes in the order of {@link AttributeKind}. */
    public static String write(Delta delta) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeArrayFieldStart("ops");
            for (DeltaOp op : delta.ops()) {
                writeOp(g, op);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void writeOp(JsonGenerator g, DeltaOp op) throws IOException {
        g.writeStartObject();
        if (op instanceof DeltaOp.TextInsert t) {
            g.writeStringField("insert", t.text());
        } else if (op instanceof DeltaOp.EmbedInsert e) {
            g.writeObjectFieldStart("insert");
            g.writeStringField(e.embed().kind().wireName(), e.embed().value());
            g.writeEndObject();
        } else if (op instanceof DeltaOp.Retain r) {
            g.writeNumberField("retain", r.length());
        } else {
            g.writeNumberField("delete", op.length());
        }
        if (!op.attributes().isEmpty()) {
            g.writeFieldName("attributes");
            op.attributes().write(g);
        }
        g.writeEndObject();
    }
}
