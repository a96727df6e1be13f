package dev.tandem.client.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;

/**
 * A {@link Channel} speaking SockJS over its WebSocket transport. The server writes {@code o}
 * (open), {@code h} (heartbeat), {@code a["..",".."]} (messages, each a JSON-encoded string that
 * is one protocol frame) and {@code c[code,"reason"]} (close); the client writes a JSON array of
 * strings. The channel is ready once {@code o} has arrived. The close code reported is the one
 * of the {@code c} frame, SockJS's own close message, since the WebSocket under it always ends
 * the same way.
 */
public final class SockJsChannel implements Channel {
    private final WebSocket ws;
    private Short closeCode;

    private SockJsChannel(WebSocket ws) {
        this.ws = ws;
    }

    public static Future<Channel> connect(WebSocketClient client, WebSocketConnectOptions options,
            Handler<String> onFrame, Handler<Short> onClose) {
        return client.connect(options).compose(ws -> {
            Promise<Channel> ready = Promise.promise();
            SockJsChannel channel = new SockJsChannel(ws);
            ws.textMessageHandler(text -> channel.receive(text, ready, onFrame));
            ws.closeHandler(v -> {
                if (!ready.tryFail("SockJS connection closed before it opened")) {
                    onClose.handle(channel.closeCode);
                }
            });
            ws.exceptionHandler(err -> ws.close());
            return ready.future();
        });
    }

    private void receive(String text, Promise<Channel> ready, Handler<String> onFrame) {
        if (text.isEmpty()) {
            return;
        }
        try {
            switch (text.charAt(0)) {
                case 'o' -> ready.tryComplete(this);
                case 'h' -> {
                    // heartbeat: keeps proxies from timing the connection out
                }
                case 'a' -> {
                    for (Object frame : new JsonArray(text.substring(1))) {
                        onFrame.handle((String) frame);
                    }
                }
                case 'm' -> onFrame.handle((String) new JsonArray("[" + text.substring(1) + "]").getValue(0));
                case 'c' -> {
                    closeCode = closeCode(text.substring(1));
                    ws.close();
                }
                default -> ws.close((short) 1002, "not a SockJS frame");
            }
        } catch (DecodeException | ClassCastException e) {
            ws.close((short) 1002, "malformed SockJS frame");
        }
    }

    /** The code of a close frame's {@code [code, "reason"]}, or null if it has none. */
    private static Short closeCode(String body) {
        JsonArray a = new JsonArray(body);
        return !a.isEmpty() && a.getValue(0) instanceof Number n ? n.shortValue() : null;
    }

    @Override
    public void send(String frame) {
        ws.writeTextMessage(new JsonArray().add(frame).encode());
    }

    @Override
    public void close() {
        ws.close();
    }

    @Override
    public void cut() {
        WebSocketChannel.cut(ws);
    }
}
