package dev.tandem.history;

import dev.tandem.storage.CompactionPolicy;
import dev.tandem.storage.CompactionResult;
import dev.tandem.storage.HistoryStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts old history in the background (docs/OPERATIONS.md, "History and compaction"): walks
 * the documents a page at a time, and runs one bounded batch ({@link HistoryStore#compact}) per
 * step with a pause between steps, so a node never spends long on it at once. Every node runs
 * one; each batch takes a database-wide lock first, so at any moment one node compacts and the
 * others find it busy and wait for their next interval.
 *
 * <p>What a batch may touch: revisions older than the retention window, at or before the latest
 * snapshot, and further behind the head than any client may still catch up from
 * ({@code keepRevisions}, the sequencers' catch-up limit).
 */
public final class HistoryCompactor extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryCompactor.class);

    private final HistoryStore store;
    private final HistoryOptions options;
    private final CompactionPolicy policy;
    private final HistoryMetrics metrics;
    private final LongSupplier clock;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private String cursor;
    private long timer = -1;
    private boolean stopping;
    private Future<Long> running = Future.succeededFuture(0L);

    /**
     * @param keepRevisions revisions this close to a document's head are never touched (the
     *     sequencers' catch-up limit)
     * @param clock epoch milliseconds
     */
    public HistoryCompactor(HistoryStore store, HistoryOptions options, long keepRevisions, HistoryMetrics metrics,
            LongSupplier clock) {
        this.store = store;
        this.options = options;
        this.policy = new CompactionPolicy(keepRevisions, options.runMillis(), options.batchRows(), options.snapshotSpacing());
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        schedule(options.pauseMillis());
        return Future.succeededFuture();
    }

    /** Lets a batch in flight finish (its transaction commits or rolls back whole) and stops. */
    @Override
    public Future<?> stop() {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return running.transform(ar -> Future.succeededFuture());
    }

    private void schedule(long delayMillis) {
        if (!stopping) {
            timer = vertx.setTimer(delayMillis, id -> {
                timer = -1;
                running = step().recover(e -> {
                    LOG.warn("history compaction failed: {}", e.toString());
                    metrics.batch("failed");
                    queue.poll(); // skip that document until the next sweep
                    return Future.succeededFuture(options.intervalMillis());
                });
                running.onSuccess(this::schedule);
            });
        }
    }

    /**
     * One step: one page of the document scan, or one batch of the document at the head of the
     * queue. Succeeds with the delay before the next step: the pause while there is work, the
     * interval when a sweep found nothing more or another node holds the lock.
     */
    Future<Long> step() {
        Instant olderThan = Instant.ofEpochMilli(clock.getAsLong() - options.retentionMillis());
        String doc = queue.peek();
        if (doc == null) {
            return store.compactionCandidates(cursor, olderThan, policy.keepRevisions(), options.scanPage()).map(page -> {
                queue.addAll(page.docIds());
                cursor = page.lastExamined();
                // A page that ends the scan starts the next sweep from the beginning, after the interval.
                return cursor == null && queue.isEmpty() ? options.intervalMillis() : options.pauseMillis();
            });
        }
        return store.compact(doc, policy, olderThan).map(result -> {
            report(result);
            if (result.busy()) {
                return options.intervalMillis();
            }
            if (result.done()) {
                queue.poll();
            }
            return options.pauseMillis();
        });
    }

    private void report(CompactionResult r) {
        if (r.busy()) {
            metrics.batch("busy");
            return;
        }
        metrics.batch(r.done() ? "done" : "more");
        if (r.rowsRemoved() > 0 || r.snapshotsDropped() > 0) {
            metrics.compacted(r.rowsRemoved(), r.bytesReclaimed());
            metrics.snapshotsDropped(r.snapshotsDropped());
            LOG.debug("{}: compacted {} revisions, dropped {} snapshots, {} bytes", r.docId(), r.rowsRemoved(),
                    r.snapshotsDropped(), r.bytesReclaimed());
        }
    }
}
