package dev.tandem.load;

import dev.tandem.client.transport.VertxInternals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Random client churn for the soak: every second about {@code perSecond} users, picked at random
 * among those connected, leave and come back. Each one ends its connection, cut without a close
 * frame as a network drop would (or, for {@code cleanShare} of them, with a WebSocket close
 * handshake), keeps typing offline for a random while, then connects again as the same client and
 * reopens its document from the last revision it had: the client library's model catches up and
 * resubmits what the server had not confirmed, so nothing should be lost.
 *
 * <pre>
 *   drop (cut | close) --offline, typing--> reconnect --welcome--> reopen: catch up, resubmit
 * </pre>
 *
 * Every step is bounded: the drop by {@link #DROP_TIMEOUT_MS}, each connection attempt by the
 * connection's own timeout, at most {@link #ATTEMPTS} attempts; a user that cannot come back is
 * counted as an error ({@code RECONNECT_FAILED}). The ticks run on one event loop; each user's
 * steps on its own.
 */
final class Churn {
    static final long DROP_TIMEOUT_MS = 10_000;
    static final int ATTEMPTS = 3;
    private static final long RETRY_MS = 1_000;

    private final List<SimUser> users;
    private final RunStats stats;
    private final Context ticks;
    private final double perSecond;
    private final double cleanShare;
    private final long minOfflineMs;
    private final long maxOfflineMs;
    private final SplittableRandom random;
    private final Set<SimUser> away = ConcurrentHashMap.newKeySet();
    private final LongAdder cut = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder back = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile boolean running;
    private long timer = -1;
    private double owed;

    Churn(List<SimUser> users, RunStats stats, Context ticks, double perSecond, double cleanShare, long minOfflineMs,
            long maxOfflineMs, long seed) {
        this.users = List.copyOf(users);
        this.stats = stats;
        this.ticks = ticks;
        this.perSecond = perSecond;
        this.cleanShare = cleanShare;
        this.minOfflineMs = minOfflineMs;
        this.maxOfflineMs = Math.max(minOfflineMs, maxOfflineMs);
        this.random = new SplittableRandom(seed);
    }

    /** What happened so far: connections cut, closed cleanly, users back online, users that could not come back, and away now. */
    record Counts(long cut, long closed, long back, long failed, int away) {
        long churned() {
            return cut + closed;
        }
    }

    Counts counts() {
        return new Counts(cut.sum(), closed.sum(), back.sum(), failed.sum(), away.size());
    }

    void start() {
        if (perSecond <= 0 || users.isEmpty()) {
            return;
        }
        running = true;
        ticks.runOnContext(v -> timer = ticks.owner().setPeriodic(1000, id -> tick()));
    }

    /**
     * Stops picking users and waits (at most {@code timeoutMs}) until everyone away is back.
     *
     * @return true if everyone came back (or gave up, counted as failed) in time
     */
    boolean stop(long timeoutMs) throws InterruptedException {
        running = false;
        ticks.runOnContext(v -> ticks.owner().cancelTimer(timer));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!away.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return away.isEmpty();
    }

    private void tick() {
        if (!running) {
            return;
        }
        owed += perSecond;
        int due = (int) owed;
        owed -= due;
        // Random picks among everyone; one already away is skipped (a few tries, then this second gives up).
        for (int i = 0, tries = 0; i < due && tries < 4 * due + 10; tries++) {
            SimUser u = users.get(random.nextInt(users.size()));
            if (away.add(u)) {
                boolean clean = random.nextDouble() < cleanShare;
                long offlineMs = minOfflineMs + (long) (random.nextDouble() * (maxOfflineMs - minOfflineMs));
                leaveAndReturn(u, clean, offlineMs);
                i++;
            }
        }
    }

    private void leaveAndReturn(SimUser u, boolean clean, long offlineMs) {
        LoadConnection c = u.connection();
        (clean ? closed : cut).increment();
        c.drop(clean).timeout(DROP_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .compose(v -> after(c.context(), offlineMs))
                .compose(v -> reconnect(c, ATTEMPTS))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        back.increment();
                    } else {
                        failed.increment();
                        stats.error("RECONNECT_FAILED");
                    }
                    away.remove(u);
                });
    }

    private static Future<Void> reconnect(LoadConnection c, int attempts) {
        return c.reconnect().recover(e -> attempts <= 1 ? Future.failedFuture(e)
                : after(c.context(), RETRY_MS).compose(v -> reconnect(c, attempts - 1)));
    }

    private static Future<Void> after(Context context, long ms) {
        Promise<Void> p = Promise.promise();
        VertxInternals.setTimer(context, Math.max(1, ms), t -> p.complete());
        return p.future();
    }
}
