package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A bare protocol client for tests: sends raw frames over a real WebSocket, or over SockJS's
 * WebSocket transport, and lets the test wait for the messages it expects. Deliberately
 * independent of the client library, so the server is tested against the written protocol.
 */
public final class RawClient implements AutoCloseable {
    private final WebSocketClient client;
    private final WebSocket ws;
    private final boolean sockJs;
    private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final List<JsonObject> seen = new ArrayList<>();
    private final List<String> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Short closeCode;
    private String publicId;

    private RawClient(Vertx vertx, int port, boolean sockJs) throws Exception {
        this(vertx, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI(sockJs ? "/sockjs/000/" + Long.toHexString(System.nanoTime()) + "/websocket" : "/ws"), sockJs);
    }

    private RawClient(Vertx vertx, WebSocketConnectOptions options, boolean sockJs) throws Exception {
        this.sockJs = sockJs;
        this.client = vertx.createWebSocketClient();
        try {
            this.ws = client.connect(options).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            client.close();
            throw e;
        }
        ws.textMessageHandler(this::onFrame);
        ws.closeHandler(v -> closeCode = ws.closeStatusCode() == null ? -1 : ws.closeStatusCode());
    }

    public static RawClient connect(Vertx vertx, int port) throws Exception {
        return new RawClient(vertx, port, false);
    }

    public static RawClient connectSockJs(Vertx vertx, int port) throws Exception {
        return new RawClient(vertx, port, true);
    }

    /** Connects with the given options (headers such as Origin or Authorization, a URI with a query). */
    public static RawClient connect(Vertx vertx, WebSocketConnectOptions options) throws Exception {
        return new RawClient(vertx, options, options.getURI().startsWith("/sockjs"));
    }

    /** Connects and says hello with an access token. */
    public static RawClient hello(Vertx vertx, int port, String clientId, String token) throws Exception {
        RawClient c = connect(vertx, port);
        c.send(new JsonObject().put("type", "hello").put("v", 1).put("clientId", clientId).put("token", token)
                .put("user", new JsonObject().put("name", "Test " + clientId).put("color", "#123456")));
        c.publicId = c.expect("welcome").getString("client");
        return c;
    }

    /** Waits until the server has closed the connection; its close code. */
    public Short awaitClose() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (closeCode == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return closeCode;
    }

    /** Connects and says hello. */
    public static RawClient hello(Vertx vertx, int port, String clientId) throws Exception {
        RawClient c = connect(vertx, port);
        c.send(new JsonObject().put("type", "hello").put("v", 1).put("clientId", clientId)
                .put("user", new JsonObject().put("name", "Test " + clientId).put("color", "#123456")));
        c.publicId = c.expect("welcome").getString("client");
        return c;
    }

    /** The id the others see for this client (welcome's {@code client}), once it said hello. */
    public String publicId() {
        return publicId;
    }

    /** The id the others see for client {@code clientId} on a node in open mode. */
    public static String openModeId(String clientId) {
        return dev.tandem.access.PublicClientIds.of("", clientId);
    }

    private void onFrame(String frame) {
        String payload = frame;
        if (sockJs) {
            if (frame.startsWith("a")) {
                for (Object o : new JsonArray(frame.substring(1))) {
                    onServerFrame((String) o);
                }
            }
            return;
        }
        onServerFrame(payload);
    }

    private void onServerFrame(String frame) {
        frames.add(frame);
        for (Object o : new JsonArray(frame)) {
            inbox.add((JsonObject) o);
        }
    }

    public void send(JsonObject message) {
        sendText(message.encode());
    }

    public void sendText(String text) {
        if (sockJs) {
            ws.writeTextMessage(new JsonArray().add(text).encode());
        } else {
            ws.writeTextMessage(text);
        }
    }

    /** Waits for the next message of {@code type}, skipping others (kept in {@link #seen()}). */
    public JsonObject expect(String type) throws InterruptedException {
        return expect(m -> type.equals(m.getString("type")), type);
    }

    public JsonObject expect(Predicate<JsonObject> match, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            JsonObject m = inbox.poll(100, TimeUnit.MILLISECONDS);
            if (m == null) {
                continue;
            }
            seen.add(m);
            if (match.test(m)) {
                return m;
            }
        }
        fail("timed out waiting for " + what + "; saw " + seen);
        return null;
    }

    /** The next error, which must have {@code code}. */
    public JsonObject expectError(String code) throws InterruptedException {
        JsonObject e = expect("error");
        assertEquals(code, e.getString("code"), e.encode());
        return e;
    }

    /** Every frame the server sent, as it came (a JSON array of messages). */
    public List<String> frames() {
        return frames;
    }

    /** Messages received so far that the test skipped over. */
    public List<JsonObject> seen() {
        return seen;
    }

    /** Everything received but not yet consumed, after waiting {@code millis}. */
    public List<JsonObject> drain(long millis) throws InterruptedException {
        Thread.sleep(millis);
        List<JsonObject> out = new ArrayList<>();
        inbox.drainTo(out);
        seen.addAll(out);
        return out;
    }

    /** Stops reading from the socket, like a client that hangs: the server's writes pile up. */
    public void pauseReading() {
        ws.pause();
    }

    public void resumeReading() {
        ws.resume();
    }

    public Short closeCode() {
        return closeCode;
    }

    public boolean isClosed() {
        return ws.isClosed();
    }

    @Override
    public void close() throws Exception {
        if (!ws.isClosed()) {
            try {
                ws.close().await(5, TimeUnit.SECONDS);
            } catch (IllegalStateException alreadyClosed) {
                // closed by the server in the meantime
            }
        }
        client.close();
    }

    // message builders

    public static JsonObject open(String doc, Long rev, boolean create) {
        JsonObject m = new JsonObject().put("type", "open").put("doc", doc).put("create", create);
        if (rev != null) {
            m.put("rev", rev);
        }
        return m;
    }

    public static JsonObject submit(String doc, long base, JsonArray op, long seq) {
        return new JsonObject().put("type", "submit").put("doc", doc).put("base", base).put("op", op).put("seq", seq);
    }
}
