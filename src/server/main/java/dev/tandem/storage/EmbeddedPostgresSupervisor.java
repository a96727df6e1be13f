package dev.tandem.storage;

import dev.tandem.vertx.VertxInternals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's embedded PostgreSQL running: looks twice a second whether its postmaster is
 * alive and, when it has died (killed, crashed, taken by the OOM killer), starts it again on the
 * same data directory and port, waiting longer after each attempt that fails, up to a bound.
 *
 * <pre>
 *   up ──(postmaster gone: WARN)──▶ down ──(after the delay: INFO "restarting")──▶ pg_ctl start
 *    ▲                                ▲                                                │
 *    └──────────(INFO "restarted")────┼────────────────────────────── started ─────────┤
 *                                     └──(WARN, delay doubled up to the bound)── failed ┘
 * </pre>
 *
 * <p>While the database is down every commit fails: the sequencers answer {@code UNAVAILABLE},
 * nothing is acknowledged, and the clients catch up and resubmit (dedup makes that safe). The
 * connection pool needs nothing: it opens new connections once the server listens again. A server
 * that dies again within a minute of a restart is restarted after a doubled delay, so a server that
 * cannot stay up is not restarted in a tight loop.
 *
 * <p>Its timers run on a context of its own; restarts block, on a worker thread.
 */
public final class EmbeddedPostgresSupervisor {
    /** How often the postmaster is looked at. */
    public static final long CHECK_INTERVAL_MS = 500;
    /** The longest wait between restart attempts (unless the first delay is longer). */
    public static final long MAX_RESTART_DELAY_MS = 10_000;
    /** Up this long after a restart, a server that dies again is restarted after the first delay again. */
    private static final long STABLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresSupervisor.class);

    private final Vertx vertx;
    private final Context context;
    private final EmbeddedPostgresServer server;
    private final long firstDelayMs;
    private final long maxDelayMs;
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile boolean up = true;
    private volatile long downSince;
    // On the context:
    private long checks = -1;
    private long retryTimer = -1;
    private boolean closed;
    private long delayMs;
    private int attempt;
    private long lastRestart;
    private Future<Void> restarting = Future.succeededFuture();

    /**
     * Watches {@code server} once {@link #start()}ed; the first restart attempt comes
     * {@code firstDelayMs} after the death is noticed.
     */
    public EmbeddedPostgresSupervisor(Vertx vertx, EmbeddedPostgresServer server, long firstDelayMs) {
        this.vertx = vertx;
        this.context = VertxInternals.newEventLoopContext(vertx);
        this.server = server;
        this.firstDelayMs = firstDelayMs;
        this.maxDelayMs = Math.max(MAX_RESTART_DELAY_MS, firstDelayMs);
        this.delayMs = firstDelayMs;
    }

    public EmbeddedPostgresSupervisor start() {
        context.runOnContext(v -> {
            if (!closed) {
                checks = vertx.setPeriodic(CHECK_INTERVAL_MS, id -> check());
            }
        });
        return this;
    }

    /** Whether the postmaster ran at the last look. */
    public boolean up() {
        return up;
    }

    /** Milliseconds since the death was noticed; 0 while up. */
    public long downForMs() {
        return up ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSince);
    }

    /** Successful restarts since the node started. */
    public long restarts() {
        return restarts.get();
    }

    /** Restart attempts that failed (and were tried again later). */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** Stops watching; waits for a restart in progress, so that the server can then be stopped for good. */
    public Future<Void> close() {
        Promise<Void> closedNow = Promise.promise();
        context.runOnContext(v -> {
            closed = true;
            vertx.cancelTimer(checks);
            vertx.cancelTimer(retryTimer);
            restarting.onComplete(ar -> closedNow.complete());
        });
        return closedNow.future();
    }

    private void check() {
        if (closed || !up || server.running()) {
            return;
        }
        up = false;
        downSince = System.nanoTime();
        // A server that died soon after its last restart waits longer each time.
        boolean unstable = lastRestart != 0 && downSince - lastRestart < STABLE_NANOS;
        delayMs = unstable ? Math.min(maxDelayMs, Math.max(1, delayMs) * 2) : firstDelayMs;
        attempt = 0;
        LOG.warn("embedded PostgreSQL (pid {}) is down: no edit is acknowledged until it is back; restarting it in {} ms",
                server.pid(), delayMs);
        scheduleRestart();
    }

    private void scheduleRestart() {
        retryTimer = vertx.setTimer(Math.max(1, delayMs), id -> {
            retryTimer = -1;
            restart();
        });
    }

    private void restart() {
        if (closed) {
            return;
        }
        attempt++;
        LOG.info("restarting embedded PostgreSQL on 127.0.0.1:{}, data in {} (attempt {})", server.port(),
                server.dataDirectory(), attempt);
        restarting = vertx.<Void>executeBlocking(() -> {
            server.restart();
            return null;
        }, false).onSuccess(v -> {
            lastRestart = System.nanoTime();
            restarts.incrementAndGet();
            up = true;
            LOG.info("embedded PostgreSQL restarted (pid {}) after {} ms down; edits are acknowledged again",
                    server.pid(), TimeUnit.NANOSECONDS.toMillis(lastRestart - downSince));
        }).onFailure(e -> {
            failedAttempts.incrementAndGet();
            delayMs = Math.min(maxDelayMs, Math.max(1, delayMs) * 2);
            if (closed) {
                return;
            }
            LOG.warn("could not restart embedded PostgreSQL (attempt {}): {}; trying again in {} ms", attempt,
                    e.getMessage(), delayMs);
            scheduleRestart();
        }).transform(ar -> Future.<Void>succeededFuture());
    }
}
