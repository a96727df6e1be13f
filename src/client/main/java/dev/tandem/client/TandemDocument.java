package dev.tandem.client;

import dev.tandem.client.model.ClientType;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.client.model.Participant;
import dev.tandem.ot.Operation;
import dev.tandem.protocol.ServerMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One open document of a {@link TandemClient}, of any type: what every type shares (revision,
 * sync, presence, listeners, close). The typed documents add their editing methods:
 * {@link ClientDocument} (plain text), {@link RichTextClientDocument} (Quill Delta),
 * {@link CanvasClientDocument}.
 *
 * <p>Every method is thread-safe (a lock guards the state); listeners run on the client's context
 * while that lock is held, so they see the document exactly as of the event, and must not block.
 * See {@link DocumentModel} for what happens to unconfirmed edits across reconnects and resyncs.
 *
 * @param <O> the operation class of the document's type
 * @param <S> its selections (see {@link Participant})
 */
public abstract sealed class TandemDocument<O extends Operation, S>
        permits ClientDocument, RichTextClientDocument, CanvasClientDocument {
    private final TandemClient client;
    final DocumentModel<O, S> model;
    private final boolean create;
    private final Promise<Void> opened = Promise.promise();
    private final PresenceThrottle throttle;
    private final List<Promise<Void>> syncWaiters = new ArrayList<>(); // guarded by model
    private Promise<Void> closing; // guarded by model
    private ServerMessage.Error lastError; // guarded by model
    private long typingTimer = -1; // on the context

    TandemDocument(TandemClient client, ClientType<O, S> type, String id, boolean create, long lastSeq) {
        this.client = client;
        this.create = create;
        this.throttle = new PresenceThrottle(client.options().getPresencePerSecond());
        this.model = new DocumentModel<>(type, id, client.clientId(), client::publicId, lastSeq, client::send,
                (delay, task) -> client.timer(delay, () -> locked(task)));
        model.addListener(new DocumentListener<>() {
            @Override
            public void synced(long rev) {
                List<Promise<Void>> ready = new ArrayList<>(syncWaiters);
                syncWaiters.clear();
                // Complete outside the lock, after the event that made us synced has been handled.
                client.context().runOnContext(v -> ready.forEach(Promise::tryComplete));
            }

            @Override
            public void error(ServerMessage.Error error) {
                lastError = error;
            }
        });
    }

    public String id() {
        return model.docId();
    }

    /** The document's type name ({@code text}, {@code rich-text}, {@code canvas}). */
    public String type() {
        return model.type().name();
    }

    public TandemClient client() {
        return client;
    }

    /** The last server revision this document has. */
    public long revision() {
        return read(model::revision);
    }

    /** True when every local edit is confirmed by the server. */
    public boolean isSynced() {
        return read(model::isSynced);
    }

    /** A future completing the next time nothing is pending (at once if nothing is). */
    public Future<Void> whenSynced() {
        synchronized (model) {
            if (model.isSynced()) {
                return Future.succeededFuture();
            }
            Promise<Void> p = Promise.promise();
            syncWaiters.add(p);
            return p.future();
        }
    }

    /** The local copy in its type's stored form (text: the text; others: their snapshot JSON). O(size). */
    public String snapshot() {
        return read(model::snapshot);
    }

    /** The other participants, selections in the local copy's positions. */
    public List<Participant<S>> presence() {
        return read(() -> List.copyOf(model.participants()));
    }

    /** Hides this client's selection or pointer from the others (editor not focused). */
    public void hideSelection() {
        locked(() -> model.setSelection(null, false));
        presenceChanged(false);
    }

    public TandemDocument<O, S> addListener(DocumentListener<O, S> listener) {
        model.addListener(listener);
        return this;
    }

    public TandemDocument<O, S> removeListener(DocumentListener<O, S> listener) {
        model.removeListener(listener);
        return this;
    }

    /** Stops receiving the document; completes on the server's {@code closed} (or at once if offline). */
    public Future<Void> close() {
        return client.onContext(() -> {
            synchronized (model) {
                model.close();
                if (closing == null) {
                    closing = Promise.promise();
                }
            }
            afterEvent();
            return closing.future();
        });
    }

    // ---- for the typed documents ----

    /** Applies a local edit now and sends it; returns it as applied. */
    O edit(O op) {
        return read(() -> model.edit(op));
    }

    /** A local edit made from the current copy (positions read and edit made under one lock). */
    O editFrom(Function<DocumentModel<O, S>, O> make) {
        return read(() -> model.edit(make.apply(model)));
    }

    /**
     * Sets this client's selection and tells the others, at most
     * {@link TandemClientOptions#getPresencePerSecond()} times a second, coalescing faster changes.
     * {@code typing} turns itself off after {@link TandemClientOptions#getTypingIdleMs()}.
     */
    void updateSelection(S selection, boolean typing) {
        locked(() -> model.setSelection(selection, typing));
        presenceChanged(typing);
    }

    <T> T read(Supplier<T> reader) {
        synchronized (model) {
            return reader.get();
        }
    }

    void locked(Runnable r) {
        synchronized (model) {
            r.run();
        }
    }

    // ---- driven by TandemClient, on its context ----

    Future<Void> opened() {
        return opened.future();
    }

    long lastSeq() {
        return read(model::lastSeq);
    }

    void connectionUp() {
        locked(() -> {
            if (model.phase() == DocumentModel.Phase.NEW) {
                model.open(create);
            } else {
                model.reconnected();
            }
        });
    }

    void connectionLost() {
        locked(model::connectionLost);
        afterEvent();
    }

    void receive(ServerMessage m) {
        locked(() -> model.receive(m));
        afterEvent();
    }

    void failOpen(Throwable err) {
        if (opened.tryFail(err)) {
            locked(model::close);
            client.forget(this);
        }
    }

    void clientClosed() {
        locked(model::close);
        opened.tryFail(new IllegalStateException("client closed"));
        finish(new IllegalStateException("client closed"));
    }

    private void afterEvent() {
        DocumentModel.Phase phase;
        ServerMessage.Error error;
        synchronized (model) {
            phase = model.phase();
            error = lastError;
        }
        if (phase == DocumentModel.Phase.LIVE) {
            opened.tryComplete();
        } else if (phase == DocumentModel.Phase.CLOSED) {
            opened.tryFail(error != null ? new TandemClientException(error) : new TandemClientException(id() + " closed"));
            finish(new TandemClientException(id() + " closed"));
            client.forget(this);
        }
    }

    private void finish(Throwable whyNotSynced) {
        List<Promise<Void>> waiting;
        Promise<Void> c;
        synchronized (model) {
            waiting = new ArrayList<>(syncWaiters);
            syncWaiters.clear();
            c = closing;
        }
        waiting.forEach(p -> p.tryFail(whyNotSynced));
        if (c != null) {
            c.tryComplete();
        }
    }

    private void presenceChanged(boolean typing) {
        client.runOnContext(() -> {
            long delay = throttle.request(System.currentTimeMillis());
            if (delay == 0) {
                locked(model::sendPresence);
            } else if (delay > 0) {
                client.timer(delay, () -> {
                    throttle.fired(System.currentTimeMillis());
                    locked(model::sendPresence); // whatever the selection is now: faster changes coalesce
                });
            }
            if (typingTimer >= 0) {
                client.cancelTimer(typingTimer);
                typingTimer = -1;
            }
            if (typing) {
                typingTimer = client.timer(client.options().getTypingIdleMs(), () -> {
                    typingTimer = -1;
                    locked(() -> model.setSelection(model.selection(), false));
                    presenceChanged(false);
                });
            }
        });
    }
}
