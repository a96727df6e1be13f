package dev.tandem.sequencer;

import dev.tandem.ot.sequencer.Submission;
import dev.tandem.bus.Addresses;
import dev.tandem.bus.BusFailure;
import dev.tandem.bus.BusMessages.OpenReply;
import dev.tandem.bus.BusMessages.OpenRequest;
import dev.tandem.bus.BusMessages.SubmitReply;
import dev.tandem.bus.BusMessages.SubmitRequest;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import dev.tandem.vertx.VertxInternals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How gateways and the REST API talk to sequencers, wherever they run: a request to the
 * document's address, and if no sequencer is listening, an activation on its owner and a retry.
 * Failures come back as {@link dev.tandem.protocol.TandemException}s with a protocol code.
 */
public final class SequencerClient {
    private static final long RETRY_DELAY_MS = 50;
    private static final long MAX_RETRY_DELAY_MS = 500;
    private static final long RETRY_WINDOW_MS = 10_000;

    private final Vertx vertx;
    private final DocumentOwnership ownership;
    private final DeliveryOptions delivery;
    /** Requests waiting for an answer, by the node that owned their document when they were sent. */
    private final Map<String, Set<Pending>> inFlight = new ConcurrentHashMap<>();

    /** A request in flight, and the context its answer must be delivered on. */
    private record Pending(Promise<Object> promise, Context context) {
    }

    public SequencerClient(Vertx vertx, DocumentOwnership ownership, long timeoutMs) {
        this.vertx = vertx;
        this.ownership = ownership;
        this.delivery = new DeliveryOptions().setSendTimeout(timeoutMs);
        ownership.onNodeLeft(this::nodeLeft);
    }

    /**
     * A node died: the requests it was answering never will be. Fail them now as timed out (and
     * so retried at the document's new owner) instead of waiting out the timeout.
     */
    private void nodeLeft(String nodeId) {
        Set<Pending> lost = inFlight.remove(nodeId);
        if (lost == null) {
            return;
        }
        for (Pending p : lost) {
            p.context().runOnContext(v -> p.promise().tryFail(
                    new ReplyException(ReplyFailure.TIMEOUT, "node " + nodeId + " left the cluster")));
        }
    }

    public DocumentOwnership ownership() {
        return ownership;
    }

    /** The committed state of a document: a snapshot, or the revisions after {@code knownRev}. */
    public Future<OpenReply> open(String docId, long knownRev) {
        return onCaller(request(docId, new OpenRequest(docId, knownRev, null), null, 1, deadline()));
    }

    /**
     * Like {@link #open(String, long)}, creating the document with type {@code createType} if it
     * does not exist and that is not null; a document of another type than {@code expectType}
     * (unless null) is refused with {@code TYPE_MISMATCH}.
     */
    public Future<OpenReply> open(String docId, long knownRev, String createType, String expectType) {
        return onCaller(request(docId, new OpenRequest(docId, knownRev, expectType), createType, 1, deadline()));
    }

    /** Submits an edit; completes once it is committed (or recognised as a duplicate). */
    public Future<SubmitReply> submit(String docId, Submission submission) {
        return onCaller(request(docId, new SubmitRequest(docId, submission), null, 1, deadline()));
    }

    /**
     * {@code f}'s outcome on the context that asked. A request that found no sequencer goes on
     * from wherever the activation completed (the new sequencer's deployment), and its reply
     * came back there: the first session to open a document then wrote to its outbox from a
     * foreign event loop while the document channel wrote to it from its own (an
     * IndexOutOfBoundsException in Outbox and a ConcurrentModificationException answered as
     * INTERNAL_ERROR, under the warm-up's crowd).
     */
    private static <T> Future<T> onCaller(Future<T> f) {
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return f;
        }
        Promise<T> back = VertxInternals.promiseOn(caller);
        f.onComplete(ar -> {
            if (ar.succeeded()) {
                back.complete(ar.result());
            } else {
                back.fail(ar.cause());
            }
        });
        return back.future();
    }

    /**
     * How long a request keeps being retried: long enough for a document to move to a new owner
     * after a node dies (detection, partition migration, load), whether each attempt fails fast
     * or waits out its timeout.
     */
    private long deadline() {
        return System.nanoTime() + Math.max(RETRY_WINDOW_MS, 3 * delivery.getSendTimeout()) * 1_000_000L;
    }

    @SuppressWarnings("unchecked")
    private <T> Future<T> send(String docId, Object body) {
        String owner = ownership.owner(docId).nodeId();
        Pending pending = new Pending(Promise.promise(), vertx.getOrCreateContext());
        Set<Pending> pendings = inFlight.computeIfAbsent(owner, n -> ConcurrentHashMap.newKeySet());
        pendings.add(pending);
        vertx.eventBus().request(Addresses.sequencer(docId), body, delivery).onComplete(ar -> {
            pendings.remove(pending);
            if (ar.succeeded()) {
                pending.promise().tryComplete(ar.result().body());
            } else {
                pending.promise().tryFail(ar.cause());
            }
        });
        return (Future<T>) pending.promise().future();
    }

    private <T> Future<T> request(String docId, Object body, String createType, int attempt, long deadline) {
        return this.<T>send(docId, body).recover(e -> {
            boolean timeLeft = System.nanoTime() < deadline;
            if (timeLeft && e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
                // Nobody runs the document: have its owner start a sequencer, then ask again.
                return ownership.activate(docId, createType).transform(ar -> {
                    if (ar.succeeded()) {
                        return request(docId, body, createType, attempt + 1, deadline);
                    }
                    TandemException t = BusFailure.toTandem(ar.cause());
                    return t.code() == ErrorCode.UNAVAILABLE && System.nanoTime() < deadline
                            ? this.<T>retryLater(docId, body, createType, attempt, deadline)
                            : Future.failedFuture(t);
                });
            }
            TandemException t = BusFailure.toTandem(e);
            if (timeLeft && e instanceof ReplyException re
                    && (re.failureType() == ReplyFailure.TIMEOUT
                        || re.failureType() == ReplyFailure.RECIPIENT_FAILURE && t.code() == ErrorCode.UNAVAILABLE)) {
                // The sequencer is moving, reloading, or its node died with our request: a new one
                // answers shortly. Resending is safe: submissions are deduplicated by
                // (clientId, seq), and opens and reads change nothing.
                return retryLater(docId, body, createType, attempt, deadline);
            }
            return Future.failedFuture(t);
        });
    }

    private <T> Future<T> retryLater(String docId, Object body, String createType, int attempt, long deadline) {
        Promise<T> retry = Promise.promise();
        long delay = Math.min(RETRY_DELAY_MS * attempt, MAX_RETRY_DELAY_MS);
        vertx.setTimer(delay, id -> this.<T>request(docId, body, createType, attempt + 1, deadline).onComplete(retry));
        return retry.future();
    }
}
