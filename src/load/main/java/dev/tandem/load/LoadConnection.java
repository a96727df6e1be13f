package dev.tandem.load;

import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.client.model.ClientType;
import dev.tandem.ot.Operation;
import dev.tandem.ot.text.Selection;
import dev.tandem.client.transport.Endpoint;
import dev.tandem.client.transport.Transport;
import dev.tandem.client.transport.VertxInternals;
import dev.tandem.client.TandemClient;
import dev.tandem.protocol.ClientCodec;
import dev.tandem.protocol.ServerCodec;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.User;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A lean protocol connection of the load generator: one WebSocket at a time, and per open
 * document either the client library's {@link DocumentModel} or a {@link LiteReplica} (the
 * library's client state machine without the text), so client-side OT is exactly the library's. It exists because a {@code TandemClient} brings a WebSocket client, a lock and
 * timers per connection, too much for ten thousand of them in one process. Everything runs on
 * the event-loop context the connection was made on.
 *
 * <p>It never reconnects by itself. The soak's churn ({@link Churn}) drops it on purpose
 * ({@link #drop}) and connects it again as the same client ({@link #reconnect}): the documents'
 * models go offline and come back the way {@code TandemClient} drives them, catching up and
 * resubmitting what the server had not confirmed.
 */
final class LoadConnection {
    private final Context context;
    private final String clientId;
    private final RunStats stats;
    private final WebSocketClient client;
    private final Endpoint endpoint;
    private final String userName;
    private final long timeoutMs;
    private final Map<String, Hosted> docs = new HashMap<>();
    private final Map<String, Promise<Void>> opening = new HashMap<>();
    private Consumer<ClientMessage> sendHook = m -> { };
    private Promise<Void> welcome;
    /** The id the server shows others for this client (its welcome's {@code client}); the client id until then. */
    private volatile String publicId;
    private WebSocket ws;
    /** This side ended the connection (close or drop): its end is not a disconnect to report. */
    private boolean leaving;
    private boolean everWelcomed;
    /** Completed when the current socket has closed. */
    private Promise<Void> down = Promise.promise();

    private LoadConnection(Context context, String clientId, RunStats stats, WebSocketClient client, Endpoint endpoint,
            String userName, long timeoutMs) {
        this.context = context;
        this.clientId = clientId;
        this.publicId = clientId;
        this.stats = stats;
        this.client = client;
        this.endpoint = endpoint;
        this.userName = userName;
        this.timeoutMs = timeoutMs;
    }

    /** Connects on {@code context} and completes once the server said {@code welcome}. */
    static Future<LoadConnection> connect(WebSocketClient client, Endpoint endpoint, Context context, String clientId,
            String userName, RunStats stats, long timeoutMs) {
        LoadConnection c = new LoadConnection(context, clientId, stats, client, endpoint, userName, timeoutMs);
        Promise<LoadConnection> done = Promise.promise();
        context.runOnContext(v -> c.dial().map(x -> c).onComplete(done));
        return done.future();
    }

    /**
     * Opens a WebSocket and says hello as this client (on the context); completes at the welcome,
     * or fails (and cuts the socket) if none came within the timeout.
     */
    private Future<Void> dial() {
        Promise<Void> w = Promise.promise();
        welcome = w;
        leaving = false;
        down = Promise.promise();
        long timer = context.owner().setTimer(timeoutMs, t -> w.tryFail("no welcome within " + timeoutMs + " ms"));
        Future<WebSocket> socket = client.connect(endpoint.connectOptions(Transport.WEBSOCKET, timeoutMs));
        return socket.compose(s -> {
            ws = s;
            // A socket replaced by a reconnect says nothing more about this connection.
            s.textMessageHandler(f -> {
                if (ws == s) {
                    frame(f);
                }
            });
            s.exceptionHandler(e -> s.close());
            s.closeHandler(x -> {
                if (ws == s) {
                    closed();
                }
            });
            s.writeTextMessage(ClientCodec.encode(new ClientMessage.Hello(TandemClient.PROTOCOL_VERSION, clientId,
                    new User(userName, null))));
            return w.future();
        }).onComplete(ar -> {
            context.owner().cancelTimer(timer);
            if (ar.succeeded()) {
                return;
            }
            if (socket.succeeded() && ws == socket.result()) {
                VertxInternals.cut(socket.result()); // its close completes down
            } else {
                down.tryComplete(); // no socket of this attempt to wait for
            }
        });
    }

    /**
     * Ends the connection on purpose, as a person leaving would: {@code clean} with a WebSocket
     * close handshake, else by cutting the TCP connection without a close frame, as a network drop
     * does. The documents go offline and keep their unconfirmed edits. Completes once this side
     * has seen the socket close.
     */
    Future<Void> drop(boolean clean) {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            leaving = true;
            Future<Void> closed = down.future();
            if (ws == null || closed.isComplete()) {
                p.complete();
                return;
            }
            if (clean) {
                ws.close();
            } else {
                VertxInternals.cut(ws);
            }
            closed.onComplete(p);
        });
        return p.future();
    }

    /**
     * Connects again as the same client after {@link #drop}; at the welcome every document
     * reopens from its last revision, and its model resubmits what the server had not confirmed
     * (under the same {@code seq}, which the server's dedup recognises if it was committed after
     * all). Completes at the welcome. Only documents kept by the client library's model can.
     */
    Future<Void> reconnect() {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            if (ws != null && !down.future().isComplete()) {
                p.fail("still connected");
            } else if (docs.values().stream().anyMatch(d -> d.reconnected() == null)) {
                p.fail("a lite copy cannot reopen with a catch-up");
            } else {
                dial().onComplete(p);
            }
        });
        return p.future();
    }

    String clientId() {
        return clientId;
    }

    /** The id others see on this client's operations and presence (never its client id, since access control). */
    String publicId() {
        return publicId;
    }

    Context context() {
        return context;
    }

    /** Called with every message before it is sent (on the context): how users time their submissions. */
    void onSend(Consumer<ClientMessage> hook) {
        this.sendHook = hook;
    }

    /** A document open on this connection, the client library's model or a lite copy, as the connection drives it. */
    private record Hosted(Consumer<ServerMessage> receive, BooleanSupplier opening, BooleanSupplier live,
            Runnable connectionLost, Runnable reconnected) {
    }

    /** Opens {@code docId} as a document of {@code type} (on the context); completes when the document is live. */
    <O extends Operation, S> Future<DocumentModel<O, S>> open(String docId, boolean create, ClientType<O, S> type,
            DocumentListener<O, S> listener) {
        Promise<Void> p = Promise.promise();
        // The model tells its own revisions from others' by the public id, the one the server shows.
        DocumentModel<O, S> model = new DocumentModel<>(type, docId, clientId, this::publicId, 0, this::send,
                (delay, task) -> context.owner().setTimer(Math.max(1, delay), t -> task.run()));
        model.addListener(listener);
        host(docId, p, new Hosted(model::receive, () -> model.phase() == DocumentModel.Phase.OPENING,
                () -> model.phase() == DocumentModel.Phase.LIVE, model::connectionLost, model::reconnected),
                () -> model.open(create));
        return p.future().map(v -> model);
    }

    private void host(String docId, Promise<Void> opened, Hosted doc, Runnable open) {
        context.runOnContext(v -> {
            docs.put(docId, doc);
            opening.put(docId, opened);
            open.run();
        });
    }

    /** Opens an existing {@code docId} as a {@link LiteReplica} (on the context); completes when it is live. */
    <O extends Operation> Future<LiteReplica<O>> openLite(String docId, Typing<O> typing, DocumentListener<O, Selection> listener) {
        Promise<Void> p = Promise.promise();
        LiteReplica<O> replica = new LiteReplica<>(docId, clientId, typing, this::send, listener);
        host(docId, p, new Hosted(replica::receive, () -> !replica.openSettled(), replica::isLive,
                replica::connectionLost, null), () -> replica.open(false));
        return p.future().map(v -> replica);
    }

    /** Closes the socket; not counted as a disconnect. */
    Future<Void> close() {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            leaving = true;
            if (ws == null) {
                p.complete();
            } else {
                ws.close().onComplete(ar -> p.complete());
            }
        });
        return p.future();
    }

    private void send(ClientMessage m) {
        sendHook.accept(m);
        if (ws != null && !ws.isClosed()) {
            ws.writeTextMessage(ClientCodec.encode(m));
        }
    }

    /**
     * Decoding shared by the simulated clients of one event loop. In a crowded document the
     * server sends every reader the same frame per tick, and this loop's clients read it one
     * after the other: the generator parses those bytes once and hands each client the same
     * (immutable) messages. Frames that differ (an author's, or a slow reader's that took two
     * ticks at once) are made of the same encoded operations, so operations are also kept by
     * their text. Real clients would each parse on their own machine; here they share two cores
     * with the server, and the generator should measure the server, not its own parsing. Each
     * client still reads its own copy from its own socket, and its latency is taken when it has
     * applied the messages.
     */
    private static final ThreadLocal<Decoded> LAST_DECODED = ThreadLocal.withInitial(Decoded::new);

    private static final class Decoded {
        /** A client whose socket held two ticks' frames reads both before the next client reads the first. */
        static final int SIZE = 4;
        /**
         * Operations kept by their text: a second or so of a crowd's, enough for a client a few
         * ticks behind. Kept small on purpose: whatever lives here survives young collections, and
         * a cache of 100,000 made the generator's collector copy tens of MiB each time (30-70 ms
         * pauses, then a 343 ms full collection, counted against the server's latency).
         */
        static final int MAX_OPS = 2048;
        final String[] frames = new String[SIZE];
        @SuppressWarnings("unchecked")
        final List<ServerMessage>[] messages = new List[SIZE];
        final Map<String, ServerMessage> ops = new java.util.LinkedHashMap<>(MAX_OPS * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ServerMessage> eldest) {
                return size() > MAX_OPS;
            }
        };
        int next;
    }

    static List<ServerMessage> decode(String frame) {
        Decoded last = LAST_DECODED.get();
        for (int i = 0; i < Decoded.SIZE; i++) {
            if (frame.equals(last.frames[i])) {
                return last.messages[i];
            }
        }
        List<ServerMessage> messages = decodeByMessage(frame, last.ops);
        int slot = last.next;
        last.frames[slot] = frame;
        last.messages[slot] = messages;
        last.next = (slot + 1) % Decoded.SIZE;
        return messages;
    }

    private static List<ServerMessage> decodeByMessage(String frame, Map<String, ServerMessage> ops) {
        List<String> parts = ServerCodec.splitFrame(frame);
        if (parts == null) {
            return List.copyOf(ServerCodec.decodeFrame(frame)); // not a plain array of objects: the codec says why
        }
        ServerMessage[] out = new ServerMessage[parts.size()];
        for (int i = 0; i < out.length; i++) {
            String text = parts.get(i);
            ServerMessage m = ops.get(text);
            if (m == null) {
                m = ServerCodec.decodeFrame(text).get(0);
                if (m instanceof ServerMessage.Op) {
                    ops.put(text, m);
                }
            }
            out[i] = m;
        }
        return List.of(out);
    }

    private void frame(String frame) {
        for (ServerMessage m : decode(frame)) {
            if (m instanceof ServerMessage.Welcome w) {
                if (w.client() != null) {
                    publicId = w.client();
                }
                if (welcome.tryComplete() && everWelcomed) {
                    docs.values().forEach(d -> d.reconnected().run()); // as TandemClient does on a new connection
                }
                everWelcomed = true;
                continue;
            }
            Hosted doc = m.doc() == null ? null : docs.get(m.doc());
            if (doc == null) {
                if (m instanceof ServerMessage.Error e) {
                    stats.error(e.code());
                    welcome.tryFail(new IllegalStateException(e.code() + ": " + e.message()));
                }
                continue;
            }
            doc.receive().accept(m);
            Promise<Void> p = opening.get(m.doc());
            if (p != null && !doc.opening().getAsBoolean()) {
                opening.remove(m.doc());
                if (doc.live().getAsBoolean()) {
                    p.complete();
                } else {
                    p.fail(m instanceof ServerMessage.Error e ? e.code() + ": " + e.message() : "not opened: " + m);
                }
            }
        }
    }

    private void closed() {
        welcome.tryFail("connection closed before welcome");
        docs.values().forEach(d -> d.connectionLost().run());
        opening.values().forEach(p -> p.tryFail("connection closed"));
        opening.clear();
        if (!leaving) {
            stats.disconnects.increment();
        }
        down.tryComplete();
    }
}
