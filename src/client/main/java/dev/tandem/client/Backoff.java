package dev.tandem.client;

import java.util.Random;

/**
 * Reconnect delays: exponential from {@code initialMs}, capped at {@code maxMs}, each drawn at
 * random from the upper half of its step ("equal jitter"), so that clients dropped together by a
 * restarting server do not all come back in the same millisecond, yet none waits past the cap.
 */
record Backoff(long initialMs, long maxMs) {

    Backoff {
        if (initialMs < 1 || maxMs < initialMs) {
            throw new IllegalArgumentException("backoff needs 1 <= initial <= max, got " + initialMs + ", " + maxMs);
        }
    }

    /** The delay before reconnect attempt {@code attempt} (0 for the first). */
    long delay(int attempt, Random random) {
        long step = maxMs;
        if (attempt < 62 && (initialMs << attempt) >> attempt == initialMs) { // else the shift overflowed
            step = Math.min(maxMs, initialMs << attempt);
        }
        long half = step / 2;
        return half + (long) (random.nextDouble() * (step - half + 1));
    }
}
