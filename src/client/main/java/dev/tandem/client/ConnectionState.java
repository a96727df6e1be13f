package dev.tandem.client;

/** Where a {@link TandemClient}'s connection stands. */
public enum ConnectionState {
    /** Opening a socket and saying hello. */
    CONNECTING,
    /** Welcomed by a server: documents are live. */
    CONNECTED,
    /** No connection; a reconnect may be scheduled (documents keep local edits meanwhile). */
    DISCONNECTED,
    /** {@link TandemClient#close()} was called; nothing more will happen. */
    CLOSED
}
