package dev.tandem.client.model;

import dev.tandem.ot.Operation;

/** Nothing is waiting for the server: the local copy is the server's latest known revision. */
public record Synchronized<O extends Operation>() implements ClientState<O> {
    private static final Synchronized<?> INSTANCE = new Synchronized<>();

    /** The one (stateless) instance, for any operation class. */
    @SuppressWarnings("unchecked")
    public static <O extends Operation> Synchronized<O> instance() {
        return (Synchronized<O>) INSTANCE;
    }

    @Override
    public Step<O> localEdit(O op, long seq) {
        Pending<O> p = new Pending<>(seq, op);
        return new Step<>(new AwaitingConfirm<>(p), p, null);
    }

    @Override
    public Step<O> remoteOp(O op) {
        return new Step<>(this, null, op);
    }

    @Override
    public Step<O> ack() {
        throw new IllegalStateException("ack while nothing is in flight");
    }

    @Override
    public Step<O> reconnect() {
        return Step.to(this);
    }

    @Override
    public Pending<O> inFlight() {
        return null;
    }

    @Override
    public Pending<O> buffer() {
        return null;
    }

    @Override
    public O unconfirmed() {
        return null;
    }
}
