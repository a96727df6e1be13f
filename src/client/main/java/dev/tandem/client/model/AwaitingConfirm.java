package dev.tandem.client.model;

import dev.tandem.ot.text.OperationPair;
import dev.tandem.ot.text.TextOperation;

/** One edit is in flight and nothing else has been typed since. */
public record AwaitingConfirm(Pending inFlight) implements ClientState {

    @Override
    public Step localEdit(TextOperation op, long seq) {
        return Step.to(new AwaitingWithBuffer(inFlight, new Pending(seq, op)));
    }

    /**
     * <pre>
     *        server text
     *   inFlight /    \ op
     *           /      \
     *   local text    server text'
     *      op' \      / inFlight'      op' goes on the local text; inFlight' is what the
     *           \    /                 server will commit once it has transformed ours
     * </pre>
     */
    @Override
    public Step remoteOp(TextOperation op) {
        OperationPair pair = TextOperation.transform(inFlight.op(), op);
        return new Step(new AwaitingConfirm(new Pending(inFlight.seq(), pair.aPrime())), null, pair.bPrime());
    }

    @Override
    public Step ack() {
        return Step.to(Synchronized.INSTANCE);
    }

    @Override
    public Step reconnect() {
        return new Step(this, inFlight, null);
    }

    @Override
    public Pending buffer() {
        return null;
    }

    @Override
    public TextOperation unconfirmed() {
        return inFlight.op();
    }
}
