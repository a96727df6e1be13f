package dev.tandem.protocol;

/**
 * The stable error codes of the wire protocol (see docs/PROTOCOL.md). Names never change;
 * {@link #resync()} says whether the client's copy of the document may be out of step.
 */
public enum ErrorCode {
    MALFORMED_MESSAGE(false, 400),
    UNKNOWN_MESSAGE_TYPE(false, 400),
    UNSUPPORTED_VERSION(false, 400),
    HELLO_REQUIRED(false, 400),
    MESSAGE_TOO_LARGE(true, 413),
    INVALID_DOCUMENT_ID(false, 400),
    DOCUMENT_NOT_FOUND(false, 404),
    DOCUMENT_EXISTS(false, 409),
    DOCUMENT_NOT_OPEN(false, 409),
    TOO_MANY_DOCUMENTS(false, 429),
    INVALID_OPERATION(true, 400),
    OPERATION_DOES_NOT_FIT(true, 409),
    REVISION_IN_FUTURE(true, 409),
    REVISION_TOO_OLD(true, 409),
    STALE_SEQUENCE(true, 409),
    DOCUMENT_TOO_LARGE(true, 413),
    RATE_LIMITED(false, 429),
    SLOW_CONSUMER(true, 503),
    UNAVAILABLE(true, 503),
    INTERNAL_ERROR(true, 500);

    private final boolean resync;
    private final int httpStatus;

    ErrorCode(boolean resync, int httpStatus) {
        this.resync = resync;
        this.httpStatus = httpStatus;
    }

    /** Whether a client must reopen the document after this error. */
    public boolean resync() {
        return resync;
    }

    /** The HTTP status the REST API answers with. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The number used as failure code on the event bus ({@code message.fail(code, text)}).
     * Offset so it never collides with Vert.x's own negative or small codes.
     */
    public int failureCode() {
        return 1000 + ordinal();
    }

    /** The code for an event-bus failure code, or {@link #INTERNAL_ERROR} if it is not one of ours. */
    public static ErrorCode fromFailureCode(int failureCode) {
        int i = failureCode - 1000;
        ErrorCode[] all = values();
        return i >= 0 && i < all.length ? all[i] : INTERNAL_ERROR;
    }
}
