package dev.tandem.client.model;

import dev.tandem.ot.Operation;

/** One edit is in flight and nothing else has been typed since. */
public record AwaitingConfirm<O extends Operation>(Pending<O> inFlight) implements ClientState<O> {

    @Override
    public Step<O> localEdit(O op, long seq) {
        return Step.to(new AwaitingWithBuffer<>(inFlight, new Pending<>(seq, op)));
    }

    /** {@code op} goes on the local copy past the in-flight edit, which is transformed past {@code op} (see {@link ClientState.Transformed}). */
    @Override
    public Step<O> remoteOp(O op) {
        ClientState.Transformed<O> t = ClientState.transform(inFlight.op(), op);
        return new Step<>(new AwaitingConfirm<>(new Pending<>(inFlight.seq(), t.minePrime())), null, t.theirsPrime());
    }

    @Override
    public Step<O> ack() {
        return Step.to(Synchronized.instance());
    }

    @Override
    public Step<O> reconnect() {
        return new Step<>(this, inFlight, null);
    }

    @Override
    public Pending<O> buffer() {
        return null;
    }

    @Override
    public O unconfirmed() {
        return inFlight.op();
    }
}
