package dev.tandem.limits;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Cluster-wide limits in fixed one-second windows, counted in Redis. Decisions are local and
 * immediate (no Redis round trip per keystroke): each node counts its own events, adds them to
 * the window's shared counter in Redis every {@value #FLUSH_MS} ms, and learns the cluster total
 * in return. A user spread over several nodes can overshoot by what one flush interval lets
 * through, and without Redis each node enforces the limit on its own.
 */
public final class WindowRateLimits implements RateLimits {
    static final long FLUSH_MS = 50;

    private final Redis redis;
    private final int opsPerSecond;
    private final int presencePerSecond;
    private final Consumer<String> onError;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final long timer;
    private final Vertx vertx;

    private static final class Window {
        final String key;
        long second;
        long known; // cluster-wide total at the last flush
        long unflushed; // counted here since

        Window(String key) {
            this.key = key;
        }
    }

    /** {@code redis} may be null: then each node limits on its own. A limit of 0 means none. */
    public WindowRateLimits(Vertx vertx, Redis redis, int opsPerSecond, int presencePerSecond, Consumer<String> onError) {
        this.vertx = vertx;
        this.redis = redis;
        this.opsPerSecond = opsPerSecond;
        this.presencePerSecond = presencePerSecond;
        this.onError = onError;
        this.timer = vertx.setPeriodic(FLUSH_MS, id -> flush());
    }

    @Override
    public long acquire(Kind kind, String clientId) {
        int limit = kind == Kind.OPS ? opsPerSecond : presencePerSecond;
        if (limit <= 0) {
            return 0;
        }
        long nowMs = System.currentTimeMillis();
        long second = nowMs / 1000;
        Window w = windows.computeIfAbsent(kind.name() + ":" + clientId, Window::new);
        synchronized (w) {
            if (w.second != second) {
                w.second = second;
                w.known = 0;
                w.unflushed = 0;
            }
            if (w.known + w.unflushed >= limit) {
                return Math.max(1, (second + 1) * 1000 - nowMs);
            }
            w.unflushed++;
            return 0;
        }
    }

    public void close() {
        vertx.cancelTimer(timer);
    }

    private void flush() {
        long current = System.currentTimeMillis() / 1000;
        List<Window> flushed = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        List<Request> batch = new ArrayList<>();
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext();) {
            Window w = it.next();
            synchronized (w) {
                if (w.second < current - 1) {
                    it.remove(); // idle user: forget the window
                    continue;
                }
                if (w.unflushed == 0 || redis == null) {
                    continue;
                }
                String key = "tandem:rate:{" + w.key + "}:" + w.second;
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
                Window w = flushed.get(i);
                long second = counts.get(2 * i);
                long sent = counts.get(2 * i + 1);
                long total = responses.get(2 * i).toLong();
                synchronized (w) {
                    if (w.second == second) {
                        w.unflushed -= sent;
                        w.known = total;
                    }
                }
            }
        }).onFailure(e -> onError.accept("rate limit flush"));
    }
}
