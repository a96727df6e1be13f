package dev.tandem.sequencer;

import dev.tandem.vertx.VertxInternals;
import dev.tandem.storage.DocumentStore;
import dev.tandem.storage.GroupCommitter;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the sequencers of the documents this node owns: deploys a {@link SequencerVerticle} when a
 * document is first used and undeploys it when it goes idle. At most one sequencer per document
 * runs on the node: a new one is only deployed once the previous one has fully stopped.
 * Thread-safe; called from gateways and from the sequencers themselves.
 */
public final class SequencerManager {
    private final Vertx vertx;
    private final DocumentStore store;
    private final GroupCommitter committer;
    private final SequencerOptions options;
    private final SequencerMetrics metrics;
    private final Map<String, Activation> active = new HashMap<>();
    /**
     * Deployments are made from this context of the manager's own: a verticle deployed from
     * another verticle's context becomes its child, dies with it, and cannot be deployed at all
     * while that parent is being undeployed (a reload right after an unload would fail).
     */
    private final Context context;
    private boolean closing;
    private final long idleSweep;

    private static final class Activation {
        final Future<String> deployment;
        SequencerVerticle verticle;
        Future<Void> stopping;

        Activation(Future<String> deployment) {
            this.deployment = deployment;
        }
    }

    public SequencerManager(Vertx vertx, DocumentStore store, GroupCommitter committer, SequencerOptions options,
            SequencerMetrics metrics) {
        this.vertx = vertx;
        this.store = store;
        this.committer = committer;
        this.options = options;
        this.metrics = metrics;
        this.context = VertxInternals.newEventLoopContext(vertx);
        long sweepEvery = Math.max(50, Math.min(options.idleTimeoutMs() / 2, 5_000));
        this.idleSweep = vertx.setPeriodic(sweepEvery, id -> unloadIdle());
    }

    /** Stops the sequencers that have been idle for the configured time (they snapshot first). */
    private void unloadIdle() {
        long idleNanos = options.idleTimeoutMs() * 1_000_000L;
        List<Map.Entry<String, Activation>> idle = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, Activation> e : active.entrySet()) {
                Activation a = e.getValue();
                if (a.stopping == null && a.verticle != null && a.deployment.succeeded() && a.verticle.idleFor(idleNanos)) {
                    idle.add(e);
                }
            }
        }
        for (Map.Entry<String, Activation> e : idle) {
            deactivate(e.getKey(), e.getValue().deployment.result());
        }
    }

    /**
     * Makes sure the document's sequencer runs here; creates the document first, with type
     * {@code createType}, unless that is null.
     */
    public Future<Void> activate(String docId, String createType) {
        Promise<String> promise = Promise.promise();
        Activation mine;
        synchronized (this) {
            if (closing) {
                return Future.failedFuture(new dev.tandem.protocol.TandemException(
                        dev.tandem.protocol.ErrorCode.UNAVAILABLE, "this node is shutting down"));
            }
            Activation current = active.get(docId);
            if (current != null && current.stopping == null) {
                if (createType == null) {
                    return current.deployment.mapEmpty();
                }
                // An activation that does not create (a REST read, say) may be loading the document
                // right now and find nothing: this one creates it, so it starts again once that one
                // has failed (a failed activation has left the map by then). Without this, the first
                // person to open a fresh link got DOCUMENT_NOT_FOUND when a read raced the create.
                return current.deployment.<Void>mapEmpty().recover(e -> isNotFound(e)
                        ? activate(docId, createType)
                        : Future.failedFuture(e));
            }
            if (current != null) {
                return current.stopping.compose(v -> activate(docId, createType));
            }
            mine = new Activation(promise.future());
            active.put(docId, mine);
        }
        Future<Boolean> created = createType != null ? store.createDocument(docId, createType) : Future.succeededFuture(false);
        SequencerVerticle verticle = new SequencerVerticle(docId, store, committer, options, this, metrics);
        mine.verticle = verticle;
        created.compose(v -> onOwnContext(() -> vertx.deployVerticle(verticle, new DeploymentOptions())))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        synchronized (this) {
                            active.remove(docId, mine);
                        }
                    }
                    promise.handle(ar);
                });
        return promise.future().mapEmpty();
    }

    private static boolean isNotFound(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof dev.tandem.protocol.TandemException t) {
                return t.code() == dev.tandem.protocol.ErrorCode.DOCUMENT_NOT_FOUND;
            }
        }
        return false;
    }

    /** Stops the document's sequencer if it is still deployment {@code deploymentId}. */
    public Future<Void> deactivate(String docId, String deploymentId) {
        Activation a;
        synchronized (this) {
            a = active.get(docId);
            if (a == null || a.stopping != null || !a.deployment.succeeded()
                    || !a.deployment.result().equals(deploymentId)) {
                return Future.succeededFuture();
            }
            a.stopping = onOwnContext(() -> vertx.undeploy(deploymentId)).recover(e -> Future.succeededFuture());
        }
        Activation stopped = a;
        return a.stopping.onComplete(v -> {
            synchronized (this) {
                active.remove(docId, stopped);
            }
        });
    }

    private <T> Future<T> onOwnContext(java.util.function.Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(promise));
        return promise.future();
    }

    /** Whether this node currently runs the document's sequencer. */
    public synchronized boolean isActive(String docId) {
        Activation a = active.get(docId);
        return a != null && a.stopping == null && a.deployment.succeeded();
    }

    /** Documents with a running sequencer. */
    public synchronized int activeCount() {
        return active.size();
    }

    /** Ids of the documents with a sequencer here. */
    public synchronized List<String> activeDocuments() {
        return new ArrayList<>(active.keySet());
    }

    /** Refuses new activations from now on and stops every sequencer: the node is leaving. */
    public Future<Void> close() {
        synchronized (this) {
            closing = true;
        }
        vertx.cancelTimer(idleSweep);
        return stopAll();
    }

    /** Stops every sequencer (writing their snapshots), for shutdown or hand-over. */
    public Future<Void> stopAll() {
        List<Future<Void>> stops = new ArrayList<>();
        for (String doc : activeDocuments()) {
            stops.add(stop(doc));
        }
        return Future.join(stops).mapEmpty();
    }

    /** Stops the document's sequencer, whatever its deployment. */
    public Future<Void> stop(String docId) {
        Activation a;
        synchronized (this) {
            a = active.get(docId);
        }
        if (a == null) {
            return Future.succeededFuture();
        }
        return a.deployment.transform(ar -> ar.succeeded() ? deactivate(docId, ar.result()) : Future.succeededFuture());
    }
}
