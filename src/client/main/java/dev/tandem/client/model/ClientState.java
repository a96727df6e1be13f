package dev.tandem.client.model;

import dev.tandem.ot.DocumentType;
import dev.tandem.ot.Operation;

/**
 * The client half of OT, after ot.js's {@code client.js}: one immutable object per state, and every
 * event returns a {@link Step} naming the next state. At most one edit is in flight; edits made
 * meanwhile are composed into a buffer, sent when the in-flight one is acknowledged. It works for
 * any {@link DocumentType} whose operations transform and compose (text, rich text): the
 * algebra is the operations' own type ({@link Operation#type()}).
 *
 * <pre>
 *                 local edit                    local edit
 *   Synchronized ───────────► AwaitingConfirm ─────────────► AwaitingWithBuffer ─┐ local edit
 *        ▲     send it            │    ▲                        │        ▲       │ (compose)
 *        └────────── ack ─────────┘    └─── ack: send buffer ───┘        └───────┘
 * </pre>
 *
 * <p>A remote operation is transformed against the in-flight edit and then the buffer, exactly as
 * the server will transform the client's edit when it arrives: the server gives the arriving
 * submission {@link DocumentType.Side#LEFT} against what it committed first, so here the client's
 * edit is transformed with {@code LEFT} and the server's with {@code RIGHT}; both sides break ties
 * at one position the same way.
 *
 * @param <O> the operation class of the document's type
 */
public sealed interface ClientState<O extends Operation> permits Synchronized, AwaitingConfirm, AwaitingWithBuffer {

    /** The person edited the local copy with {@code op}; {@code seq} numbers it if it starts a new submission. */
    Step<O> localEdit(O op, long seq);

    /** The server committed someone else's {@code op}; the step's {@code apply} is what to do to the local copy. */
    Step<O> remoteOp(O op);

    /** The in-flight edit was committed. */
    Step<O> ack();

    /** The connection came back: the step re-sends the in-flight edit, if any, unchanged. */
    Step<O> reconnect();

    /** The edit in flight, or null. */
    Pending<O> inFlight();

    /** The edits made since the in-flight one, or null. */
    Pending<O> buffer();

    /** Every local edit the server has not confirmed, as one operation on the server's copy; null if none. */
    O unconfirmed();

    /** The algebra of {@code op}: its own type (every operation names the type it belongs to). */
    @SuppressWarnings("unchecked")
    static <O extends Operation> DocumentType<O> typeOf(O op) {
        return (DocumentType<O>) op.type();
    }

    /**
     * {@code mine} (not yet committed) and {@code theirs} (committed first), both on one copy,
     * each transformed past the other as the server orders them.
     */
    static <O extends Operation> Transformed<O> transform(O mine, O theirs) {
        DocumentType<O> type = typeOf(mine);
        return new Transformed<>(type.transform(mine, theirs, DocumentType.Side.LEFT),
                type.transform(theirs, mine, DocumentType.Side.RIGHT));
    }

    /**
     * The two sides of a transform:
     * <pre>
     *              copy
     *       mine  /    \  theirs
     *            /      \
     *    local copy    server copy
     *    theirs' \      / mine'       theirs' goes on the local copy; mine' is what the
     *             \    /              server will commit once it has transformed ours
     * </pre>
     */
    record Transformed<O extends Operation>(O minePrime, O theirsPrime) {
    }
}
