package dev.tandem.protocol;

/** A request refused with a protocol {@link ErrorCode}; {@code detail} refines it (e.g. an OT code). */
public final class TandemException extends RuntimeException {
    private final ErrorCode code;
    private final String detail;

    public TandemException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public TandemException(ErrorCode code, String message, String detail) {
        super(message, null, false, false);
        this.code = code;
        this.detail = detail;
    }

    public ErrorCode code() {
        return code;
    }

    /** A finer reason, or null. */
    public String detail() {
        return detail;
    }
}
