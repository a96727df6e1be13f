package dev.tandem.gateway;

import java.util.Locale;

/**
 * Why a client connection ended. Every cause but {@link #CLIENT} is a drop: the server or the
 * network ended the connection, not the person (counted in {@code websocket_connection_drops}).
 */
public enum CloseCause {
    /** The client said goodbye: WebSocket close 1000, 1001 or a close frame without a code. */
    CLIENT(false, (short) 1000, "bye"),
    /** The client closed with an error code (protocol error, message too big, internal error...). */
    CLIENT_ERROR(true, (short) 1002, "client error"),
    /** The connection ended without a close frame (1006): network failure, killed client, proxy timeout. */
    NETWORK(true, (short) 1006, "abnormal closure"),
    /** The server dropped a WebSocket that stopped answering pings. */
    NO_PONG(true, (short) 1001, "no pong"),
    /** The server dropped a client that did not read its messages fast enough. */
    SLOW_CONSUMER(true, (short) 4408, "slow consumer"),
    /** A frame or message far over the size limit (twice {@code maxMessageBytes}): WebSocket 1009. */
    MESSAGE_TOO_BIG(true, (short) 1009, "message too big"),
    /** A text message that is not UTF-8: WebSocket 1007. */
    INVALID_UTF8(true, (short) 1007, "invalid UTF-8"),
    /** A frame the WebSocket decoder refused for another reason (bad opcode, reserved bits): 1002. */
    BAD_FRAME(true, (short) 1002, "protocol error"),
    /** The server refused the client's protocol version. */
    PROTOCOL(true, (short) 4400, "unsupported version"),
    /** The node is shutting down; the client reconnects to another one. */
    SHUTDOWN(true, (short) 1001, "node shutting down"),
    /** The client broke a limit that closes the connection: no hello in time, a message or presence flood. */
    POLICY(true, (short) 1008, "policy violation"),
    /** The client's access token is missing, invalid or expired. */
    UNAUTHENTICATED(true, (short) 4401, "unauthenticated"),
    /** The client's address has too many connections open. */
    TOO_MANY_CONNECTIONS(true, (short) 4429, "too many connections");

    private final boolean dropped;
    private final short wsCode;
    private final String reason;
    private final String label;

    CloseCause(boolean dropped, short wsCode, String reason) {
        this.dropped = dropped;
        this.wsCode = wsCode;
        this.reason = reason;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    /** Whether the server or the network ended the connection rather than the client. */
    public boolean dropped() {
        return dropped;
    }

    /** The WebSocket close code the server sends when it ends a connection for this cause. */
    short wsCode() {
        return wsCode;
    }

    /** The close reason the server sends with {@link #wsCode()}. */
    String reason() {
        return reason;
    }

    /** The metric label value: the name in lower case. */
    public String label() {
        return label;
    }

    /**
     * The cause of a WebSocket the client (or the network) closed, from the close code the client
     * sent: none at all, or 1006 (never sent on the wire, some stacks report it), means the
     * connection was cut without a closing handshake.
     */
    static CloseCause fromClientCode(Short code) {
        if (code == null || code == 1006) {
            return NETWORK;
        }
        return code == 1000 || code == 1001 || code == 1005 ? CLIENT : CLIENT_ERROR;
    }
}
