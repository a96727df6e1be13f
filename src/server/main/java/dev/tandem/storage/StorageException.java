package dev.tandem.storage;

/** A storage failure with a code callers can act on. */
public final class StorageException extends RuntimeException {

    /** Why the store refused. */
    public enum Code {
        /** A revision or submission is already stored: another writer got there first. */
        CONFLICT,
        /** The database is unreachable or failed; the operation may be retried. */
        UNAVAILABLE
    }

    private final Code code;

    public StorageException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
