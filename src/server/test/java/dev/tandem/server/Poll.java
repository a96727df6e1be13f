package dev.tandem.server;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waits for a condition in a test instead of sleeping for a guessed time: probes every few
 * milliseconds until the probe's value satisfies the condition, and fails after a bounded time
 * naming what it waited for and the value it last saw.
 */
public final class Poll {
    private static final long INTERVAL_MS = 10;

    private Poll() {
    }

    /** Something to look at; it may fail while the system gets there (a refused connection). */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /** Probes until {@code done} holds for its value and returns that value. */
    public static <T> T until(String what, Duration within, Probe<T> probe, Predicate<? super T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Object lastSeen = "nothing yet";
        while (true) {
            try {
                T value = probe.get();
                if (done.test(value)) {
                    return value;
                }
                lastSeen = value;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                lastSeen = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within.toMillis() + " ms for " + what + "; last saw: " + lastSeen);
            }
            Thread.sleep(INTERVAL_MS);
        }
    }

    /** Probes until the condition holds. */
    public static void until(String what, Duration within, Probe<Boolean> condition) throws InterruptedException {
        until(what, within, condition, Boolean::booleanValue);
    }
}
