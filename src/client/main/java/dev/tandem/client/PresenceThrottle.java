package dev.tandem.client;

/**
 * Spaces presence updates at least {@code intervalMs} apart and coalesces what comes faster:
 * only the state at the moment of the delayed send goes out (the caller reads it then).
 */
final class PresenceThrottle {
    private final long intervalMs;
    private long lastSent = Long.MIN_VALUE / 2;
    private boolean scheduled;

    PresenceThrottle(int perSecond) {
        this.intervalMs = perSecond <= 0 ? 0 : (1000 + perSecond - 1) / perSecond;
    }

    /**
     * A new state wants out at {@code now}: returns 0 to send it now, a positive delay after which
     * to send the latest state (then call {@link #fired}), or -1 if such a send is already planned.
     */
    long request(long now) {
        if (scheduled) {
            return -1;
        }
        long wait = lastSent + intervalMs - now;
        if (wait <= 0) {
            lastSent = now;
            return 0;
        }
        scheduled = true;
        return wait;
    }

    /** The planned send happened at {@code now}. */
    void fired(long now) {
        scheduled = false;
        lastSent = now;
    }
}
