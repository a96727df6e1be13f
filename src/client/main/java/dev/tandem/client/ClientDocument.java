package dev.tandem.client;

import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.client.model.Participant;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * One open document of a {@link TandemClient}: the local text, which changes at once when edited
 * here and as others' edits arrive, and the other participants' carets.
 *
 * <p>Positions and lengths are Unicode code points. Every method is thread-safe (a lock guards
 * the state); listeners run on the client's context while that lock is held, so they see the
 * document exactly as of the event, and must not block. See {@link DocumentModel} for what
 * happens to unconfirmed edits across reconnects and resyncs.
 */
public final class ClientDocument {
    private final TandemClient client;
    private final DocumentModel model;
    private final boolean create;
    private final Promise<ClientDocument> opened = Promise.promise();
    private final PresenceThrottle throttle;
    private final List<Promise<Void>> syncWaiters = new ArrayList<>(); // guarded by model
    private Promise<Void> closing; // guarded by model
    private ServerMessage.Error lastError; // guarded by model
    private long typingTimer = -1; // on the context

    ClientDocument(TandemClient client, String id, boolean create, long lastSeq) {
        this.client = client;
        this.create = create;
        this.throttle = new PresenceThrottle(client.options().getPresencePerSecond());
        this.model = new DocumentModel(id, client.clientId(), client::publicId, lastSeq, client::send,
                (delay, task) -> client.timer(delay, () -> locked(task)));
        model.addListener(new DocumentListener() {
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

    public TandemClient client() {
        return client;
    }

    /** The local text: the server's latest revision known here plus unconfirmed local edits. O(n). */
    public String text() {
        synchronized (model) {
            return model.text();
        }
    }

    /** Length of the local text in code points. */
    public int length() {
        synchronized (model) {
            return model.length();
        }
    }

    /** The last server revision this document has. */
    public long revision() {
        synchronized (model) {
            return model.revision();
        }
    }

    /** True when every local edit is confirmed by the server. */
    public boolean isSynced() {
        synchronized (model) {
            return model.isSynced();
        }
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

    /**
     * Applies {@code op} to the local text now and sends it to the server.
     *
     * @throws dev.tandem.ot.OtException if it does not fit the current text (nothing changes)
     */
    public void edit(TextOperation op) {
        locked(() -> model.edit(op));
    }

    /** Inserts {@code text} at code point {@code position}. */
    public void insert(int position, String text) {
        replace(position, 0, text);
    }

    /** Deletes {@code count} code points at {@code position}. */
    public void delete(int position, int count) {
        replace(position, count, "");
    }

    /** Replaces {@code count} code points at {@code position} by {@code text}. */
    public void replace(int position, int count, String text) {
        locked(() -> model.edit(TextOperation.splice(model.length(), position, count, text)));
    }

    /** Appends {@code text} at the end, whatever the end is by the time it runs. */
    public void append(String text) {
        locked(() -> model.edit(TextOperation.splice(model.length(), model.length(), 0, text)));
    }

    /**
     * Sets this client's selection ({@code anchor == head}: a caret) and tells the others, at
     * most {@link TandemClientOptions#getPresencePerSecond()} times a second, coalescing faster
     * changes. {@code typing} turns itself off after {@link TandemClientOptions#getTypingIdleMs()}.
     */
    public void setSelection(int anchor, int head, boolean typing) {
        locked(() -> model.setSelection(new Selection(anchor, head), typing));
        presenceChanged(typing);
    }

    /** Hides this client's caret from the others (editor not focused). */
    public void hideSelection() {
        locked(() -> model.setSelection(null, false));
        presenceChanged(false);
    }

    /** The other participants, selections in the local text's code points. */
    public List<Participant> presence() {
        synchronized (model) {
            return List.copyOf(model.participants());
        }
    }

    public ClientDocument addListener(DocumentListener listener) {
        model.addListener(listener);
        return this;
    }

    public ClientDocument removeListener(DocumentListener listener) {
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

    // ---- driven by TandemClient, on its context ----

    Future<ClientDocument> opened() {
        return opened.future();
    }

    long lastSeq() {
        synchronized (model) {
            return model.lastSeq();
        }
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
            opened.tryComplete(this);
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

    private void locked(Runnable r) {
        synchronized (model) {
            r.run();
        }
    }
}
