package dev.tandem.load;

import dev.tandem.client.model.CanvasPresence;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.client.model.LostEdits;
import dev.tandem.client.model.Participant;
import dev.tandem.client.model.RemoteChange;
import dev.tandem.ot.canvas.CanvasOperation;
import dev.tandem.ot.canvas.Change;
import dev.tandem.ot.canvas.PropertyValue;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One simulated person on a canvas (W6, W7): drags one object and moves their pointer with it. On
 * each tick (evenly spaced, +-20% jitter) the object's {@code x} and {@code y} are set (one batch)
 * and the pointer goes to the same place (a presence). The pointer's {@code x} counts the ticks,
 * so a receiver knows which of the author's ticks it sees. As a receiver it times everyone else's
 * batches (by their seq) and pointers (by that count) against the moment their author made them.
 * Keeps the client library's full canvas model ({@link DocumentModel} with the canvas replica).
 */
final class CanvasUser implements DocumentListener<CanvasOperation, CanvasPresence> {
    private final LoadConnection connection;
    private final RunStats stats;
    private final Map<String, CanvasUser> everyone;
    private final SplittableRandom random;
    private final String object;
    private final SentTimes edits = new SentTimes(8192);
    private final SentTimes submits = new SentTimes(8192);
    private final SentTimes pointers = new SentTimes(1024);
    private DocumentModel<CanvasOperation, CanvasPresence> model;
    private long intervalNanos;
    private long nextTick;
    private long ticks;
    private volatile boolean running;

    /** A person who will drag {@code object}. */
    CanvasUser(LoadConnection connection, RunStats stats, Map<String, CanvasUser> everyone, long seed, String object) {
        this.connection = connection;
        this.stats = stats;
        this.everyone = everyone;
        this.random = new SplittableRandom(seed);
        this.object = object;
        connection.onSend(this::sending);
    }

    String clientId() {
        return connection.clientId();
    }

    LoadConnection connection() {
        return connection;
    }

    DocumentModel<CanvasOperation, CanvasPresence> model() {
        return model;
    }

    void opened(DocumentModel<CanvasOperation, CanvasPresence> m) {
        model = m;
    }

    /** Starts dragging {@code perSecond} times a second; on the user's context. */
    void start(double perSecond) {
        connection.context().runOnContext(v -> {
            running = true;
            intervalNanos = (long) (1e9 / perSecond);
            nextTick = System.nanoTime() + (long) (random.nextDouble() * intervalNanos); // spread the starts
            schedule();
        });
    }

    void stop() {
        running = false;
    }

    boolean isSynced() {
        return model != null && model.isSynced();
    }

    private void schedule() {
        long delayMs = Math.max(1, (nextTick - System.nanoTime()) / 1_000_000L);
        connection.context().owner().setTimer(delayMs, id -> tick());
    }

    private void tick() {
        if (!running) {
            return;
        }
        if (model.phase() == DocumentModel.Phase.LIVE) {
            drag();
        }
        nextTick += (long) (intervalNanos * (0.8 + 0.4 * random.nextDouble()));
        long now = System.nanoTime();
        if (nextTick < now - intervalNanos) {
            nextTick = now; // far behind (a stall): do not burst to catch up
        }
        schedule();
    }

    private void drag() {
        long n = ++ticks;
        double x = n;
        double y = 500 + 200 * Math.sin(n / 10.0);
        long now = System.nanoTime();
        // The batch's seq is the next one (a canvas submission takes its oldest edit's): record first.
        edits.put(model.lastSeq() + 1, now);
        stats.keystrokes.increment();
        model.edit(CanvasOperation.of(new Change.Set(object, "x", new PropertyValue.NumberValue(x)),
                new Change.Set(object, "y", new PropertyValue.NumberValue(y))));
        pointers.put(n, now);
        stats.presenceSent.increment();
        model.setSelection(new CanvasPresence(new CanvasPresence.Pointer(x, y), java.util.List.of(object)), false);
        model.sendPresence();
    }

    private void sending(ClientMessage m) {
        if (m instanceof ClientMessage.Submit s) {
            submits.put(s.seq(), System.nanoTime());
            stats.submitted.increment();
        }
    }

    // ---- as a receiver ----

    @Override
    public void remoteChange(RemoteChange<CanvasOperation> change) {
        stats.received.increment();
        CanvasUser author = everyone.get(change.client());
        if (author != null) {
            long t = author.edits.get(change.seq());
            if (t > 0) {
                stats.e2e.record(System.nanoTime() - t);
            }
        }
    }

    @Override
    public void acknowledged(long seq, long rev) {
        stats.acked.increment();
        long t = submits.get(seq);
        if (t > 0) {
            stats.ack.record(System.nanoTime() - t);
        }
    }

    @Override
    public void presence(Participant<CanvasPresence> p) {
        if (p.selection() == null || p.selection().pointer() == null) {
            return;
        }
        CanvasUser author = everyone.get(p.clientId());
        if (author != null) {
            long t = author.pointers.get((long) p.selection().pointer().x());
            if (t > 0) {
                stats.presenceReceived.increment();
                stats.presence.record(System.nanoTime() - t);
            }
        }
    }

    @Override
    public void error(ServerMessage.Error error) {
        stats.error(error.code());
    }

    @Override
    public void editsLost(LostEdits<CanvasOperation> lost) {
        stats.editsLost.increment();
    }
}
