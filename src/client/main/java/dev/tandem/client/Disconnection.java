package dev.tandem.client;

/**
 * A connection of a {@link TandemClient} that the server or the network ended: which server it
 * was, and the WebSocket close code the server gave (for SockJS, the code of its close frame),
 * or null when the connection ended without one (a network failure, a killed node).
 *
 * <p>Vert.x's SockJS server ends every session with SockJS's own 3000 ("Go away!"), whatever the
 * code it was asked for: a SockJS client learns that a node is draining when it connects again and
 * the node refuses it (HTTP 503), and then moves on to the next URL.
 */
public record Disconnection(String url, Short code) {
    /** WebSocket 1001 "going away": the node is shutting down (PROTOCOL.md). */
    public static final short GOING_AWAY = 1001;

    /** Whether the node said it is going away: the client goes on to the next of its URLs at once. */
    public boolean goingAway() {
        return code != null && code == GOING_AWAY;
    }
}
