package dev.tandem.client.model;

import dev.tandem.ot.text.TextOperation;

/**
 * The client half of OT, after ot.js's {@code client.js}: one immutable object per state, and every
 * event returns a {@link Step} naming the next state. At most one edit is in flight; edits made
 * meanwhile are composed into a buffer, sent when the in-flight one is acknowledged.
 *
 * <pre>
 *                 local edit                    local edit
 *   Synchronized ───────────► AwaitingConfirm ─────────────► AwaitingWithBuffer ─┐ local edit
 *        ▲     send it            │    ▲                        │        ▲       │ (compose)
 *        └────────── ack ─────────┘    └─── ack: send buffer ───┘        └───────┘
 * </pre>
 *
 * <p>A remote operation is transformed against the in-flight edit and then the buffer, with the
 * client's edit as the first argument of {@link TextOperation#transform} and the server's as the
 * second, exactly as the server transforms the client's edit when it arrives: both sides break
 * ties at the same position the same way.
 */
public sealed interface ClientState permits Synchronized, AwaitingConfirm, AwaitingWithBuffer {

    /** The person edited the local text with {@code op}; {@code seq} numbers it if it starts a new submission. */
    Step localEdit(TextOperation op, long seq);

    /** The server committed someone else's {@code op}; the step's {@code apply} is what to do to the local text. */
    Step remoteOp(TextOperation op);

    /** The in-flight edit was committed. */
    Step ack();

    /** The connection came back: the step re-sends the in-flight edit, if any, unchanged. */
    Step reconnect();

    /** The edit in flight, or null. */
    Pending inFlight();

    /** The edits made since the in-flight one, or null. */
    Pending buffer();

    /** Every local edit the server has not confirmed, as one operation on the server's text; null if none. */
    TextOperation unconfirmed();
}
