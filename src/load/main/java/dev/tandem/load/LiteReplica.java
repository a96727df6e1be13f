package dev.tandem.load;

import dev.tandem.client.model.ClientState;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.Pending;
import dev.tandem.client.model.RemoteChange;
import dev.tandem.client.model.Step;
import dev.tandem.client.model.Synchronized;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.ot.text.TextType;
import dev.tandem.ot.text.TextOperation.Bias;
import java.util.function.Consumer;

/**
 * A copy of a document that keeps what a typing user needs and nothing else: the revision, the
 * text's length, a caret, and the client library's own state machine for the edit in flight and
 * the buffer (so every edit it submits is transformed exactly as a real client's would be), but
 * neither the text nor the others' carets.
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
final class LiteReplica implements Replica {
    private final String docId;
    private final String clientId;
    private final Consumer<ClientMessage> send;
    private final DocumentListener<TextOperation, Selection> listener;
    private ClientState<TextOperation> state = Synchronized.instance();
    private long rev = -1;
    private int length;
    private Selection caret = Selection.caret(0);
    private long lastSeq;
    private boolean live;
    private boolean failed;

    LiteReplica(String docId, String clientId, Consumer<ClientMessage> send, DocumentListener<TextOperation, Selection> listener) {
        this.docId = docId;
        this.clientId = clientId;
        this.send = send;
        this.listener = listener;
    }

    void open(boolean create) {
        send.accept(new ClientMessage.Open(docId, null, create, TextType.NAME));
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
        String text = o.snapshot().textValue();
        length = text.codePointCount(0, text.length());
        caret = Selection.caret(Math.min(caret.head(), length));
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
        Step<TextOperation> s = state.remoteOp(TextOps.of(o.op()));
        state = s.next();
        TextOperation apply = s.apply();
        length = apply.targetLength();
        caret = caret.transform(apply, Bias.BEFORE);
        rev = o.rev();
        listener.remoteChange(new RemoteChange<>(docId, rev, apply, o.client(), o.seq()));
    }

    private void ack(ServerMessage.Ack a) {
        Pending<TextOperation> inFlight = state.inFlight();
        if (inFlight == null || inFlight.seq() != a.seq()) {
            return; // not ours to confirm (a resubmission's second ack)
        }
        rev = a.rev();
        Step<TextOperation> s = state.ack();
        state = s.next();
        submit(s.send());
        listener.acknowledged(a.seq(), a.rev());
    }

    private void submit(Pending<TextOperation> p) {
        if (p != null) {
            send.accept(new ClientMessage.Submit(docId, rev, OperationJson.toTree(p.op()), p.seq()));
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
        return Math.min(caret.head(), length);
    }

    @Override
    public void placeCaret(int position) {
        caret = Selection.caret(position);
    }

    @Override
    public void edit(TextOperation op) {
        if (op.baseLength() != length) {
            throw new IllegalArgumentException("edit for length " + op.baseLength() + " on a copy of " + length);
        }
        if (op.isNoop()) {
            return;
        }
        length = op.targetLength();
        caret = caret.transform(op, Bias.AFTER); // my own typing pushes my caret
        Step<TextOperation> s = state.localEdit(op, ++lastSeq);
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
        return isLive() && state instanceof Synchronized;
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
