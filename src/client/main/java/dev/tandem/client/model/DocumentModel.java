package dev.tandem.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.Document;
import dev.tandem.ot.OtException;
import dev.tandem.ot.Operation;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.MalformedFrameException;
import dev.tandem.protocol.Recovery;
import dev.tandem.protocol.ServerMessage;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything one client knows about one open document, as plain Java: the local copy, the last
 * server revision, the edits in flight and waiting, the {@code seq} counter and the other
 * participants. It reads {@link ServerMessage}s, writes {@link ClientMessage}s to an {@link Outbox}
 * and tells {@link DocumentListener}s what happened; the transport that hosts it only routes
 * messages. It holds no type-specific code: its {@link ClientType} says how the document's
 * operations, snapshots and selections are read and moved, and which {@link LocalCopy} keeps
 * unconfirmed edits (the ot.js states for text and rich text, the canvas replica for a canvas).
 *
 * <p><b>Reconnecting</b> (ot.js discipline with PROTOCOL.md's {@code open}): after
 * {@link #connectionLost()} nothing is sent and local edits pile up. Then {@link #reconnected()}
 * sends {@code open} with the last known revision; the revisions in {@code opened.ops} are applied
 * in order, and one whose {@code client} and {@code seq} are the in-flight submission's counts as
 * its acknowledgement. If the in-flight edit was not among them it is submitted again under the
 * same {@code seq} (the server's dedup makes that safe), on the current revision and transformed
 * past everything that arrived; later edits follow after its ack. A revision that arrives out of
 * order (a gap) also triggers such a catch-up reopen.
 *
 * <p><b>Losing edits.</b> Two situations cannot be rebased: {@code opened} with {@code reset}
 * (the client was too far behind), and an error saying that this client's copy or edit is wrong
 * (the in-flight edit refused, or {@code OPERATION_DOES_NOT_FIT}, {@code STALE_SEQUENCE}, ...).
 * In both the client cannot know whether its in-flight edit is in the server's document, so
 * applying it again could duplicate it. It therefore takes the server's snapshot, drops every
 * unconfirmed edit and reports them through {@link DocumentListener#editsLost}, then
 * {@link DocumentListener#reset}. Every error is handled as docs/PROTOCOL.md's recovery table says
 * ({@link Recovery}): errors of the server or the connection ({@code UNAVAILABLE},
 * {@code INTERNAL_ERROR}, {@code SLOW_CONSUMER}, {@code DOCUMENT_NOT_OPEN}, {@code HELLO_REQUIRED})
 * reopen with a catch-up and lose nothing, up to {@value #MAX_TRANSIENT_RETRIES} times in a row;
 * {@code RATE_LIMITED} resubmits after the delay.
 *
 * <p>Not thread-safe: one thread (or a lock) drives a model.
 *
 * @param <O> the operation class of the document's type
 * @param <S> its selections
 */
public final class DocumentModel<O extends Operation, S> {
    static final int MAX_TRANSIENT_RETRIES = 5;
    private static final long DEFAULT_RETRY_MS = 1000;

    /** Where the model stands with the server. */
    public enum Phase {
        /** Never opened. */
        NEW,
        /** {@code open} sent, waiting for {@code opened}; nothing is submitted meanwhile. */
        OPENING,
        /** Open: edits are submitted and revisions arrive. */
        LIVE,
        /** The connection is down; local edits are kept for later. */
        OFFLINE,
        /** {@code close} sent. */
        CLOSING,
        /** Closed, or refused by the server; the model is done. */
        CLOSED
    }

    private final ClientType<O, S> type;
    private final String docId;
    private final String clientId;
    /** The id the server shows the others for this client (welcome's {@code client}); how its own revisions are told apart. */
    private final java.util.function.Supplier<String> selfId;
    private final Outbox outbox;
    private final Scheduler scheduler;
    private final List<DocumentListener<O, S>> listeners = new CopyOnWriteArrayList<>();
    private final PresenceRoster<O, S> roster;
    private LocalCopy<O> copy;
    private long rev = -1;
    private long lastSeq;
    private Phase phase = Phase.NEW;
    private boolean create;
    private boolean wantSnapshot = true;
    private String snapshotReason = "RESET";
    private int transientRetries;
    private long epoch; // bumped by every (re)open, so a delayed retry from before it does nothing
    private S mySelection;
    private boolean myTyping;
    private boolean presenceWaitsForAck;

    /**
     * @param type the document's type as the client knows it ({@link ClientTypes})
     * @param lastSeq the highest {@code seq} this client id has used for the document (0 for a new id)
     */
    public DocumentModel(ClientType<O, S> type, String docId, String clientId, long lastSeq, Outbox outbox,
            Scheduler scheduler) {
        this(type, docId, clientId, () -> clientId, lastSeq, outbox, scheduler);
    }

    /**
     * @param selfId the client's public id once the server has said it (a server before access
     *     control shows the client's own id)
     */
    public DocumentModel(ClientType<O, S> type, String docId, String clientId, java.util.function.Supplier<String> selfId,
            long lastSeq, Outbox outbox, Scheduler scheduler) {
        this.type = type;
        this.roster = new PresenceRoster<>(type);
        this.copy = type.copy(type.documentType().emptySnapshot(), 0);
        this.docId = docId;
        this.clientId = clientId;
        this.selfId = selfId;
        this.lastSeq = lastSeq;
        this.outbox = outbox;
        this.scheduler = scheduler;
    }

    /** A model of a plain-text document. */
    public static DocumentModel<TextOperation, Selection> text(String docId, String clientId, long lastSeq,
            Outbox outbox, Scheduler scheduler) {
        return new DocumentModel<>(ClientTypes.TEXT, docId, clientId, lastSeq, outbox, scheduler);
    }

    public ClientType<O, S> type() {
        return type;
    }

    public void addListener(DocumentListener<O, S> l) {
        listeners.add(l);
    }

    public void removeListener(DocumentListener<O, S> l) {
        listeners.remove(l);
    }

    public String docId() {
        return docId;
    }

    public String clientId() {
        return clientId;
    }

    /** The last server revision this client has, or -1 before the first {@code opened}. */
    public long revision() {
        return rev;
    }

    /**
     * The local copy: the server's revision plus this client's unconfirmed edits. Read it; never
     * apply to it (edit through {@link #edit}). Replaced wholesale on a resync.
     */
    public Document<O> document() {
        return copy.view();
    }

    /** The local copy's stored form (for text the text itself). O(size). */
    public String snapshot() {
        return copy.view().snapshot();
    }

    /** The local copy's size in its type's unit (code points of text, UTF-16 units of rich text, objects of a canvas). */
    public int length() {
        return (int) Math.min(Integer.MAX_VALUE, copy.view().size());
    }

    /** The submission in flight, or null. */
    public Pending<O> inFlight() {
        return copy.inFlight();
    }

    /** Every unconfirmed local edit as one operation on the server's revision, or null. */
    public O unconfirmed() {
        return copy.unconfirmed();
    }

    public Phase phase() {
        return phase;
    }

    public long lastSeq() {
        return lastSeq;
    }

    /** True when the document is open and every local edit is confirmed. */
    public boolean isSynced() {
        return phase == Phase.LIVE && copy.unconfirmed() == null;
    }

    /** The other participants, selections in the local copy's positions. */
    public Collection<Participant<S>> participants() {
        return roster.all();
    }

    /** This client's own selection in the local copy, or null. */
    public S selection() {
        return mySelection;
    }

    /** Sends {@code open}: a snapshot request the first time, a catch-up from the last revision later. */
    public void open(boolean create) {
        this.create = create;
        phase = Phase.OPENING;
        epoch++;
        outbox.send(new ClientMessage.Open(docId, wantSnapshot ? null : rev, create, type.name()));
    }

    /** The connection dropped: what was in flight may or may not have arrived. */
    public void connectionLost() {
        if (phase == Phase.OPENING || phase == Phase.LIVE) {
            phase = Phase.OFFLINE;
            epoch++;
        } else if (phase == Phase.CLOSING) {
            phase = Phase.CLOSED;
        }
    }

    /** A new connection said {@code welcome}: reopen if the document was open or opening. */
    public void reconnected() {
        if (phase == Phase.OFFLINE) {
            open(create);
        }
    }

    /** Asks the server to stop sending this document. */
    public void close() {
        if (phase == Phase.OPENING || phase == Phase.LIVE) {
            phase = Phase.CLOSING;
            outbox.send(new ClientMessage.Close(docId));
        } else {
            phase = Phase.CLOSED;
        }
    }

    /**
     * Applies a local edit to the local copy and submits it when nothing else is in flight.
     *
     * @return {@code op} as applied (a canvas may drop changes to objects that are gone)
     * @throws OtException if {@code op} does not fit the local copy (nothing changes then)
     * @throws IllegalStateException before the document is open or after it is closed
     */
    public O edit(O op) {
        checkEditable();
        return madeLocally(copy.edit(op, this::nextSeq));
    }

    /**
     * Undoes this client's newest change where it still shows (a canvas: others' later values stay
     * theirs) and submits that like an edit. Returns what it did, or null if there was nothing to
     * undo or the type's copy keeps no undo history.
     */
    public O undo() {
        checkEditable();
        O made = copy.undo(this::nextSeq);
        return made == null ? null : madeLocally(made);
    }

    /** Redoes the newest undone change, as {@link #undo}. */
    public O redo() {
        checkEditable();
        O made = copy.redo(this::nextSeq);
        return made == null ? null : madeLocally(made);
    }

    public boolean canUndo() {
        return copy.canUndo();
    }

    public boolean canRedo() {
        return copy.canRedo();
    }

    private void checkEditable() {
        if (rev < 0 || phase == Phase.CLOSING || phase == Phase.CLOSED) {
            throw new IllegalStateException(docId + " is not open (" + phase + ")");
        }
    }

    private long nextSeq() {
        return ++lastSeq;
    }

    private O madeLocally(O applied) {
        if (!type.documentType().isNoop(applied)) {
            roster.moveThrough(applied);
            if (mySelection != null) {
                mySelection = type.move(mySelection, applied, true); // my own typing pushes my caret
            }
        }
        // Even an edit that changed nothing here may wait to be sent: a canvas batch whose every
        // change met an object gone from this view still goes to the server, which decides.
        submitNext();
        return applied;
    }

    /**
     * Records this client's selection in the local text ({@code null} hides the caret). Call
     * {@link #sendPresence()} to tell the others; a host throttles that.
     */
    public void setSelection(S sel, boolean typing) {
        if (sel != null && !type.fits(sel, copy.view())) {
            throw new IllegalArgumentException("selection " + sel + " outside a document of " + copy.view().size());
        }
        mySelection = sel;
        myTyping = typing;
    }

    /** Whether the last {@link #setSelection} said the person is typing. */
    public boolean typing() {
        return myTyping;
    }

    /**
     * Sends this client's selection. While an edit is in flight a text selection usually sits in
     * or after text the server has not placed yet, so it waits for the ack and goes out then, at
     * the new revision. What is still unconfirmed at that point (the buffer) is mapped back
     * through: a caret inside such text goes to its start. Selections that edits do not move (a
     * canvas pointer) go at once.
     */
    public void sendPresence() {
        if (phase != Phase.LIVE) {
            return; // sent again once open
        }
        if (type.selectionsMove() && copy.inFlight() != null) {
            presenceWaitsForAck = true;
            return;
        }
        sendMappedPresence();
    }

    private void sendMappedPresence() {
        presenceWaitsForAck = false;
        S sel = mySelection;
        O unconfirmed = copy.unconfirmed();
        if (sel != null && unconfirmed != null) {
            sel = type.back(sel, unconfirmed);
        }
        outbox.send(new ClientMessage.Presence(docId, rev, type.writeSelection(sel), myTyping));
    }

    /** Handles one message about this document. */
    public void receive(ServerMessage m) {
        if (m instanceof ServerMessage.Opened o) {
            opened(o);
        } else if (m instanceof ServerMessage.Op o) {
            liveOp(o);
        } else if (m instanceof ServerMessage.Ack a) {
            ack(a);
        } else if (m instanceof ServerMessage.Presence p) {
            presence(p.entry());
        } else if (m instanceof ServerMessage.Left l) {
            if (roster.remove(l.client()) != null) {
                listeners.forEach(x -> x.left(l.client()));
            }
        } else if (m instanceof ServerMessage.Closed) {
            if (phase == Phase.CLOSING) {
                phase = Phase.CLOSED;
            }
        } else if (m instanceof ServerMessage.Error e) {
            error(e);
        }
    }

    private void opened(ServerMessage.Opened o) {
        if (phase != Phase.OPENING) {
            return; // the answer to an open this model has since given up on
        }
        if (!type.name().equals(o.docType())) {
            // The server refuses to open another type than the one named; a server that did anyway is not followed.
            error(new ServerMessage.Error(ErrorCode.TYPE_MISMATCH.name(), docId + " is a " + o.docType()
                    + " document; this client opened it as " + type.name(), false, docId, null, null, null));
            return;
        }
        boolean first = rev < 0;
        if (o.snapshot() != null) {
            if (!first) {
                dropUnconfirmed(o.reset() ? "RESET" : snapshotReason);
            }
            LocalCopy<O> fresh;
            try {
                fresh = type.copy(type.storedSnapshot(o.snapshot()), o.rev());
            } catch (MalformedFrameException | OtException notOurs) {
                error(new ServerMessage.Error(ErrorCode.MALFORMED_MESSAGE.name(), "a snapshot this client cannot read: "
                        + notOurs.getMessage(), false, docId, null, null, null));
                phase = Phase.CLOSED;
                return;
            }
            copy = fresh;
            rev = o.rev();
            roster.clear(true);
            if (mySelection != null) {
                mySelection = type.clamp(mySelection, copy.view()); // the document changed wholesale; keep what still exists
            }
            if (!first) {
                String now = copy.view().snapshot();
                listeners.forEach(x -> x.reset(now, rev));
            }
        } else {
            if (first) {
                rev = 0; // a catch-up from nothing: the empty document of revision 0
            }
            for (ServerMessage.Revision r : o.ops()) {
                if (r.rev() <= rev) {
                    continue;
                }
                if (r.rev() != rev + 1 || !revision(r.rev(), r.op(), r.client(), r.seq())) {
                    reopen(true, "GAP");
                    return;
                }
            }
            if (o.rev() > rev) {
                reopen(true, "GAP");
                return;
            }
        }
        wantSnapshot = false;
        phase = Phase.LIVE;
        roster.clear(false);
        for (ServerMessage.PresenceEntry e : o.presence()) {
            if (!selfId.get().equals(e.client())) {
                roster.accept(e, rev, copy.unconfirmed(), copy.view());
            }
        }
        Pending<O> again = copy.inFlight();
        if (again != null) {
            send(again); // the server's dedup recognises it if it was committed after all
        } else {
            submitNext();
        }
        if (!first) {
            listeners.forEach(x -> x.reopened(rev));
        }
        if (mySelection != null) {
            sendPresence(); // the server forgot it with the old connection
        }
        if (copy.unconfirmed() == null) {
            listeners.forEach(x -> x.synced(rev));
        }
    }

    /** An operation from the server, or null if it is not one of this type (then the caller reloads). */
    private O opOrNull(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        try {
            return type.operation(json);
        } catch (OtException e) {
            return null;
        }
    }

    private void liveOp(ServerMessage.Op o) {
        if (phase != Phase.LIVE || o.rev() <= rev) {
            return; // not listening, or a revision already seen
        }
        if (o.rev() != rev + 1) {
            reopen(false, "GAP");
            return;
        }
        if (!revision(o.rev(), o.op(), o.client(), o.seq())) {
            reopen(true, "INVALID_REMOTE_OPERATION");
        }
    }

    private void ack(ServerMessage.Ack a) {
        Pending<O> f = copy.inFlight();
        if (phase != Phase.LIVE || f == null || f.seq() != a.seq()) {
            return; // a second ack for a resubmission that was already recognised
        }
        if (a.rev() <= rev) {
            reopen(true, "ACK_IN_THE_PAST"); // the server says our edit is older than what we applied: out of step
        } else if (a.rev() != rev + 1) {
            reopen(false, "GAP"); // revisions before ours went missing; the catch-up will contain them and ours
        } else if (!acknowledged(a.rev(), a.op())) {
            reopen(true, "INVALID_ACK");
        }
    }

    /** Applies the next revision, recognising the in-flight submission; false if it does not fit. */
    private boolean revision(long r, JsonNode json, String client, long seq) {
        Pending<O> f = copy.inFlight();
        if (f != null && f.seq() == seq && selfId.get().equals(client)) {
            return acknowledged(r, json);
        }
        O op = opOrNull(json);
        if (op == null) {
            return false;
        }
        O applied;
        try {
            applied = copy.remote(r, op);
        } catch (OtException | IllegalStateException notOnOurCopy) {
            return false;
        }
        rev = r;
        roster.serverRevision(op);
        roster.moveThrough(applied);
        if (mySelection != null) {
            mySelection = type.move(mySelection, applied, false);
        }
        RemoteChange<O> change = new RemoteChange<>(docId, r, applied, client, seq);
        listeners.forEach(x -> x.remoteChange(change));
        placeEarlyPresence();
        return true;
    }

    /**
     * The in-flight submission became revision {@code r}; {@code json} is the operation as
     * committed where the server sends it. False if the copy cannot take it (then the caller reloads).
     */
    private boolean acknowledged(long r, JsonNode json) {
        Pending<O> f = copy.inFlight();
        O committed = opOrNull(json);
        if (committed == null && json != null && !json.isNull()) {
            return false;
        }
        try {
            copy.acknowledged(r, committed);
        } catch (OtException | IllegalStateException notOnOurCopy) {
            return false;
        }
        // Transformed all along, it is now exactly the server's revision (or the server says what it is).
        roster.serverRevision(committed != null ? committed : f.op());
        rev = r;
        transientRetries = 0;
        submitNext();
        if (presenceWaitsForAck && phase == Phase.LIVE) {
            presenceWaitsForAck = false;
            sendMappedPresence();
        }
        listeners.forEach(x -> x.acknowledged(f.seq(), r));
        placeEarlyPresence();
        if (phase == Phase.LIVE && copy.unconfirmed() == null) {
            listeners.forEach(x -> x.synced(r));
        }
        return true;
    }

    private void presence(ServerMessage.PresenceEntry e) {
        if (phase != Phase.LIVE || selfId.get().equals(e.client())) {
            return;
        }
        Participant<S> p = roster.accept(e, rev, copy.unconfirmed(), copy.view());
        if (p != null) {
            listeners.forEach(x -> x.presence(p));
        }
    }

    private void placeEarlyPresence() {
        for (Participant<S> p : roster.reached(rev, copy.unconfirmed(), copy.view())) {
            listeners.forEach(x -> x.presence(p));
        }
    }

    /** Follows PROTOCOL.md's recovery table ({@link Recovery}) for an error about this document. */
    private void error(ServerMessage.Error e) {
        listeners.forEach(x -> x.error(e));
        Recovery action = Recovery.of(e);
        if (phase == Phase.OPENING && (rev < 0 || action == Recovery.STOP)) {
            phase = Phase.CLOSED; // the open itself was refused (DOCUMENT_NOT_FOUND, ...)
            return;
        }
        // A catch-up's open that the server could not serve (the document was moving between
        // nodes for longer than the server retries) is tried again like any transient failure;
        // ignored, it would leave the document waiting for an answer that never comes.
        boolean openFailed = phase == Phase.OPENING && e.seq() == null
                && (action == Recovery.CATCH_UP || action == Recovery.RECONNECT);
        if (phase != Phase.LIVE && !openFailed) {
            return;
        }
        String code = e.code() == null ? "" : e.code();
        Pending<O> f = copy.inFlight();
        boolean aboutMyEdit = f != null && e.seq() != null && e.seq() == f.seq();
        long delay = e.retryAfterMs() != null ? e.retryAfterMs() : DEFAULT_RETRY_MS;
        switch (action) {
            case RETRY -> {
                if (aboutMyEdit) {
                    long at = epoch;
                    scheduler.schedule(delay, () -> {
                        Pending<O> now = copy.inFlight(); // transformed since, by whatever arrived meanwhile
                        if (at == epoch && now != null && now.seq() == f.seq()) {
                            send(now);
                        }
                    });
                }
            }
            case CATCH_UP, RECONNECT -> {
                if (++transientRetries > MAX_TRANSIENT_RETRIES) {
                    reopen(true, code); // the same failure again and again: stop resubmitting, keep the edits aside
                    return;
                }
                phase = Phase.OPENING; // hold everything until the delayed catch-up
                long at = ++epoch;
                scheduler.schedule(action == Recovery.RECONNECT ? 0 : delay, () -> {
                    if (at == epoch && phase == Phase.OPENING) {
                        reopen(false, code);
                    }
                });
            }
            case RESYNC -> reopen(true, code);
            case REAUTHENTICATE -> {
                // The session ends with this error; the client gets a new token and connects again,
                // and the reconnect catches this document up with its edits. Hold everything till then.
                phase = Phase.OPENING;
                ++epoch;
            }
            case STOP -> phase = Phase.CLOSED;
            case REPORT -> {
                if (aboutMyEdit) {
                    reopen(true, code); // this edit can never be acknowledged
                }
            }
            default -> throw new IllegalStateException("unknown recovery " + action);
        }
    }

    /**
     * Reopens on the same connection, from the last revision or from a snapshot (dropping
     * unconfirmed edits). A plain {@code open} suffices: the server restarts the stream of a
     * document that is already open, and a {@code close} first could only add a needless
     * {@code DOCUMENT_NOT_OPEN} when the server had already dropped it.
     */
    private void reopen(boolean snapshot, String reason) {
        if (snapshot) {
            wantSnapshot = true;
            snapshotReason = reason;
        }
        open(create);
    }

    private void dropUnconfirmed(String reason) {
        O unconfirmed = copy.unconfirmed();
        if (unconfirmed != null) {
            LostEdits<O> lost = new LostEdits<>(docId, copy.view().snapshot(), unconfirmed, reason);
            listeners.forEach(x -> x.editsLost(lost));
        }
    }

    /** Sends the copy's next submission, if it has one to send now. */
    private void submitNext() {
        Pending<O> p = copy.takeOutgoing(this::nextSeq);
        if (p != null) {
            send(p); // not while offline: it is in flight now, and goes again once open
        }
    }

    private void send(Pending<O> p) {
        if (phase == Phase.LIVE) {
            outbox.send(new ClientMessage.Submit(docId, rev, type.wire(p.op()), p.seq()));
        }
    }
}
