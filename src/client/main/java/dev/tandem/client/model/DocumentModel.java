package dev.tandem.client.model;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Recovery;
import dev.tandem.ot.text.TextType;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.ot.text.Component;
import dev.tandem.ot.OtException;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextDocument;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.ot.text.TextOperation.Bias;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything one client knows about one open document, as plain Java: the local text, the last
 * server revision, the OT {@link ClientState}, the {@code seq} counter and the other participants.
 * It reads {@link ServerMessage}s, writes {@link ClientMessage}s to an {@link Outbox} and tells
 * {@link DocumentListener}s what happened; the transport that hosts it only routes messages.
 *
 * <p><b>Reconnecting</b> (ot.js discipline with PROTOCOL.md's {@code open}): after
 * {@link #connectionLost()} nothing is sent and local edits pile up in the buffer. Then
 * {@link #reconnected()} sends {@code open} with the last known revision; the revisions in
 * {@code opened.ops} are applied in order, and one whose {@code client} and {@code seq} are the
 * in-flight submission's counts as its acknowledgement. If the in-flight edit was not among them
 * it is submitted again under the same {@code seq} (the server's dedup makes that safe), on the
 * current revision and transformed past everything that arrived; the buffer follows after its ack.
 * A revision that arrives out of order (a gap) also triggers such a catch-up reopen.
 *
 * <p><b>Losing edits.</b> Two situations cannot be rebased: {@code opened} with {@code reset}
 * (the client was too far behind), and an error saying that this client's copy or edit is wrong
 * (the in-flight edit refused, or {@code OPERATION_DOES_NOT_FIT}, {@code STALE_SEQUENCE}, ...).
 * In both the client cannot know whether its in-flight edit is in the server's text, so applying
 * it again could duplicate it. It therefore takes the server's snapshot, drops every unconfirmed
 * edit and reports them through {@link DocumentListener#editsLost}, then {@link DocumentListener#reset}.
 * Every error is handled as docs/PROTOCOL.md's recovery table says ({@link Recovery}): errors of
 * the server or the connection ({@code UNAVAILABLE}, {@code INTERNAL_ERROR}, {@code SLOW_CONSUMER},
 * {@code DOCUMENT_NOT_OPEN}, {@code HELLO_REQUIRED}) reopen with a catch-up and lose nothing, up
 * to {@value #MAX_TRANSIENT_RETRIES} times in a row; {@code RATE_LIMITED} resubmits after the delay.
 *
 * <p>Not thread-safe: one thread (or a lock) drives a model.
 */
public final class DocumentModel {
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

    private final String docId;
    private final String clientId;
    /** The id the server shows the others for this client (welcome's {@code client}); how its own revisions are told apart. */
    private final java.util.function.Supplier<String> selfId;
    private final Outbox outbox;
    private final Scheduler scheduler;
    private final List<DocumentListener> listeners = new CopyOnWriteArrayList<>();
    private final PresenceRoster roster = new PresenceRoster();
    private TextDocument text = TextDocument.empty();
    private long rev = -1;
    private ClientState state = Synchronized.INSTANCE;
    private long lastSeq;
    private Phase phase = Phase.NEW;
    private boolean create;
    private boolean wantSnapshot = true;
    private String snapshotReason = "RESET";
    private int transientRetries;
    private long epoch; // bumped by every (re)open, so a delayed retry from before it does nothing
    private Selection mySelection;
    private boolean myTyping;
    private boolean presenceWaitsForAck;

    /**
     * @param lastSeq the highest {@code seq} this client id has used for the document (0 for a new id)
     */
    public DocumentModel(String docId, String clientId, long lastSeq, Outbox outbox, Scheduler scheduler) {
        this(docId, clientId, () -> clientId, lastSeq, outbox, scheduler);
    }

    /**
     * @param selfId the client's public id once the server has said it (a server before access
     *     control shows the client's own id)
     */
    public DocumentModel(String docId, String clientId, java.util.function.Supplier<String> selfId, long lastSeq,
            Outbox outbox, Scheduler scheduler) {
        this.docId = docId;
        this.clientId = clientId;
        this.selfId = selfId;
        this.lastSeq = lastSeq;
        this.outbox = outbox;
        this.scheduler = scheduler;
    }

    public void addListener(DocumentListener l) {
        listeners.add(l);
    }

    public void removeListener(DocumentListener l) {
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

    /** The local text: the server's revision plus this client's unconfirmed edits. */
    public String text() {
        return text.toString();
    }

    /** Length of the local text in code points. */
    public int length() {
        return text.length();
    }

    public ClientState state() {
        return state;
    }

    public Phase phase() {
        return phase;
    }

    public long lastSeq() {
        return lastSeq;
    }

    /** True when the document is open and every local edit is confirmed. */
    public boolean isSynced() {
        return phase == Phase.LIVE && state instanceof Synchronized;
    }

    /** The other participants, selections in local-text code points. */
    public Collection<Participant> participants() {
        return roster.all();
    }

    /** This client's own selection in the local text, or null. */
    public Selection selection() {
        return mySelection;
    }

    /** Sends {@code open}: a snapshot request the first time, a catch-up from the last revision later. */
    public void open(boolean create) {
        this.create = create;
        phase = Phase.OPENING;
        epoch++;
        outbox.send(new ClientMessage.Open(docId, wantSnapshot ? null : rev, create, TextType.NAME));
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
     * Applies a local edit to the text and submits it when nothing else is in flight.
     *
     * @throws OtException if {@code op} does not fit the local text (nothing changes then)
     * @throws IllegalStateException before the document is open or after it is closed
     */
    public void edit(TextOperation op) {
        if (rev < 0 || phase == Phase.CLOSING || phase == Phase.CLOSED) {
            throw new IllegalStateException(docId + " is not open (" + phase + ")");
        }
        text.apply(op); // checks that op fits first
        if (op.isNoop()) {
            return;
        }
        roster.moveThrough(op);
        if (mySelection != null) {
            mySelection = mySelection.transform(op, Bias.AFTER); // my own typing pushes my caret
        }
        Step s = state.localEdit(op, ++lastSeq);
        state = s.next();
        submit(s.send());
    }

    /**
     * Records this client's selection in the local text ({@code null} hides the caret). Call
     * {@link #sendPresence()} to tell the others; a host throttles that.
     */
    public void setSelection(Selection sel, boolean typing) {
        if (sel != null && (Math.min(sel.anchor(), sel.head()) < 0 || Math.max(sel.anchor(), sel.head()) > text.length())) {
            throw new IllegalArgumentException("selection " + sel + " outside a text of " + text.length());
        }
        mySelection = sel;
        myTyping = typing;
    }

    /** Whether the last {@link #setSelection} said the person is typing. */
    public boolean typing() {
        return myTyping;
    }

    /**
     * Sends this client's selection. While an edit is in flight the selection usually sits in or
     * after text the server has not placed yet, so it waits for the ack and goes out then, at the
     * new revision. What is still unconfirmed at that point (the buffer) is mapped back through:
     * a caret inside such text goes to its start.
     */
    public void sendPresence() {
        if (phase != Phase.LIVE) {
            return; // sent again once open
        }
        if (state.inFlight() != null) {
            presenceWaitsForAck = true;
            return;
        }
        sendMappedPresence();
    }

    private void sendMappedPresence() {
        presenceWaitsForAck = false;
        Selection sel = mySelection;
        TextOperation unconfirmed = state.unconfirmed();
        if (sel != null && unconfirmed != null) {
            sel = sel.transform(positionsBack(unconfirmed), Bias.BEFORE);
        }
        outbox.send(new ClientMessage.Presence(docId, rev, TextWire.selection(sel), myTyping));
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
        if (!TextType.NAME.equals(o.docType())) {
            // The server refuses to open other types for a text client; a server that did anyway is not followed.
            error(new ServerMessage.Error(ErrorCode.TYPE_MISMATCH.name(), docId + " is a " + o.docType()
                    + " document; this client edits text", false, docId, null, null, null));
            return;
        }
        boolean first = rev < 0;
        if (o.snapshot() != null) {
            if (!first) {
                dropUnconfirmed(o.reset() ? "RESET" : snapshotReason);
            }
            text = TextDocument.of(TextWire.text(o.snapshot()));
            rev = o.rev();
            state = Synchronized.INSTANCE;
            roster.clear(true);
            if (mySelection != null) {
                mySelection = clamp(mySelection, text.length()); // the text changed wholesale; keep what still exists
            }
            if (!first) {
                String now = text.toString();
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
                if (r.rev() != rev + 1 || !revision(r.rev(), opOrNull(r.op()), r.client(), r.seq())) {
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
                roster.accept(e, rev, state.unconfirmed(), text.length());
            }
        }
        submit(state.reconnect().send());
        if (!first) {
            listeners.forEach(x -> x.reopened(rev));
        }
        if (mySelection != null) {
            sendPresence(); // the server forgot it with the old connection
        }
        if (state instanceof Synchronized) {
            listeners.forEach(x -> x.synced(rev));
        }
    }

    /** A text operation from the server, or null if it is not one (then the caller reloads). */
    private static TextOperation opOrNull(com.fasterxml.jackson.databind.JsonNode json) {
        try {
            return TextWire.op(json);
        } catch (dev.tandem.ot.OtException e) {
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
        if (!revision(o.rev(), opOrNull(o.op()), o.client(), o.seq())) {
            reopen(true, "INVALID_REMOTE_OPERATION");
        }
    }

    private void ack(ServerMessage.Ack a) {
        Pending f = state.inFlight();
        if (phase != Phase.LIVE || f == null || f.seq() != a.seq()) {
            return; // a second ack for a resubmission that was already recognised
        }
        if (a.rev() <= rev) {
            reopen(true, "ACK_IN_THE_PAST"); // the server says our edit is older than what we applied: out of step
        } else if (a.rev() != rev + 1) {
            reopen(false, "GAP"); // revisions before ours went missing; the catch-up will contain them and ours
        } else {
            acknowledged(a.rev());
        }
    }

    /** Applies the next revision, recognising the in-flight submission; false if it does not fit. */
    private boolean revision(long r, TextOperation op, String client, long seq) {
        Pending f = state.inFlight();
        if (f != null && f.seq() == seq && selfId.get().equals(client)) {
            acknowledged(r);
            return true;
        }
        if (op == null) {
            return false;
        }
        Step s;
        try {
            s = state.remoteOp(op);
            text.apply(s.apply());
        } catch (OtException notOnOurText) {
            return false;
        }
        state = s.next();
        rev = r;
        roster.serverRevision(op);
        roster.moveThrough(s.apply());
        if (mySelection != null) {
            mySelection = mySelection.transform(s.apply(), Bias.BEFORE);
        }
        RemoteChange change = new RemoteChange(docId, r, s.apply(), client, seq);
        listeners.forEach(x -> x.remoteChange(change));
        placeEarlyPresence();
        return true;
    }

    private void acknowledged(long r) {
        Pending f = state.inFlight();
        roster.serverRevision(f.op()); // transformed all along, it is now exactly the server's revision
        rev = r;
        transientRetries = 0;
        Step s = state.ack();
        state = s.next();
        submit(s.send());
        if (presenceWaitsForAck && phase == Phase.LIVE) {
            presenceWaitsForAck = false;
            sendMappedPresence();
        }
        listeners.forEach(x -> x.acknowledged(f.seq(), r));
        placeEarlyPresence();
        if (phase == Phase.LIVE && state instanceof Synchronized) {
            listeners.forEach(x -> x.synced(r));
        }
    }

    private void presence(ServerMessage.PresenceEntry e) {
        if (phase != Phase.LIVE || selfId.get().equals(e.client())) {
            return;
        }
        Participant p = roster.accept(e, rev, state.unconfirmed(), text.length());
        if (p != null) {
            listeners.forEach(x -> x.presence(p));
        }
    }

    private void placeEarlyPresence() {
        for (Participant p : roster.reached(rev, state.unconfirmed(), text.length())) {
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
        if (phase != Phase.LIVE) {
            return;
        }
        String code = e.code() == null ? "" : e.code();
        Pending f = state.inFlight();
        boolean aboutMyEdit = f != null && e.seq() != null && e.seq() == f.seq();
        long delay = e.retryAfterMs() != null ? e.retryAfterMs() : DEFAULT_RETRY_MS;
        switch (action) {
            case RETRY -> {
                if (aboutMyEdit) {
                    long at = epoch;
                    scheduler.schedule(delay, () -> {
                        Pending now = state.inFlight(); // transformed since, by whatever arrived meanwhile
                        if (at == epoch && now != null && now.seq() == f.seq()) {
                            submit(now);
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
        TextOperation unconfirmed = state.unconfirmed();
        if (unconfirmed != null) {
            LostEdits lost = new LostEdits(docId, text.toString(), unconfirmed, reason);
            listeners.forEach(x -> x.editsLost(lost));
        }
        state = Synchronized.INSTANCE;
    }

    private void submit(Pending p) {
        if (p != null && phase == Phase.LIVE) {
            outbox.send(new ClientMessage.Submit(docId, rev, TextWire.op(p.op()), p.seq()));
        }
    }

    private static Selection clamp(Selection s, int length) {
        return new Selection(Math.min(s.anchor(), length), Math.min(s.head(), length));
    }

    /**
     * An operation that maps positions of {@code op}'s result back to its base: what {@code op}
     * inserted is deleted, what it deleted comes back as placeholder text of the same length.
     */
    static TextOperation positionsBack(TextOperation op) {
        TextOperation.Builder b = TextOperation.builder();
        for (int i = 0; i < op.size(); i++) {
            Component c = op.component(i);
            if (c instanceof Component.Retain) {
                b.retain(c.length());
            } else if (c instanceof Component.Insert) {
                b.delete(c.length());
            } else {
                b.insert("\u0000".repeat(c.length()));
            }
        }
        return b.build();
    }
}
