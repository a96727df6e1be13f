package dev.tandem.limits;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Cluster-wide limits in fixed one-second windows, counted in Redis. Decisions are local and
 * immediate (no Redis round trip per keystroke): each node counts its own events and, every
 * {@value #FLUSH_MS} ms, adds what it counted to the window's shared counter in Redis and learns
 * the cluster total in return.
 *
 * <p>A node tells Redis about a user's window only once its own count in that second reaches a
 * tenth of the limit ({@link #LOCAL_SHARE}); below that it decides alone. People typing a few
 * keys a second are nowhere near a limit of hundreds, and counting each of their keystrokes in
 * Redis cost two commands per operation (with 4,000 people typing, 8,000 Redis commands a
 * second and a seventh of the node's CPU). The price: a user connected to more than
 * {@value #LOCAL_SHARE} nodes at once could pass the limit unnoticed, and a user spread over
 * several nodes can overshoot by what one flush interval lets through. Without Redis each node
 * enforces the limit on its own.
 */
public final class WindowRateLimits implements RateLimits {
    static final long FLUSH_MS = 50;
    /** A node keeps a user's count to itself until it reaches limit / LOCAL_SHARE in a second. */
    static final int LOCAL_SHARE = 10;
    /** Windows of users who stopped are forgotten by a sweep this often (every flush would walk them all). */
    private static final long SWEEP_MS = 5_000;

    private final Redis redis;
    private final Map<Kind, Map<String, Window>> windows = new EnumMap<>(Kind.class);
    private final ConcurrentLinkedQueue<Window> toFlush = new ConcurrentLinkedQueue<>();
    private final Map<Kind, Integer> limits = new EnumMap<>(Kind.class);
    private final Consumer<String> onError;
    private final long timer;
    private final Vertx vertx;
    private final LongSupplier clock;
    private long lastSweep;

    private static final class Window {
        final Kind kind;
        final String clientId;
        long second;
        long known; // cluster-wide total at the last flush
        long local; // counted here this second
        long unflushed; // counted here since the last flush
        boolean queued; // waiting in toFlush

        Window(Kind kind, String clientId) {
            this.kind = kind;
            this.clientId = clientId;
        }
    }

    /** {@code redis} may be null: then each node limits on its own. A limit of 0 means none. */
    public WindowRateLimits(Vertx vertx, Redis redis, int opsPerSecond, int presencePerSecond, Consumer<String> onError) {
        this(vertx, redis, opsPerSecond, presencePerSecond, onError, System::currentTimeMillis);
    }

    /** With the wall clock {@code clock} (milliseconds), which decides the one-second windows. */
    WindowRateLimits(Vertx vertx, Redis redis, int opsPerSecond, int presencePerSecond, Consumer<String> onError,
            LongSupplier clock) {
        this.vertx = vertx;
        this.clock = clock;
        this.lastSweep = clock.getAsLong();
        this.redis = redis;
        this.onError = onError;
        limits.put(Kind.OPS, opsPerSecond);
        limits.put(Kind.PRESENCE, presencePerSecond);
        for (Kind k : Kind.values()) {
            windows.put(k, new ConcurrentHashMap<>());
        }
        this.timer = vertx.setPeriodic(FLUSH_MS, id -> flush());
    }

    @Override
    public long acquire(Kind kind, String clientId) {
        int limit = limits.get(kind);
        if (limit <= 0) {
            return 0;
        }
        long nowMs = clock.getAsLong();
        long second = nowMs / 1000;
        Window w = windows.get(kind).computeIfAbsent(clientId, c -> new Window(kind, c));
        boolean queue;
        synchronized (w) {
            if (w.second != second) {
                w.second = second;
                w.known = 0;
                w.local = 0;
                w.unflushed = 0;
            }
            if (w.known + w.unflushed >= limit) {
                return Math.max(1, (second + 1) * 1000 - nowMs);
            }
            w.local++;
            w.unflushed++;
            queue = redis != null && !w.queued && w.local >= Math.max(1, limit / LOCAL_SHARE);
            if (queue) {
                w.queued = true;
            }
        }
        if (queue) {
            toFlush.add(w);
        }
        return 0;
    }

    /** What this node believes the user's count in the current window is, cluster-wide (0 for none). */
    long believedCount(Kind kind, String clientId) {
        Window w = windows.get(kind).get(clientId);
        if (w == null) {
            return 0;
        }
        synchronized (w) {
            return w.second == clock.getAsLong() / 1000 ? w.known + w.unflushed : 0;
        }
    }

    public void close() {
        vertx.cancelTimer(timer);
    }

    private void flush() {
        long current = clock.getAsLong() / 1000;
        sweep(current);
        List<Window> flushed = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        List<Request> batch = new ArrayList<>();
        Window w;
        while ((w = toFlush.poll()) != null) {
            synchronized (w) {
                w.queued = false;
                if (w.unflushed == 0 || w.second < current - 1) {
                    continue;
                }
                String key = "tandem:rate:{" + w.kind.name() + ":" + w.clientId + "}:" + w.second;
                batch.add(Request.cmd(Command.INCRBY).arg(key).arg(w.unflushed));
                batch.add(Request.cmd(Command.EXPIRE).arg(key).arg(3));
                flushed.add(w);
                counts.add(w.second);
                counts.add(w.unflushed);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        Future<List<io.vertx.redis.client.Response>> f = redis.batch(batch).timeout(1000, TimeUnit.MILLISECONDS);
        f.onSuccess(responses -> {
            for (int i = 0; i < flushed.size(); i++) {
                Window fw = flushed.get(i);
                long second = counts.get(2 * i);
                long sent = counts.get(2 * i + 1);
                long total = responses.get(2 * i).toLong();
                synchronized (fw) {
                    if (fw.second == second) {
                        fw.unflushed -= sent;
                        fw.known = total;
                    }
                }
            }
        }).onFailure(e -> onError.accept("rate limit flush"));
    }

    /** Forgets the windows of users idle for a second or more. */
    private void sweep(long current) {
        long now = clock.getAsLong();
        if (now - lastSweep < SWEEP_MS) {
            return;
        }
        lastSweep = now;
        for (Map<String, Window> byClient : windows.values()) {
            for (Iterator<Window> it = byClient.values().iterator(); it.hasNext();) {
                Window w = it.next();
                synchronized (w) {
                    if (w.second < current - 1 && !w.queued) {
                        it.remove();
                    }
                }
            }
        }
    }
}
