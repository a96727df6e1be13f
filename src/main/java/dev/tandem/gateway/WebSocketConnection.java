package dev.tandem.gateway;

import io.vertx.core.http.ServerWebSocket;

/** A native WebSocket at {@code /ws}. */
final class WebSocketConnection implements Connection {
    private final ServerWebSocket ws;

    WebSocketConnection(ServerWebSocket ws) {
        this.ws = ws;
    }

    @Override
    public void send(String frame) {
        ws.writeTextMessage(frame);
    }

    @Override
    public boolean writeQueueFull() {
        return ws.writeQueueFull();
    }

    @Override
    public void drainHandler(Runnable handler) {
        ws.drainHandler(v -> handler.run());
    }

    @Override
    public void close(short code, String reason) {
        if (!ws.isClosed()) {
            ws.close(code, reason);
        }
    }

    @Override
    public String kind() {
        return "websocket";
    }
}
