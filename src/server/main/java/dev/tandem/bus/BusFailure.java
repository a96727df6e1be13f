package dev.tandem.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A protocol error as the answer to an event-bus request: a {@link ReplyException} that keeps
 * the {@link TandemException} whole (code, detail, message). Passed by reference inside a JVM;
 * between nodes its codec writes {@code {"code": <number>, "detail": ..., "message": ...}} with
 * the code's permanent number, so nodes of different versions read it alike.
 */
public final class BusFailure extends ReplyException {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final TandemException error;

    private BusFailure(TandemException error) {
        super(ReplyFailure.RECIPIENT_FAILURE, error.code().failureCode(), error.getMessage(), true);
        this.error = error;
    }

    /** Answers {@code message} with the error {@code e}. */
    public static void fail(Message<?> message, TandemException e) {
        message.reply(of(e));
    }

    static BusFailure of(TandemException e) {
        return new BusFailure(e);
    }

    /** The error this failure carries. */
    public TandemException error() {
        return error;
    }

    /** Turns a failed request into a {@link TandemException}, whatever failed. */
    public static TandemException toTandem(Throwable t) {
        if (t instanceof TandemException te) {
            return te;
        }
        if (t instanceof BusFailure bf) {
            return bf.error;
        }
        if (t instanceof dev.tandem.storage.RevisionCompactedException rc) {
            return new TandemException(ErrorCode.REVISION_COMPACTED, rc.getMessage());
        }
        if (t instanceof dev.tandem.storage.StorageException se) {
            return new TandemException(ErrorCode.UNAVAILABLE, "storage: " + se.getMessage());
        }
        if (t instanceof ReplyException re) {
            if (re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
                return new TandemException(ErrorCode.fromFailureCode(re.failureCode()), String.valueOf(re.getMessage()));
            }
            return new TandemException(ErrorCode.UNAVAILABLE, "document unavailable (" + re.failureType() + "); retry");
        }
        return new TandemException(ErrorCode.INTERNAL_ERROR, String.valueOf(t));
    }

    /** The codec of {@link BusFailure} on the clustered event bus. */
    static final class Codec implements MessageCodec<BusFailure, BusFailure> {
        @Override
        public void encodeToWire(Buffer buffer, BusFailure f) {
            ObjectNode o = MAPPER.createObjectNode().put("code", f.error.code().number())
                    .put("message", f.error.getMessage());
            if (f.error.detail() != null) {
                o.put("detail", f.error.detail());
            }
            try {
                byte[] bytes = MAPPER.writeValueAsBytes(o);
                buffer.appendInt(bytes.length).appendBytes(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public BusFailure decodeFromWire(int pos, Buffer buffer) {
            int length = buffer.getInt(pos);
            try {
                JsonNode o = MAPPER.readTree(buffer.getBytes(pos + 4, pos + 4 + length));
                ErrorCode code = ErrorCode.fromFailureCode(ErrorCode.FAILURE_BASE + o.path("code").asInt(-1));
                return new BusFailure(new TandemException(code, o.path("message").asText(""),
                        o.hasNonNull("detail") ? o.get("detail").asText() : null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public BusFailure transform(BusFailure f) {
            return f;
        }

        @Override
        public String name() {
            return "tandem.failure";
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
