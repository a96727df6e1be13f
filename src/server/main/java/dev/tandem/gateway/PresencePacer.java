package dev.tandem.gateway;

import dev.tandem.bus.BusMessages.PresenceUpdate;
import dev.tandem.limits.RateLimits;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One session's own presence in one document, and its pace. Presence faster than 20/s per
 * connection, or than the user's cluster-wide limit, is not refused: only the latest state is
 * kept and sent when allowed. The per-connection limit is on the average rate (a small burst
 * passes at once), not on the spacing of two updates: a client at 20/s with jittered spacing
 * would otherwise see half its updates held for up to one interval, and the cascade of holds
 * adds tens of milliseconds of latency.
 */
final class PresencePacer {
    private static final long INTERVAL_NANOS = 50_000_000L; // 20 per second
    /**
     * Presence may come this much early, as the cluster-wide limit counts per second too: a caret
     * moving 20 times a second with jitter is a random walk around the limit, and a smaller
     * allowance is soon used up and holds updates back.
     */
    private static final long BURST_NANOS = 1_000_000_000L;

    private final Vertx vertx;
    private final RateLimits limits;
    private final String clientId;
    private final BooleanSupplier current;
    private final Consumer<PresenceUpdate> publish;
    private PresenceUpdate latest;
    private long due = Long.MIN_VALUE / 2;
    private boolean timer;

    /**
     * @param current whether the session still has the document open (a held update is dropped otherwise)
     * @param publish sends an update to the roster and the other sessions
     */
    PresencePacer(Vertx vertx, RateLimits limits, String clientId, BooleanSupplier current,
            Consumer<PresenceUpdate> publish) {
        this.vertx = vertx;
        this.limits = limits;
        this.clientId = clientId;
        this.current = current;
        this.publish = publish;
    }

    /** The latest state sent or waiting, or null before the first. */
    PresenceUpdate latest() {
        return latest;
    }

    /** Sends {@code u} now, whatever the pace (joining, leaving, a new name). */
    void sendNow(PresenceUpdate u) {
        latest = u;
        send(u);
    }

    /** Sends {@code u} when the pace allows; a newer update replaces one still waiting. */
    void offer(PresenceUpdate u) {
        latest = u;
        if (timer) {
            return;
        }
        long now = System.nanoTime();
        long delayMs;
        long early = due - BURST_NANOS - now;
        if (early > 0) {
            delayMs = Math.max(1, (early + 999_999) / 1_000_000L);
        } else {
            delayMs = limits.acquire(RateLimits.Kind.PRESENCE, clientId);
        }
        if (delayMs == 0) {
            send(latest);
            return;
        }
        timer = true;
        vertx.setTimer(delayMs, id -> {
            timer = false;
            if (current.getAsBoolean()) {
                offer(latest);
            }
        });
    }

    private void send(PresenceUpdate u) {
        due = Math.max(due, System.nanoTime()) + INTERVAL_NANOS;
        publish.accept(u);
    }
}
