package dev.tandem.load;

import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.LostEdits;
import dev.tandem.client.model.Participant;
import dev.tandem.client.model.RemoteChange;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.ot.Operation;
import dev.tandem.ot.text.Selection;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One simulated person of DESIGN.md's workloads: holds a caret in one document and, on each tick
 * (evenly spaced, +-20% jitter), inserts a character at it (80%) or deletes the one before it
 * (20%; the soak chooses its own share, {@link #typeLike}), or moves it (presence storm). On rich
 * text, one operation in {@value #FORMAT_EVERY} is a format change instead: bold or italic set or
 * removed on a few characters before the caret. As a receiver it times everyone else's edits and
 * carets against the moment their author made them.
 *
 * <p>It listens to documents of any operation class ({@link #listener()}): it reads only what
 * every type's events share (who, which seq, where the caret is).
 *
 * <p>It also keeps a tally of its own submissions and their acknowledgements ({@link #tally()}),
 * from which the soak counts lost operations.
 */
final class SimUser implements DocumentListener<Operation, Selection> {
    /** On types with formats, every this many operations one is a format change. */
    static final int FORMAT_EVERY = 10;
    private static final String LETTERS = "etaoinshrdlucmfwypvbgkjqxz ";
    /** Share of keystrokes that delete (when there is something before the caret). */
    static final double DEFAULT_DELETE_SHARE = 0.2;

    private final LoadConnection connection;
    private final RunStats stats;
    private final Map<String, SimUser> everyone;
    private final SplittableRandom random;
    private final SentTimes keystrokes = new SentTimes(8192);
    private final SentTimes submits = new SentTimes(8192);
    private final SentTimes carets = new SentTimes(256);
    private Replica model;
    private Behaviour behaviour = Behaviour.IDLE;
    private long intervalNanos;
    private long nextTick;
    private volatile boolean running;
    private int presenceCaret;
    private boolean formats;
    private long operations;
    private double deleteShare = DEFAULT_DELETE_SHARE;
    private boolean typesOffline;
    private long startRevision = -1;
    private long highestSubmitted;
    private long submissions;
    private long acks;
    private long editsLost;

    SimUser(LoadConnection connection, RunStats stats, Map<String, SimUser> everyone, long seed) {
        this.connection = connection;
        this.stats = stats;
        this.everyone = everyone;
        this.random = new SplittableRandom(seed);
        connection.onSend(this::sending);
    }

    String clientId() {
        return connection.clientId();
    }

    LoadConnection connection() {
        return connection;
    }

    Replica model() {
        return model;
    }

    /**
     * This user as the listener of a document of any operation class: sound because it reads only
     * the parts of events every type shares, never an operation itself.
     */
    @SuppressWarnings("unchecked")
    <O extends Operation> DocumentListener<O, Selection> listener() {
        return (DocumentListener<O, Selection>) (DocumentListener<?, Selection>) this;
    }

    /**
     * How this user types from now on: {@code deleteShare} of its keystrokes delete; with
     * {@code offline} it goes on typing while its connection is down (the model keeps the edits).
     * Call before {@link #start}.
     */
    void typeLike(double deleteShare, boolean offline) {
        this.deleteShare = deleteShare;
        this.typesOffline = offline;
    }

    /**
     * What this user sent and had confirmed: the revision its document was at when it opened,
     * distinct submissions (a resubmission after a reconnect reuses its seq and is not counted
     * again), acknowledgements, and times the model dropped unconfirmed edits. Read it on the
     * user's event loop.
     */
    record Tally(long startRevision, long submissions, long acks, long editsLost) {
    }

    Tally tally() {
        return new Tally(startRevision, submissions, acks, editsLost);
    }

    /** Attaches the opened document and puts the caret somewhere in it; {@code formats}: the type has formats to change. */
    void opened(Replica m, boolean formats) {
        model = m;
        startRevision = m.revision();
        this.formats = formats;
        int c = random.nextInt(m.length() + 1);
        m.placeCaret(c);
        presenceCaret = c;
    }

    /** Starts ticking {@code perSecond} times a second (ignored in closed loop); on the user's context. */
    void start(Behaviour b, double perSecond) {
        connection.context().runOnContext(v -> {
            behaviour = b;
            running = true;
            if (b == Behaviour.CLOSED_LOOP) {
                keystroke();
            } else if (b != Behaviour.IDLE) {
                intervalNanos = (long) (1e9 / perSecond);
                nextTick = System.nanoTime() + (long) (random.nextDouble() * intervalNanos); // spread the starts
                schedule();
            }
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
        if (typesOffline ? model.canEdit() : model.isLive()) {
            if (behaviour == Behaviour.PRESENCE) {
                moveCaret();
            } else {
                keystroke();
            }
        }
        nextTick += (long) (intervalNanos * (0.8 + 0.4 * random.nextDouble()));
        long now = System.nanoTime();
        if (nextTick < now - intervalNanos) {
            nextTick = now; // far behind (a stall): do not burst to catch up
        }
        schedule();
    }

    private void keystroke() {
        // The edit's seq is the next one; record the time first, receivers may be quick.
        keystrokes.put(model.lastSeq() + 1, System.nanoTime());
        stats.keystrokes.increment();
        long n = ++operations;
        if (formats && n % FORMAT_EVERY == 0 && model.caret() > 0) {
            model.format(1 + random.nextInt(5), random.nextBoolean() ? "bold" : "italic", random.nextInt(3) != 0);
        } else if (model.caret() > 0 && random.nextDouble() < deleteShare) {
            model.backspace();
        } else {
            model.type(String.valueOf(LETTERS.charAt(random.nextInt(LETTERS.length()))));
        }
    }

    /** Presence storm: the caret walks forward 1 to 3 places, so recent positions are distinct keys. */
    private void moveCaret() {
        int length = model.length();
        presenceCaret = length == 0 ? 0 : (presenceCaret + 1 + random.nextInt(3)) % (length + 1);
        carets.put(presenceCaret, System.nanoTime());
        stats.presenceSent.increment();
        model.movePresence(presenceCaret);
    }

    private void sending(ClientMessage m) {
        if (m instanceof ClientMessage.Submit s) {
            submits.put(s.seq(), System.nanoTime());
            stats.submitted.increment();
            if (s.seq() > highestSubmitted) {
                highestSubmitted = s.seq();
                submissions++;
            }
        }
    }

    // ---- as a receiver ----

    @Override
    public void remoteChange(RemoteChange<Operation> change) {
        stats.received.increment();
        SimUser author = everyone.get(change.client());
        if (author != null) {
            long t = author.keystrokes.get(change.seq());
            if (t > 0) {
                stats.e2e.record(System.nanoTime() - t);
            }
        }
    }

    @Override
    public void acknowledged(long seq, long rev) {
        stats.acked.increment();
        acks++;
        long t = submits.get(seq);
        if (t > 0) {
            stats.ack.record(System.nanoTime() - t);
        }
        if (behaviour == Behaviour.CLOSED_LOOP && running) {
            keystroke();
        }
    }

    @Override
    public void presence(Participant<Selection> p) {
        if (p.selection() == null) {
            return;
        }
        SimUser author = everyone.get(p.clientId());
        if (author != null) {
            long t = author.carets.get(p.selection().head());
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
    public void editsLost(LostEdits<Operation> lost) {
        stats.editsLost.increment();
        editsLost++;
    }
}
