package dev.tandem.protocol;

/**
 * The stable error codes of the wire protocol (see docs/PROTOCOL.md). Names never change, and
 * neither do {@link #number()}s: a number is given once, written here explicitly and pinned by a
 * test, so that nodes of different versions in one cluster read each other's failures alike
 * (the declaration order means nothing). A new code takes the next free number.
 */
public enum ErrorCode {
    MALFORMED_MESSAGE(1, Recovery.REPORT, 400),
    UNKNOWN_MESSAGE_TYPE(2, Recovery.REPORT, 400),
    UNSUPPORTED_VERSION(3, Recovery.STOP, 400),
    HELLO_REQUIRED(4, Recovery.RECONNECT, 400),
    MESSAGE_TOO_LARGE(5, Recovery.RESYNC, 413),
    INVALID_DOCUMENT_ID(6, Recovery.STOP, 400),
    DOCUMENT_NOT_FOUND(7, Recovery.STOP, 404),
    DOCUMENT_EXISTS(8, Recovery.STOP, 409),
    DOCUMENT_NOT_OPEN(9, Recovery.CATCH_UP, 409),
    TOO_MANY_DOCUMENTS(10, Recovery.STOP, 429),
    INVALID_OPERATION(11, Recovery.RESYNC, 400),
    OPERATION_DOES_NOT_FIT(12, Recovery.RESYNC, 409),
    REVISION_IN_FUTURE(13, Recovery.RESYNC, 409),
    REVISION_TOO_OLD(14, Recovery.RESYNC, 409),
    STALE_SEQUENCE(15, Recovery.RESYNC, 409),
    DOCUMENT_TOO_LARGE(16, Recovery.RESYNC, 413),
    RATE_LIMITED(17, Recovery.RETRY, 429),
    SLOW_CONSUMER(18, Recovery.RECONNECT, 503),
    UNAVAILABLE(19, Recovery.CATCH_UP, 503),
    INTERNAL_ERROR(20, Recovery.CATCH_UP, 500),
    /** An operation or an {@code open} for a document of another type than the document's. */
    TYPE_MISMATCH(21, Recovery.STOP, 409),
    /** A document type this server does not know. */
    UNKNOWN_DOCUMENT_TYPE(22, Recovery.STOP, 400),
    /** No valid access token: none where one is required, a bad signature, issuer or audience, or not a JWT. */
    UNAUTHENTICATED(23, Recovery.REAUTHENTICATE, 401),
    /** The access token's expiry time has passed (the session ends with it). */
    TOKEN_EXPIRED(24, Recovery.REAUTHENTICATE, 401),
    /** The token's role for the document does not allow this (a viewer's submit, an open without a role). */
    FORBIDDEN(25, Recovery.STOP, 403),
    /** A browser request from an origin that is not on the node's allow-list. */
    ORIGIN_NOT_ALLOWED(26, Recovery.STOP, 403),
    /** More connections from one address than the node allows. */
    TOO_MANY_CONNECTIONS(27, Recovery.RECONNECT, 429),
    /** The connection sent no {@code hello} within the node's time limit. */
    HELLO_TIMEOUT(28, Recovery.RECONNECT, 408),
    /** An operation larger than the node's operation size limit. */
    OPERATION_TOO_LARGE(29, Recovery.RESYNC, 413),
    /** More messages in one second on a connection than the node allows (the connection closes). */
    MESSAGE_FLOOD(30, Recovery.RECONNECT, 429),
    /** Presence updates far faster than the user's limit on a connection (the connection closes). */
    PRESENCE_FLOOD(31, Recovery.RECONNECT, 429),
    /** A REST request that changes state with a body that is not {@code application/json}. */
    UNSUPPORTED_MEDIA_TYPE(32, Recovery.REPORT, 415),
    /** A named version that does not exist (REST history). */
    VERSION_NOT_FOUND(33, Recovery.STOP, 404),
    /** A revision inside a stretch of old history that compaction joined: only its ends are kept. */
    REVISION_COMPACTED(34, Recovery.STOP, 410);

    /** Failure codes on the event bus are {@code FAILURE_BASE + number()}, clear of Vert.x's own small and negative codes. */
    public static final int FAILURE_BASE = 1000;
    private static final ErrorCode[] BY_NUMBER = byNumber();

    private final int number;
    private final Recovery recovery;
    private final int httpStatus;

    ErrorCode(int number, Recovery recovery, int httpStatus) {
        this.number = number;
        this.recovery = recovery;
        this.httpStatus = httpStatus;
    }

    /** The code's permanent number. */
    public int number() {
        return number;
    }

    /** What a client does after this error (PROTOCOL.md's recovery table). */
    public Recovery recovery() {
        return recovery;
    }

    /**
     * The wire's {@code resync} flag: whether the client's copy of the document may be out of
     * step, so that it must be rebuilt from a snapshot ({@link Recovery#RESYNC}).
     */
    public boolean resync() {
        return recovery == Recovery.RESYNC;
    }

    /** The HTTP status the REST API answers with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The number used as failure code on the event bus. */
    public int failureCode() {
        return FAILURE_BASE + number;
    }

    /** The code for an event-bus failure code, or {@link #INTERNAL_ERROR} if it is not one of ours. */
    public static ErrorCode fromFailureCode(int failureCode) {
        int n = failureCode - FAILURE_BASE;
        ErrorCode c = n >= 0 && n < BY_NUMBER.length ? BY_NUMBER[n] : null;
        return c == null ? INTERNAL_ERROR : c;
    }

    /** The code called {@code name}, or null if this version does not know it (a newer peer's). */
    public static ErrorCode byName(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ErrorCode[] byNumber() {
        int max = 0;
        for (ErrorCode c : values()) {
            max = Math.max(max, c.number);
        }
        ErrorCode[] table = new ErrorCode[max + 1];
        for (ErrorCode c : values()) {
            if (c.number < 1 || table[c.number] != null) {
                throw new ExceptionInInitializerError("error code number " + c.number + " is used twice or invalid");
            }
            table[c.number] = c;
        }
        return table;
    }
}
