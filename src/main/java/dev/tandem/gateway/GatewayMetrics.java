package dev.tandem.gateway;

import dev.tandem.protocol.ErrorCode;

/** What the gateway reports; the metrics layer implements it. */
public interface GatewayMetrics {
    GatewayMetrics NONE = new GatewayMetrics() {
    };

    default void connectionOpened(String kind) {
    }

    /** {@code dropped}: closed by the server or the network rather than by the client. */
    default void connectionClosed(String kind, boolean dropped) {
    }

    default void opAccepted(long receivedToCommittedNanos) {
    }

    default void opRejected(ErrorCode code) {
    }

    default void presenceRelayed(long latencyMillis) {
    }
}
