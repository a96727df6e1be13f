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
        if (!ws.isClosed()) {
            ws.writeTextMessage(frame);
        }
    }

    @Override
    public boolean writeQueueFull() {
        // A socket the network just cut is closed; it has no queue and will never drain.
        return !ws.isClosed() && ws.writeQueueFull();
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
