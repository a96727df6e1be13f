package dev.tandem.gateway;

import io.vertx.ext.web.handler.sockjs.SockJSSocket;

/** A SockJS session at {@code /sockjs}, for browsers and proxies where WebSockets fail. */
final class SockJsConnection implements Connection {
    private final SockJSSocket socket;

    SockJsConnection(SockJSSocket socket) {
        this.socket = socket;
    }

    @Override
    public void send(String frame) {
        socket.write(frame);
    }

    @Override
    public boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    @Override
    public void drainHandler(Runnable handler) {
        socket.drainHandler(v -> handler.run());
    }

    @Override
    public void close(short code, String reason) {
        socket.close(code, reason);
    }

    @Override
    public String kind() {
        return "sockjs";
    }
}
