package dev.tandem.gateway;

import dev.tandem.protocol.ErrorCode;

/** What the gateway reports; the metrics layer implements it. Called on event loops: keep it cheap. */
public interface GatewayMetrics {
    GatewayMetrics NONE = new GatewayMetrics() {
    };

    /** A client connected over {@code transport} ("websocket" or "sockjs"). */
    default void connectionOpened(String transport) {
    }

    /** A connection ended; {@link CloseCause#dropped()} tells whether the client meant it to. */
    default void connectionClosed(String transport, CloseCause cause) {
    }

    /** An operation was committed (or recognised as a duplicate), {@code nanos} after the gateway received it. */
    default void opAccepted(long receivedToCommittedNanos) {
    }

    /** A submitted operation was refused with {@code code}. */
    default void opRejected(ErrorCode code) {
    }

    /**
     * A document tick went out: {@code shared} sessions got the tick's one shared frame,
     * {@code separate} sessions took its revisions one by one (authors, late or opening sessions).
     */
    default void tickDelivered(int shared, int separate) {
    }

    /** A presence update reached a recipient's session {@code latencyMillis} after its author's gateway got it. */
    default void presenceRelayed(long latencyMillis) {
    }
}
