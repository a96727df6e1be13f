package dev.tandem.storage;

import dev.tandem.vertx.VertxInternals;
import dev.tandem.ot.sequencer.RevisionRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: revisions from every document of the node, queued as they are sequenced, are
 * written to storage many at a time, one statement per batch, so throughput is not one fsync
 * per keystroke.
 *
 * <p>Documents are spread over {@code lanes} by id; each lane has at most one batch in flight,
 * which keeps a document's revisions committed in order (a later batch never passes an earlier
 * one), while different lanes commit in parallel on different connections. When a batch fails,
 * its documents are marked failed and their revisions still queued are refused too: a revision
 * must never be stored after an earlier one of its document was lost.
 */
public final class GroupCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private final DocumentStore store;
    private final Lane[] lanes;
    private final int maxBatch;
    private final CommitListener listener;

    /** Observes batches, for metrics. Called on the committer's own event loops. */
    public interface CommitListener {
        CommitListener NONE = new CommitListener() {
        };

        /** {@code size} revisions were committed in one statement taking {@code nanos}. */
        default void batchCommitted(int size, long nanos) {
        }

        /** A statement of {@code size} revisions failed; its documents will reload. */
        default void batchFailed(int size, Throwable cause) {
        }
    }

    /**
     * One document's stream of revisions into the committer. Failed once a batch holding one of
     * its revisions failed; from then on everything it submits is refused.
     */
    public static final class Ticket {
        private final String docId;
        private volatile Throwable failure;

        public Ticket(String docId) {
            this.docId = docId;
        }

        public boolean failed() {
            return failure != null;
        }
    }

    private record Item(Ticket ticket, RevisionRecord revision, Context context, Promise<Void> promise) {
    }

    public GroupCommitter(Vertx vertx, DocumentStore store, int lanes, int maxBatch, CommitListener listener) {
        this.store = store;
        this.maxBatch = maxBatch;
        this.listener = listener;
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            // Each lane gets its own event-loop context, so batches are issued off the sequencers' loops.
            this.lanes[i] = new Lane(VertxInternals.newEventLoopContext(vertx));
        }
    }

    /**
     * Queues a revision. The future completes on {@code context} once the revision is durable,
     * or fails if it could not be stored (then all later ones of the same ticket fail too).
     */
    public Future<Void> commit(Ticket ticket, RevisionRecord revision, Context context) {
        Promise<Void> promise = VertxInternals.promiseOn(context);
        if (ticket.failed()) {
            promise.fail(ticket.failure);
            return promise.future();
        }
        Lane lane = lanes[Math.floorMod(ticket.docId.hashCode(), lanes.length)];
        lane.queue.add(new Item(ticket, revision, context, promise));
        lane.queued.incrementAndGet();
        lane.kick();
        return promise.future();
    }

    /** Revisions waiting or in flight, for metrics. */
    public int pending() {
        int n = 0;
        for (Lane lane : lanes) {
            n += lane.queued.get();
        }
        return n;
    }

    private final class Lane {
        final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
        final AtomicInteger queued = new AtomicInteger();
        final Context context;

        Lane(Context context) {
            this.context = context;
        }

        void kick() {
            if (!queue.isEmpty() && busy.compareAndSet(false, true)) {
                context.runOnContext(v -> flush());
            }
        }

        private void flush() {
            List<Item> batch = new ArrayList<>();
            Item item;
            while (batch.size() < maxBatch && (item = queue.poll()) != null) {
                if (item.ticket.failed()) {
                    queued.decrementAndGet();
                    item.promise.fail(item.ticket.failure);
                } else {
                    batch.add(item);
                }
            }
            if (batch.isEmpty()) {
                busy.set(false);
                kick(); // an item may have arrived between the last poll and clearing busy
                return;
            }
            List<RevisionRecord> revisions = new ArrayList<>(batch.size());
            for (Item i : batch) {
                revisions.add(i.revision);
            }
            long start = System.nanoTime();
            store.append(revisions).onComplete(ar -> {
                queued.addAndGet(-batch.size());
                if (ar.succeeded()) {
                    listener.batchCommitted(batch.size(), System.nanoTime() - start);
                    for (Item i : batch) {
                        i.promise.complete();
                    }
                } else {
                    LOG.warn("commit of {} revisions failed: {}", batch.size(), ar.cause().toString());
                    listener.batchFailed(batch.size(), ar.cause());
                    for (Item i : batch) {
                        i.ticket.failure = ar.cause();
                    }
                    for (Item i : batch) {
                        i.promise.fail(ar.cause());
                    }
                }
                flush();
            });
        }
    }
}
