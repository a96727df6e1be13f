package dev.tandem.sequencer;

import dev.tandem.ot.sequencer.Outcome;
import dev.tandem.ot.sequencer.Sequencer;
import dev.tandem.bus.Addresses;
import dev.tandem.bus.BusFailure;
import dev.tandem.bus.BusMessages.OpenReply;
import dev.tandem.bus.BusMessages.OpenRequest;
import dev.tandem.bus.BusMessages.SubmitReply;
import dev.tandem.bus.BusMessages.SubmitRequest;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import dev.tandem.storage.DocumentStore;
import dev.tandem.storage.GroupCommitter;
import dev.tandem.ot.sequencer.LoadedDocument;
import dev.tandem.ot.sequencer.RevisionRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the {@link Sequencer} of one document on its own event-loop context: takes requests from
 * the event bus one at a time, does the storage round trips the sequencer asks for, sends
 * sequenced revisions to the {@link GroupCommitter}, and once a revision is committed replies to
 * its submitter and publishes it to every gateway.
 *
 * <p>Nobody is ever told about a revision before it is committed: acks, broadcasts, open replies
 * and REST reads all wait for the commit. If a commit fails the verticle stops; the next request
 * deploys a fresh one that reloads the document from storage.
 */
public final class SequencerVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(SequencerVerticle.class);
    private static final long STOP_WAIT_MS = 5_000;

    private final String docId;
    private final DocumentStore store;
    private final GroupCommitter committer;
    private final SequencerOptions options;
    private final SequencerManager manager;
    private final SequencerMetrics metrics;

    private Sequencer sequencer;
    private GroupCommitter.Ticket ticket;
    private MessageConsumer<Object> consumer;
    private final ArrayDeque<Message<Object>> inbox = new ArrayDeque<>();
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
    private boolean busy;
    private boolean failed;
    private boolean stopping;
    private Promise<Void> commitsDrained;
    private volatile long lastActivity;
    private volatile boolean quiet = true; // nothing queued, in flight or waiting
    private long lastSnapshotRev;
    private int uncommitted;

    /** An action to run once every revision up to {@code rev} is committed. */
    private record Waiter(long rev, long order, Runnable action, Message<Object> message) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter o) {
            int c = Long.compare(rev, o.rev);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private long waiterOrder;

    SequencerVerticle(String docId, DocumentStore store, GroupCommitter committer, SequencerOptions options,
            SequencerManager manager, SequencerMetrics metrics) {
        this.docId = docId;
        this.store = store;
        this.committer = committer;
        this.options = options;
        this.manager = manager;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        long t0 = System.nanoTime();
        return store.load(docId).compose(loaded -> {
            if (loaded.isEmpty()) {
                return Future.failedFuture(new TandemException(ErrorCode.DOCUMENT_NOT_FOUND,
                        "document " + docId + " does not exist"));
            }
            LoadedDocument doc = loaded.get();
            sequencer = new Sequencer(docId, doc, options.limits(), System::currentTimeMillis);
            lastSnapshotRev = doc.snapshot().rev();
            ticket = new GroupCommitter.Ticket(docId);
            lastActivity = System.nanoTime();
            consumer = vertx.eventBus().consumer(Addresses.sequencer(docId), this::receive);
            metrics.documentLoaded(System.nanoTime() - t0, doc.revisionsAfter().size());
            return consumer.completion();
        });
    }

    /**
     * Hand-over: refuse new requests (senders retry and reach the next sequencer), let the
     * commits in flight land, and only then leave the address, so the next sequencer of this
     * document loads everything this one committed.
     */
    @Override
    public Future<?> stop() {
        stopping = true;
        failAll(ErrorCode.UNAVAILABLE, "document " + docId + " is moving; retry");
        Promise<Void> drained = Promise.promise();
        if (uncommitted == 0) {
            drained.complete();
        } else {
            commitsDrained = drained;
            vertx.setTimer(STOP_WAIT_MS, id -> drained.tryComplete());
        }
        return drained.future().compose(d -> consumer == null ? Future.succeededFuture() : consumer.unregister())
                .compose(v -> {
            failAll(ErrorCode.UNAVAILABLE, "document " + docId + " is moving; retry");
            if (sequencer == null || failed || sequencer.committedHead() <= lastSnapshotRev) {
                return Future.succeededFuture();
            }
            // Only committed state goes into a snapshot; uncommitted revisions were just failed.
            return writeSnapshotIfCommitted();
        }).recover(e -> {
            LOG.warn("{}: snapshot on stop failed: {}", docId, e.toString());
            return Future.succeededFuture();
        }).onComplete(v -> metrics.documentUnloaded());
    }

    private Future<Void> writeSnapshotIfCommitted() {
        if (sequencer.head() != sequencer.committedHead()) {
            return Future.succeededFuture();
        }
        long rev = sequencer.head();
        return store.saveSnapshot(docId, rev, sequencer.snapshot()).onSuccess(v -> lastSnapshotRev = rev);
    }

    private void receive(Message<Object> message) {
        lastActivity = System.nanoTime();
        if (stopping) {
            fail(message, ErrorCode.UNAVAILABLE, "document " + docId + " is moving; retry");
            return;
        }
        if (failed) {
            fail(message, ErrorCode.UNAVAILABLE, "document " + docId + " is reloading; retry");
            return;
        }
        inbox.add(message);
        metrics.queueDepth(inbox.size());
        drain();
    }

    /** Processes queued requests in order; a request needing storage pauses the queue until it is done. */
    private void drain() {
        drainQueue();
        updateQuiet();
    }

    private void drainQueue() {
        while (!busy && !failed && !stopping && !inbox.isEmpty()) {
            Message<Object> message = inbox.poll();
            Future<Void> done;
            try {
                done = process(message);
            } catch (RuntimeException e) {
                LOG.error("{}: request failed", docId, e);
                fail(message, ErrorCode.INTERNAL_ERROR, e.toString());
                continue;
            }
            if (!done.isComplete()) {
                busy = true;
                done.onComplete(ar -> {
                    busy = false;
                    drain();
                });
            }
        }
    }

    private Future<Void> process(Message<Object> message) {
        Object body = message.body();
        if (body instanceof SubmitRequest submit) {
            return submit(message, submit, List.of());
        } else if (body instanceof OpenRequest open) {
            return open(message, open);
        }
        fail(message, ErrorCode.MALFORMED_MESSAGE, "unknown request " + (body == null ? null : body.getClass()));
        return Future.succeededFuture();
    }

    private Future<Void> submit(Message<Object> message, SubmitRequest request, List<RevisionRecord> older) {
        return answer(message, request, older, sequencer.submit(request.submission(), older));
    }

    private Future<Void> answer(Message<Object> message, SubmitRequest request, List<RevisionRecord> older,
            Outcome outcome) {
        if (outcome instanceof Outcome.Accepted accepted) {
            commit(message, accepted);
        } else if (outcome instanceof Outcome.Duplicate dup) {
            metrics.duplicate();
            whenCommitted(dup.rev(), message, () -> message.reply(new SubmitReply(dup.rev(), true)));
        } else if (outcome instanceof Outcome.Rejected rejected) {
            ErrorCode code = ErrorCode.valueOf(rejected.reason().name());
            metrics.rejected(code);
            fail(message, code, rejected.message(), rejected.detail());
        } else if (outcome instanceof Outcome.NeedClient need) {
            return store.lastSubmission(docId, need.clientId())
                    .compose(last -> {
                        sequencer.learnClient(need.clientId(), last.orElse(null));
                        return submit(message, request, older);
                    })
                    .recover(e -> storageFailed(message, e));
        } else if (outcome instanceof Outcome.NeedSubmission need) {
            return store.submissionRevision(docId, need.clientId(), need.seq())
                    .compose(rev -> answer(message, request, older,
                            sequencer.earlierSubmission(request.submission(), rev.orElse(null))))
                    .recover(e -> storageFailed(message, e));
        } else if (outcome instanceof Outcome.NeedHistory need) {
            return store.revisions(docId, need.fromRev(), need.toRev(), (int) (need.toRev() - need.fromRev() + 1))
                    .compose(revisions -> submit(message, request, revisions))
                    .recover(e -> storageFailed(message, e));
        }
        return Future.succeededFuture();
    }

    private void commit(Message<Object> message, Outcome.Accepted accepted) {
        RevisionRecord revision = accepted.revision();
        uncommitted++;
        committer.commit(ticket, revision, context).onComplete(ar -> {
            uncommitted--;
            if (uncommitted == 0 && commitsDrained != null) {
                commitsDrained.tryComplete();
            }
            if (failed) {
                fail(message, ErrorCode.UNAVAILABLE, "commit failed; resubmit");
                return;
            }
            if (ar.failed()) {
                commitFailed(message, ar.cause());
                return;
            }
            sequencer.markCommitted(revision.rev());
            lastActivity = System.nanoTime();
            vertx.eventBus().publish(Addresses.revisions(docId), revision);
            message.reply(new SubmitReply(revision.rev(), false));
            if (accepted.snapshot() != null) {
                long rev = revision.rev();
                store.saveSnapshot(docId, rev, accepted.snapshot())
                        .onSuccess(v -> lastSnapshotRev = Math.max(lastSnapshotRev, rev))
                        .onFailure(e -> LOG.warn("{}: snapshot at {} failed: {}", docId, rev, e.toString()));
            }
            releaseWaiters();
            updateQuiet();
        });
    }

    private Future<Void> open(Message<Object> message, OpenRequest request) {
        long head = sequencer.head();
        long known = request.knownRev();
        String type = sequencer.type().name();
        if (request.docType() != null && !request.docType().equals(type)) {
            fail(message, ErrorCode.TYPE_MISMATCH, "document " + docId + " is a " + type + " document, not "
                    + request.docType());
            return Future.succeededFuture();
        }
        if (known > head) {
            fail(message, ErrorCode.REVISION_IN_FUTURE, "revision " + known + " is after the head " + head);
            return Future.succeededFuture();
        }
        if (known < 0 || head - known > options.limits().maxCatchUp()) {
            String snapshot = sequencer.snapshot();
            boolean reset = known >= 0;
            whenCommitted(head, message, () -> message.reply(new OpenReply(type, head, snapshot, null, reset)));
            return Future.succeededFuture();
        }
        List<RevisionRecord> inMemory = sequencer.revisionsFrom(known + 1);
        if (inMemory != null) {
            whenCommitted(head, message, () -> message.reply(new OpenReply(type, head, null, inMemory, false)));
            return Future.succeededFuture();
        }
        // Older than memory: read the gap from storage while the queue waits (memory cannot move meanwhile).
        long oldest = sequencer.oldestInMemory();
        return store.revisions(docId, known + 1, oldest - 1, (int) (oldest - 1 - known)).map(older -> {
            List<RevisionRecord> all = new ArrayList<>(older);
            all.addAll(sequencer.revisionsFrom(oldest));
            whenCommitted(head, message, () -> message.reply(new OpenReply(type, head, null, all, false)));
            return (Void) null;
        }).recover(e -> storageFailed(message, e));
    }

    private void whenCommitted(long rev, Message<Object> message, Runnable action) {
        if (rev <= sequencer.committedHead()) {
            action.run();
        } else {
            waiters.add(new Waiter(rev, waiterOrder++, action, message));
        }
    }

    private void releaseWaiters() {
        while (!waiters.isEmpty() && waiters.peek().rev() <= sequencer.committedHead()) {
            waiters.poll().action().run();
        }
    }

    private Future<Void> storageFailed(Message<Object> message, Throwable e) {
        LOG.warn("{}: storage read failed: {}", docId, e.toString());
        fail(message, ErrorCode.UNAVAILABLE, "storage unavailable: " + e.getMessage());
        return Future.succeededFuture();
    }

    /**
     * A commit failed: the in-memory state is ahead of storage and cannot be trusted. Refuse
     * everything pending and stop; a new sequencer reloads what storage really holds.
     */
    private void commitFailed(Message<Object> message, Throwable cause) {
        LOG.warn("{}: commit failed, reloading the document: {}", docId, cause.toString());
        failed = true;
        fail(message, ErrorCode.UNAVAILABLE, "commit failed; resubmit");
        failAll(ErrorCode.UNAVAILABLE, "commit failed; resubmit");
        manager.deactivate(docId, deploymentID());
    }

    private void failAll(ErrorCode code, String text) {
        while (!waiters.isEmpty()) {
            fail(waiters.poll().message(), code, text);
        }
        Message<Object> m;
        while ((m = inbox.poll()) != null) {
            fail(m, code, text);
        }
    }

    /**
     * Whether this sequencer has had nothing to do for {@code idleNanos}. Read by the manager's
     * sweep from another thread: one sweep for all documents instead of a timer each.
     */
    boolean idleFor(long idleNanos) {
        return quiet && System.nanoTime() - lastActivity >= idleNanos;
    }

    private void updateQuiet() {
        quiet = !failed && !busy && inbox.isEmpty() && uncommitted == 0 && waiters.isEmpty();
    }

    private static void fail(Message<Object> message, ErrorCode code, String text) {
        fail(message, code, text, null);
    }

    private static void fail(Message<Object> message, ErrorCode code, String text, String detail) {
        BusFailure.fail(message, new TandemException(code, text, detail));
    }
}
