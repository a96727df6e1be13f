package dev.tandem.storage;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;

/** Turns what the PostgreSQL client fails with into the errors the {@link DocumentStore} contract promises. */
final class StorageErrors {
    private StorageErrors() {
    }

    static final String UNIQUE_VIOLATION = "23505";
    static final String FOREIGN_KEY_VIOLATION = "23503";

    /** For {@code recover}: fails with the mapped error. */
    static <T> Future<T> fail(Throwable t) {
        return Future.failedFuture(map(t));
    }

    static Throwable map(Throwable t) {
        if (t instanceof StorageException) {
            return t;
        }
        if (t instanceof PgException pg) {
            String state = pg.getSqlState();
            if (UNIQUE_VIOLATION.equals(state)) {
                return new StorageException(StorageException.Code.CONFLICT,
                        "already stored (" + pg.getConstraint() + "): " + pg.getDetail(), pg);
            }
            if (FOREIGN_KEY_VIOLATION.equals(state)) {
                // Only revisions and snapshots reference documents: the caller skipped createDocument.
                return new IllegalArgumentException("document does not exist: " + pg.getDetail(), pg);
            }
        }
        // Anything else (connection refused or lost, pool closed, server shutting down, out of
        // resources, serialization failure) is the database being unavailable: the caller may retry.
        return new StorageException(StorageException.Code.UNAVAILABLE, "database unavailable: " + t.getMessage(), t);
    }
}
