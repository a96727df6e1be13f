package dev.tandem.load;

import dev.tandem.client.model.ClientState;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.Pending;
import dev.tandem.client.model.RemoteChange;
import dev.tandem.client.model.Step;
import dev.tandem.client.model.Synchronized;
import dev.tandem.ot.Operation;
import dev.tandem.ot.text.Selection;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import java.util.function.Consumer;

/**
 * A copy of a document that keeps what a typing user needs and nothing else: the revision, the
 * document's length, a caret, and the client library's own state machine for the edit in flight
 * and the buffer (so every edit it submits is transformed exactly as a real client's would be),
 * but neither the content nor the others' carets. Any type with a {@link Typing} (text, rich text).
 *
 * <p>Why: in a crowd of n authors every edit reaches n - 1 copies, and the generator hosts all of
 * them on the cores the server runs on. Applying each edit to n - 1 full texts and rosters cost
 * the generator more than the server's whole fan-out, so W5 measured the generator. The server
 * cannot tell the difference: it receives the same submissions and sends the same frames. W5 keeps
 * every tenth author a {@link FullReplica}, and at the end every copy is compared with the server
 * (text for full copies, revision and length for these).
 *
 * <p>It does not reconnect or recover: an error is reported to the listener, which counts it, and
 * a crowd step with errors fails.
 */
final class LiteReplica<O extends Operation> implements Replica {
    private final String docId;
    private final String clientId;
    private final Typing<O> typing;
    private final Consumer<ClientMessage> send;
    private final DocumentListener<O, Selection> listener;
    private ClientState<O> state = Synchronized.instance();
    private long rev = -1;
    private int length;
    private int caret;
    private long lastSeq;
    private boolean live;
    private boolean failed;

    LiteReplica(String docId, String clientId, Typing<O> typing, Consumer<ClientMessage> send,
            DocumentListener<O, Selection> listener) {
        this.docId = docId;
        this.clientId = clientId;
        this.typing = typing;
        this.send = send;
        this.listener = listener;
    }

    void open(boolean create) {
        send.accept(new ClientMessage.Open(docId, null, create, typing.name()));
    }

    /** Whether the open reply came (live) or the open failed. */
    boolean openSettled() {
        return live || failed;
    }

    void receive(ServerMessage m) {
        if (m instanceof ServerMessage.Op o) {
            remote(o);
        } else if (m instanceof ServerMessage.Ack a) {
            ack(a);
        } else if (m instanceof ServerMessage.Opened o) {
            opened(o);
        } else if (m instanceof ServerMessage.Error e) {
            if (!live) {
                failed = true;
            }
            listener.error(e);
        }
        // presence, left, closed, pong: a lite copy shows no one
    }

    void connectionLost() {
        live = false;
    }

    private void opened(ServerMessage.Opened o) {
        if (o.snapshot() == null) {
            throw new IllegalStateException("a lite replica opens from a snapshot; got revisions for " + docId);
        }
        rev = o.rev();
        length = typing.length(o.snapshot());
        caret = Math.min(caret, typing.maxCaret(length));
        live = true;
    }

    private void remote(ServerMessage.Op o) {
        if (!live) {
            return;
        }
        if (o.rev() != rev + 1) {
            failed = true;
            listener.error(new ServerMessage.Error("CLIENT_OUT_OF_ORDER", "revision " + o.rev() + " after " + rev,
                    false, docId, null, null, null));
            return;
        }
        Step<O> s = state.remoteOp(typing.parse(o.op()));
        state = s.next();
        O apply = s.apply();
        length = typing.lengthAfter(apply, length);
        caret = typing.moveCaret(caret, apply, false);
        rev = o.rev();
        listener.remoteChange(new RemoteChange<>(docId, rev, apply, o.client(), o.seq()));
    }

    private void ack(ServerMessage.Ack a) {
        Pending<O> inFlight = state.inFlight();
        if (inFlight == null || inFlight.seq() != a.seq()) {
            return; // not ours to confirm (a resubmission's second ack)
        }
        rev = a.rev();
        Step<O> s = state.ack();
        state = s.next();
        submit(s.send());
        listener.acknowledged(a.seq(), a.rev());
    }

    private void submit(Pending<O> p) {
        if (p != null) {
            send.accept(new ClientMessage.Submit(docId, rev, typing.wire(p.op()), p.seq()));
        }
    }

    @Override
    public String docId() {
        return docId;
    }

    @Override
    public boolean isLive() {
        return live && !failed;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int caret() {
        return Math.min(caret, typing.maxCaret(length));
    }

    @Override
    public void placeCaret(int position) {
        caret = position;
    }

    @Override
    public void type(String s) {
        edit(typing.insert(length, caret(), s));
    }

    @Override
    public void backspace() {
        int at = caret();
        if (at > 0) {
            edit(typing.delete(length, at - 1, 1));
        }
    }

    @Override
    public void format(int count, String attribute, boolean on) {
        int at = caret();
        int from = Math.max(0, at - count);
        if (at > from) {
            edit(typing.format(length, from, at - from, attribute, on));
        }
    }

    /** A local edit made on this copy's length, submitted or buffered as the library's client state says. */
    void edit(O op) {
        if (typing.clientType().documentType().isNoop(op)) {
            return;
        }
        length = typing.lengthAfter(op, length);
        caret = typing.moveCaret(caret, op, true); // my own typing pushes my caret
        Step<O> s = state.localEdit(op, ++lastSeq);
        state = s.next();
        submit(s.send());
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public long revision() {
        return rev;
    }

    @Override
    public boolean isSynced() {
        return isLive() && state instanceof Synchronized<O>;
    }

    @Override
    public String text() {
        return null;
    }

    @Override
    public void movePresence(int position) {
        throw new UnsupportedOperationException("a lite replica sends no presence");
    }
}
