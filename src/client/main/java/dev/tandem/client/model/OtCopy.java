package dev.tandem.client.model;

import dev.tandem.ot.Document;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.Operation;
import java.util.function.LongSupplier;

/**
 * A local copy kept with the ot.js client states ({@link ClientState}): the document as the person
 * sees it, one edit in flight, later ones composed into a buffer, remote operations transformed
 * past both. For every type whose operations the server does not change when applying them.
 */
final class OtCopy<O extends Operation> implements LocalCopy<O> {
    private final DocumentType<O> type;
    private final Document<O> view;
    private ClientState<O> state = Synchronized.instance();
    private Pending<O> toSend;

    OtCopy(DocumentType<O> type, String snapshot) {
        this.type = type;
        this.view = type.open(snapshot);
    }

    ClientState<O> state() {
        return state;
    }

    @Override
    public Document<O> view() {
        return view;
    }

    @Override
    public O edit(O op, LongSupplier seqs) {
        view.apply(op); // checks that op fits first
        if (type.isNoop(op)) {
            return op;
        }
        Step<O> s = state.localEdit(op, seqs.getAsLong());
        state = s.next();
        if (s.send() != null) {
            toSend = s.send();
        }
        return op;
    }

    @Override
    public Pending<O> takeOutgoing(LongSupplier seqs) {
        Pending<O> p = toSend;
        toSend = null;
        return p;
    }

    @Override
    public Pending<O> inFlight() {
        return state.inFlight();
    }

    @Override
    public O unconfirmed() {
        return state.unconfirmed();
    }

    @Override
    public O remote(long rev, O committed) {
        Step<O> s = state.remoteOp(committed);
        view.apply(s.apply()); // first: a misfit leaves the state as it was
        state = s.next();
        return s.apply();
    }

    @Override
    public void acknowledged(long rev, O committed) {
        Step<O> s = state.ack();
        state = s.next();
        toSend = s.send();
    }
}
