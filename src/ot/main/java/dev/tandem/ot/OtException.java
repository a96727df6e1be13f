package dev.tandem.ot;

/** Thrown when an operation, caret or edit is invalid; {@link #code()} says why, stably. */
public final class OtException extends RuntimeException {
    private final OtError code;

    public OtException(OtError code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public OtError code() {
        return code;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
