package dev.tandem.client.transport;

/**
 * One live connection to a server carrying protocol frames (JSON text), whatever the framing
 * underneath. Frames and the close event go to the handlers given when it was opened.
 */
public interface Channel {

    /** Sends one client frame: a JSON message object or an array of them. Never blocks. */
    void send(String frame);

    /** Closes politely (a WebSocket close handshake). */
    void close();

    /**
     * Drops the TCP connection without any close handshake, like a network failure: whatever
     * was in flight is lost. For tests of reconnection.
     */
    void cut();
}
