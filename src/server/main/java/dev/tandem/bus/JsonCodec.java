package dev.tandem.bus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.ot.DocumentTypes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Event-bus codec for Tandem's immutable message records: passed by reference inside a JVM
 * (no copy: they are immutable), encoded as JSON between cluster nodes.
 */
public final class JsonCodec<T> implements MessageCodec<T, T> {
    /** The Jackson mapper of a registry's operations, shared by the codecs of one event bus. */
    record Mapper(ObjectMapper mapper) {
        Mapper(DocumentTypes types) {
            this(new ObjectMapper()
                    .registerModule(OperationModule.of(types))
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false));
        }
    }

    private final Class<T> type;
    private final ObjectMapper mapper;

    JsonCodec(Class<T> type, Mapper mapper) {
        this.type = type;
        this.mapper = mapper.mapper();
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        try {
            byte[] bytes = mapper.writeValueAsBytes(value);
            buffer.appendInt(bytes.length).appendBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        try {
            return mapper.readValue(buffer.getBytes(pos + 4, pos + 4 + length), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T transform(T value) {
        return value;
    }

    @Override
    public String name() {
        return "tandem." + type.getName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
