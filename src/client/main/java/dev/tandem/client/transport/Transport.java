package dev.tandem.client.transport;

/** How a client reaches the server: a plain WebSocket, or SockJS framing where only that gets through. */
public enum Transport {
    /** A WebSocket at {@code /ws}: one protocol frame per text message. */
    WEBSOCKET,
    /** SockJS over its WebSocket transport at {@code /sockjs/<server>/<session>/websocket}. */
    SOCKJS
}
