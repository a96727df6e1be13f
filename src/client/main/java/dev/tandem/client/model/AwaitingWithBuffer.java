package dev.tandem.client.model;

import dev.tandem.ot.text.OperationPair;
import dev.tandem.ot.text.TextOperation;

/** One edit is in flight and later edits wait, composed into one, for its acknowledgement. */
public record AwaitingWithBuffer(Pending inFlight, Pending buffer) implements ClientState {

    /** The buffer keeps the seq of its first edit: seqs only need to increase, not to be dense. */
    @Override
    public Step localEdit(TextOperation op, long seq) {
        return Step.to(new AwaitingWithBuffer(inFlight, new Pending(buffer.seq(), buffer.op().compose(op))));
    }

    /**
     * The remote op is transformed past the in-flight edit, and what comes out past the buffer:
     *
     * <pre>
     *   server ──inFlight──► · ──buffer──► local
     *     │op                │op'           │op''   (op'' is applied to the local text)
     *     ▼                  ▼              ▼
     *   server' ─inFlight'─► · ──buffer'─► local'
     * </pre>
     */
    @Override
    public Step remoteOp(TextOperation op) {
        OperationPair first = TextOperation.transform(inFlight.op(), op);
        OperationPair second = TextOperation.transform(buffer.op(), first.bPrime());
        return new Step(new AwaitingWithBuffer(new Pending(inFlight.seq(), first.aPrime()),
                new Pending(buffer.seq(), second.aPrime())), null, second.bPrime());
    }

    @Override
    public Step ack() {
        return new Step(new AwaitingConfirm(buffer), buffer, null);
    }

    @Override
    public Step reconnect() {
        return new Step(this, inFlight, null);
    }

    @Override
    public TextOperation unconfirmed() {
        return inFlight.op().compose(buffer.op());
    }
}
