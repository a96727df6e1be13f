package dev.tandem.client.model;

import dev.tandem.ot.text.TextOperation;

/** Nothing is waiting for the server: the local text is the server's latest known revision. */
public record Synchronized() implements ClientState {
    public static final Synchronized INSTANCE = new Synchronized();

    @Override
    public Step localEdit(TextOperation op, long seq) {
        Pending p = new Pending(seq, op);
        return new Step(new AwaitingConfirm(p), p, null);
    }

    @Override
    public Step remoteOp(TextOperation op) {
        return new Step(this, null, op);
    }

    @Override
    public Step ack() {
        throw new IllegalStateException("ack while nothing is in flight");
    }

    @Override
    public Step reconnect() {
        return Step.to(this);
    }

    @Override
    public Pending inFlight() {
        return null;
    }

    @Override
    public Pending buffer() {
        return null;
    }

    @Override
    public TextOperation unconfirmed() {
        return null;
    }
}
