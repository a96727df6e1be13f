package dev.tandem.sequencer;

import dev.tandem.bus.Addresses;
import dev.tandem.bus.BusFailure;
import dev.tandem.bus.BusMessages.OpenReply;
import dev.tandem.bus.BusMessages.OpenRequest;
import dev.tandem.bus.BusMessages.SubmitReply;
import dev.tandem.bus.BusMessages.SubmitRequest;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * How gateways and the REST API talk to sequencers, wherever they run: a request to the
 * document's address, and if no sequencer is listening, an activation on its owner and a retry.
 * Failures come back as {@link dev.tandem.protocol.TandemException}s with a protocol code.
 */
public final class SequencerClient {
    private static final int MAX_ATTEMPTS = 6;
    private static final long RETRY_DELAY_MS = 100;

    private final Vertx vertx;
    private final DocumentOwnership ownership;
    private final DeliveryOptions delivery;

    public SequencerClient(Vertx vertx, DocumentOwnership ownership, long timeoutMs) {
        this.vertx = vertx;
        this.ownership = ownership;
        this.delivery = new DeliveryOptions().setSendTimeout(timeoutMs);
    }

    public DocumentOwnership ownership() {
        return ownership;
    }

    /** The committed state of a document: a snapshot, or the revisions after {@code knownRev}. */
    public Future<OpenReply> open(String docId, long knownRev, boolean create) {
        return request(docId, new OpenRequest(docId, knownRev), create, 1);
    }

    /** Submits an edit; completes once it is committed (or recognised as a duplicate). */
    public Future<SubmitReply> submit(String docId, Submission submission) {
        return request(docId, new SubmitRequest(docId, submission), false, 1);
    }

    private <T> Future<T> request(String docId, Object body, boolean create, int attempt) {
        return vertx.eventBus().<T>request(Addresses.sequencer(docId), body, delivery)
                .map(Message::body)
                .recover(e -> {
                    if (attempt < MAX_ATTEMPTS && e instanceof ReplyException re
                            && re.failureType() == ReplyFailure.NO_HANDLERS) {
                        return ownership.activate(docId, create)
                                .recover(err -> Future.failedFuture(BusFailure.toTandem(err)))
                                .compose(v -> request(docId, body, create, attempt + 1));
                    }
                    TandemException t = BusFailure.toTandem(e);
                    if (attempt < MAX_ATTEMPTS && e instanceof ReplyException re
                            && (re.failureType() == ReplyFailure.TIMEOUT
                                || re.failureType() == ReplyFailure.RECIPIENT_FAILURE && t.code() == ErrorCode.UNAVAILABLE)) {
                        // The sequencer is moving, reloading, or its node died with our request:
                        // a new one answers shortly. Resending is safe: submissions are deduplicated
                        // by (clientId, seq), and opens and reads change nothing.
                        Promise<T> retry = Promise.promise();
                        vertx.setTimer(RETRY_DELAY_MS * attempt, id -> this.<T>request(docId, body, create, attempt + 1)
                                .onComplete(retry));
                        return retry.future();
                    }
                    return Future.failedFuture(t);
                });
    }
}
