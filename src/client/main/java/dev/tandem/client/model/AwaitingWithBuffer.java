package dev.tandem.client.model;

import dev.tandem.ot.Operation;

/** One edit is in flight and later edits wait, composed into one, for its acknowledgement. */
public record AwaitingWithBuffer<O extends Operation>(Pending<O> inFlight, Pending<O> buffer) implements ClientState<O> {

    /** The buffer keeps the seq of its first edit: seqs only need to increase, not to be dense. */
    @Override
    public Step<O> localEdit(O op, long seq) {
        O composed = ClientState.typeOf(op).compose(buffer.op(), op);
        return Step.to(new AwaitingWithBuffer<>(inFlight, new Pending<>(buffer.seq(), composed)));
    }

    /**
     * The remote op is transformed past the in-flight edit, and what comes out past the buffer:
     *
     * <pre>
     *   server ──inFlight──► · ──buffer──► local
     *     │op                │op'           │op''   (op'' is applied to the local copy)
     *     ▼                  ▼              ▼
     *   server' ─inFlight'─► · ──buffer'─► local'
     * </pre>
     */
    @Override
    public Step<O> remoteOp(O op) {
        ClientState.Transformed<O> first = ClientState.transform(inFlight.op(), op);
        ClientState.Transformed<O> second = ClientState.transform(buffer.op(), first.theirsPrime());
        return new Step<>(new AwaitingWithBuffer<>(new Pending<>(inFlight.seq(), first.minePrime()),
                new Pending<>(buffer.seq(), second.minePrime())), null, second.theirsPrime());
    }

    @Override
    public Step<O> ack() {
        return new Step<>(new AwaitingConfirm<>(buffer), buffer, null);
    }

    @Override
    public Step<O> reconnect() {
        return new Step<>(this, inFlight, null);
    }

    @Override
    public O unconfirmed() {
        return ClientState.typeOf(inFlight.op()).compose(inFlight.op(), buffer.op());
    }
}
