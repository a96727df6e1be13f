package dev.tandem.bus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.DocumentTypes;
import dev.tandem.ot.Operation;
import java.io.IOException;

/**
 * Jackson (de)serialisation of {@link Operation}s of any type between cluster nodes:
 * {@code {"t": "text", "op": [5, "x"]}}, the operation in its own wire form under its type's name.
 */
final class OperationModule {
    private OperationModule() {
    }

    static SimpleModule of(DocumentTypes types) {
        SimpleModule m = new SimpleModule("tandem-operations");
        m.addSerializer(Operation.class, new StdSerializer<>(Operation.class) {
            @Override
            public void serialize(Operation op, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartObject();
                g.writeStringField("t", op.type().name());
                g.writeFieldName("op");
                g.writeRawValue(op.toJson());
                g.writeEndObject();
            }
        });
        m.addDeserializer(Operation.class, new StdDeserializer<>(Operation.class) {
            @Override
            public Operation deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                JsonNode node = p.readValueAsTree();
                DocumentType<?> type = types.get(node.path("t").asText());
                return type.parse(node.get("op"));
            }
        });
        return m;
    }
}
