package dev.tandem.bus;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/** Protocol errors across the event bus: {@code fail(code, "detail|message")} and back. */
public final class BusFailure {
    private BusFailure() {
    }

    public static void fail(Message<?> message, TandemException e) {
        message.fail(e.code().failureCode(), e.detail() == null ? e.getMessage() : e.detail() + "|" + e.getMessage());
    }

    /** Turns a failed request into a {@link TandemException}, whatever failed. */
    public static TandemException toTandem(Throwable t) {
        if (t instanceof TandemException te) {
            return te;
        }
        if (t instanceof dev.tandem.storage.StorageException se) {
            return new TandemException(ErrorCode.UNAVAILABLE, "storage: " + se.getMessage());
        }
        if (t instanceof ReplyException re) {
            if (re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
                String text = re.getMessage() == null ? "" : re.getMessage();
                int bar = text.indexOf('|');
                String detail = bar > 0 && text.substring(0, bar).matches("[A-Z_]+") ? text.substring(0, bar) : null;
                return new TandemException(ErrorCode.fromFailureCode(re.failureCode()),
                        detail == null ? text : text.substring(bar + 1), detail);
            }
            return new TandemException(ErrorCode.UNAVAILABLE, "document unavailable (" + re.failureType() + "); retry");
        }
        return new TandemException(ErrorCode.INTERNAL_ERROR, String.valueOf(t));
    }
}
