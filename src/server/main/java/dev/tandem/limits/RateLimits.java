package dev.tandem.limits;

/** Per-user rate limits for operations and presence updates. Thread-safe. */
public interface RateLimits {

    /** What is being limited. */
    enum Kind { OPS, PRESENCE }

    /**
     * Counts one event of {@code kind} for {@code clientId}. Returns 0 if it is allowed, else how
     * many milliseconds until the user may try again.
     */
    long acquire(Kind kind, String clientId);

    /** No limits at all. */
    RateLimits NONE = (kind, clientId) -> 0;
}
