package dev.tandem.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Event-loop lag: on every event loop, a task scheduled {@code intervalMs} ahead records how late
 * it actually ran. A loop busy with long handlers (or starved of CPU) runs it late, and so every
 * message, ack and broadcast waiting on that loop is late by as much.
 */
final class EventLoopLag implements AutoCloseable {
    static final long DEFAULT_INTERVAL_MS = 100;

    private final long intervalNanos;
    private final List<Probe> probes = new ArrayList<>();
    private volatile boolean closed;

    EventLoopLag(MeterRegistry registry, EventExecutorGroup loops, long intervalMs) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        int i = 0;
        for (EventExecutor loop : loops) {
            Timer lag = Timer.builder("tandem_event_loop_lag")
                    .description("How late a timer runs on each event loop (sampled every " + intervalMs
                            + " ms): work queued on a loop waits at least this long")
                    .tag("loop", Integer.toString(i++))
                    .serviceLevelObjectives(Slo.LATENCY)
                    .register(registry);
            probes.add(new Probe(loop, lag));
        }
    }

    void start() {
        for (Probe p : probes) {
            p.schedule();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Probe p : probes) {
            ScheduledFuture<?> f = p.next;
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    /** The probe of one loop; its fields are only touched on that loop (and by close, which only cancels). */
    private final class Probe implements Runnable {
        final EventExecutor loop;
        final Timer lag;
        volatile ScheduledFuture<?> next;
        long due;

        Probe(EventExecutor loop, Timer lag) {
            this.loop = loop;
            this.lag = lag;
        }

        void schedule() {
            if (closed || loop.isShuttingDown()) {
                return;
            }
            due = System.nanoTime() + intervalNanos;
            next = loop.schedule(this, intervalNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            lag.record(Math.max(0, System.nanoTime() - due), TimeUnit.NANOSECONDS);
            schedule();
        }
    }
}
