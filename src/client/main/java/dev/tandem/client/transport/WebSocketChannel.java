package dev.tandem.client.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/** A {@link Channel} over a plain WebSocket: each text message is one protocol frame. */
public final class WebSocketChannel implements Channel {
    private final WebSocket ws;

    private WebSocketChannel(WebSocket ws) {
        this.ws = ws;
    }

    /**
     * Opens the WebSocket; {@code onFrame} gets every text message, {@code onClose} fires once at
     * the end with the peer's close code (null if the connection ended without one).
     */
    public static Future<Channel> connect(WebSocketClient client, WebSocketConnectOptions options,
            Handler<String> onFrame, Handler<Short> onClose) {
        return client.connect(options).map(ws -> {
            ws.textMessageHandler(onFrame);
            ws.closeHandler(v -> onClose.handle(ws.closeStatusCode()));
            ws.exceptionHandler(err -> ws.close()); // the close handler reports it; nothing else to do
            return new WebSocketChannel(ws);
        });
    }

    @Override
    public void send(String frame) {
        ws.writeTextMessage(frame); // a failed write means the socket is closing: the close handler follows
    }

    @Override
    public void close() {
        ws.close();
    }

    @Override
    public void cut() {
        cut(ws);
    }

    static void cut(WebSocket ws) {
        VertxInternals.cut(ws);
    }
}
