package dev.tandem.gateway;

/** A client's transport, WebSocket or SockJS, as the session sees it: text frames both ways. */
interface Connection {

    /** Sends one text frame. */
    void send(String frame);

    /** Whether the transport's write buffer is full (the client is not reading fast enough). */
    boolean writeQueueFull();

    /** Called once the write buffer has drained. */
    void drainHandler(Runnable handler);

    /** Closes with a WebSocket close code. */
    void close(short code, String reason);

    /** "websocket" or "sockjs", for metrics. */
    String kind();
}
