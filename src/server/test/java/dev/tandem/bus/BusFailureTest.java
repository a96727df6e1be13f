package dev.tandem.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Failures cross the event bus whole: code, detail and message, by the code's permanent number. */
class BusFailureTest {

    @Test
    void theWireFormKeepsCodeDetailAndMessage() {
        BusFailure.Codec codec = new BusFailure.Codec();
        for (ErrorCode code : ErrorCode.values()) {
            TandemException e = new TandemException(code, "a message | with a bar", code.ordinal() % 2 == 0 ? "PAST_END" : null);
            Buffer wire = Buffer.buffer();
            codec.encodeToWire(wire, failure(e));
            TandemException back = codec.decodeFromWire(0, wire).error();
            assertEquals(e.code(), back.code());
            assertEquals(e.detail(), back.detail());
            assertEquals(e.getMessage(), back.getMessage());
        }
        assertEquals(ErrorCode.UNAVAILABLE.failureCode(), failure(new TandemException(ErrorCode.UNAVAILABLE, "x")).failureCode());
    }

    @Test
    void aRequestAnsweredWithAFailureFailsWithTheSameError() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Codecs.register(vertx.eventBus(), dev.tandem.ot.types.StandardTypes.registry());
            TandemException sent = new TandemException(ErrorCode.OPERATION_DOES_NOT_FIT, "too long", "PAST_END");
            vertx.eventBus().consumer("test.failure", m -> BusFailure.fail(m, sent));
            Throwable got = vertx.eventBus().request("test.failure", "x").map(m -> (Throwable) null)
                    .recover(t -> io.vertx.core.Future.succeededFuture(t)).await(10, TimeUnit.SECONDS);
            assertSame(sent, BusFailure.toTandem(got), "inside one node the error itself arrives");
            ReplyException plain = new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ErrorCode.DOCUMENT_NOT_FOUND.failureCode(), "gone");
            assertEquals(ErrorCode.DOCUMENT_NOT_FOUND, BusFailure.toTandem(plain).code(), "a plain failure by number");
            assertEquals(ErrorCode.UNAVAILABLE, BusFailure.toTandem(new ReplyException(ReplyFailure.TIMEOUT, "t")).code());
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static BusFailure failure(TandemException e) {
        return BusFailure.of(e);
    }
}
