package dev.tandem.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When a simulated user did something, by key (a {@code seq}, or a caret position for presence),
 * for the last {@code size} keys: written on the user's event loop, read by receivers on any
 * other. All times come from one clock, {@link System#nanoTime()}, as every client lives in this
 * process.
 */
final class SentTimes {
    private final AtomicLongArray keys;
    private final AtomicLongArray times;
    private final int mask;

    SentTimes(int sizePowerOfTwo) {
        keys = new AtomicLongArray(sizePowerOfTwo);
        times = new AtomicLongArray(sizePowerOfTwo);
        mask = sizePowerOfTwo - 1;
        for (int i = 0; i < sizePowerOfTwo; i++) {
            keys.set(i, Long.MIN_VALUE);
        }
    }

    /** Records {@code key} at {@code nanos}, slot chosen by the key (seqs are dense). */
    void put(long key, long nanos) {
        int i = (int) (key & mask);
        times.set(i, nanos);
        keys.set(i, key); // after the time: a reader who sees the key sees its time
    }

    /** The time of {@code key}, or -1 if it is unknown or already overwritten. */
    long get(long key) {
        int i = (int) (key & mask);
        if (keys.get(i) != key) {
            return -1;
        }
        long t = times.get(i);
        return keys.get(i) == key ? t : -1;
    }
}
