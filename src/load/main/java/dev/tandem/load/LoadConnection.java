package dev.tandem.load;

import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.client.model.ClientType;
import dev.tandem.ot.Operation;
import dev.tandem.ot.text.Selection;
import dev.tandem.client.transport.Endpoint;
import dev.tandem.client.transport.Transport;
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
 * A lean protocol connection of the load generator: one WebSocket, no reconnects, and per open
 * document either the client library's {@link DocumentModel} or a {@link LiteReplica} (the
 * library's client state machine without the text), so client-side OT is exactly the library's. It exists because a {@code TandemClient} brings a WebSocket client, a lock and
 * timers per connection, too much for ten thousand of them in one process. Everything runs on
 * the event-loop context the connection was made on.
 */
final class LoadConnection {
    private final Context context;
    private final String clientId;
    private final RunStats stats;
    private final Map<String, Hosted> docs = new HashMap<>();
    private final Map<String, Promise<Void>> opening = new HashMap<>();
    private Consumer<ClientMessage> sendHook = m -> { };
    private Promise<Void> welcome;
    /** The id the server shows others for this client (its welcome's {@code client}); the client id until then. */
    private volatile String publicId;
    private WebSocket ws;
    private boolean closing;

    private LoadConnection(Context context, String clientId, RunStats stats) {
        this.context = context;
        this.clientId = clientId;
        this.publicId = clientId;
        this.stats = stats;
    }

    /** Connects on {@code context} and completes once the server said {@code welcome}. */
    static Future<LoadConnection> connect(WebSocketClient client, Endpoint endpoint, Context context, String clientId,
            String userName, RunStats stats, long timeoutMs) {
        LoadConnection c = new LoadConnection(context, clientId, stats);
        Promise<LoadConnection> done = Promise.promise();
        context.runOnContext(v -> {
            c.welcome = Promise.promise();
            client.connect(endpoint.connectOptions(Transport.WEBSOCKET, timeoutMs)).compose(ws -> {
                c.ws = ws;
                ws.textMessageHandler(c::frame);
                ws.exceptionHandler(e -> ws.close());
                ws.closeHandler(x -> c.closed());
                ws.writeTextMessage(ClientCodec.encode(new ClientMessage.Hello(TandemClient.PROTOCOL_VERSION, clientId,
                        new User(userName, null))));
                return c.welcome.future();
            }).map(x -> c).onComplete(done);
        });
        return done.future();
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
            Runnable connectionLost) {
    }

    /** Opens {@code docId} as a document of {@code type} (on the context); completes when the document is live. */
    <O extends Operation, S> Future<DocumentModel<O, S>> open(String docId, boolean create, ClientType<O, S> type,
            DocumentListener<O, S> listener) {
        Promise<Void> p = Promise.promise();
        DocumentModel<O, S> model = new DocumentModel<>(type, docId, clientId, 0, this::send,
                (delay, task) -> context.owner().setTimer(Math.max(1, delay), t -> task.run()));
        model.addListener(listener);
        host(docId, p, new Hosted(model::receive, () -> model.phase() == DocumentModel.Phase.OPENING,
                () -> model.phase() == DocumentModel.Phase.LIVE, model::connectionLost), () -> model.open(create));
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
                replica::connectionLost), () -> replica.open(false));
        return p.future().map(v -> replica);
    }

    /** Closes the socket; not counted as a disconnect. */
    Future<Void> close() {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            closing = true;
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
                welcome.tryComplete();
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
        if (!closing) {
            stats.disconnects.increment();
        }
    }
}
