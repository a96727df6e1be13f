package dev.tandem.client;

import dev.tandem.client.transport.Channel;
import dev.tandem.client.transport.Endpoint;
import dev.tandem.client.transport.SockJsChannel;
import dev.tandem.client.transport.Transport;
import dev.tandem.client.transport.WebSocketChannel;
import dev.tandem.protocol.ClientCodec;
import dev.tandem.protocol.MalformedFrameException;
import dev.tandem.protocol.Recovery;
import dev.tandem.protocol.ServerCodec;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.User;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import dev.tandem.client.transport.VertxInternals;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a Tandem server speaking docs/PROTOCOL.md, with any number of open documents
 * of any type; it reconnects by itself with exponential backoff and jitter, and each document
 * catches up and resubmits what was in flight.
 *
 * <pre>{@code
 * TandemClient client = TandemClient.create(vertx, new TandemClientOptions().setUserName("Ana"));
 * client.open("notes", true)
 *     .onSuccess(doc -> doc.append("Hello!"));
 * }</pre>
 *
 * <p><b>Types.</b> {@link #open} opens a plain-text document ({@link ClientDocument}),
 * {@link #openRichText} a Quill-Delta one ({@link RichTextClientDocument}), {@link #openCanvas}
 * a board ({@link CanvasClientDocument}). Each names its type to the server, which refuses a
 * document of another type with {@code TYPE_MISMATCH} (the future fails with that code).
 *
 * <p><b>Several nodes.</b> Given the URLs of a cluster's nodes
 * ({@link TandemClientOptions#setUrls}), the client stays with one node while it can, and moves on
 * to the next when a connection attempt fails or the node closes with 1001 (going away: it is
 * draining for a restart). After a 1001 it comes back at once, at a random moment within a
 * second, so that a node's clients do not all arrive at the next one together.
 *
 * <p><b>Threads.</b> A client belongs to one Vert.x context: the caller's when created on a
 * Vert.x thread, else a new one. Network events, timers, listeners and the futures it returns
 * all run on that context. Its methods and those of its documents may be called from any thread
 * (documents guard their state with a lock); listeners must not block.
 */
public final class TandemClient {
    /** The protocol version this client speaks (docs/PROTOCOL.md). */
    public static final int PROTOCOL_VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(TandemClient.class);
    private static final Pattern DOC_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    /** After a 1001, reconnect within this long (or the maximum backoff, if shorter), at random. */
    private static final long GOING_AWAY_SPREAD_MS = 1000;

    private final Vertx vertx;
    private final Context context;
    private final TandemClientOptions options;
    private final List<Endpoint> endpoints;
    private final WebSocketClient sockets;
    private final Backoff backoff;
    private final Random random = new Random();
    private final String clientId;
    private final long initialSeq;
    private final Map<String, TandemDocument<?, ?>> documents = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSeqs = new HashMap<>();
    private final Map<Long, Promise<Long>> pings = new HashMap<>();
    private final List<Consumer<ConnectionState>> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ServerMessage.Error>> errorListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Disconnection>> disconnectListeners = new CopyOnWriteArrayList<>();
    private volatile Channel channel;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile User user;
    /** The id the server shows the others for this client; its own id until a server says otherwise. */
    private volatile String publicId;
    private Promise<Void> connecting;
    private Promise<ServerMessage.Welcome> welcome;
    private long epoch; // bumped per connection, so events of an abandoned socket are ignored
    private int attempt;
    /** Which of the URLs the client connects to; moves on when one fails or goes away. */
    private volatile int current;
    /** Failed attempts before the first welcome: the first connection fails once every URL has. */
    private int firstFailures;
    private long reconnectTimer = -1;
    private boolean everConnected;
    private boolean closed;
    private long lastPingT;

    private TandemClient(Vertx vertx, TandemClientOptions options) {
        this.vertx = vertx;
        Context current = Vertx.currentContext();
        this.context = current != null && current.owner() == vertx ? current : vertx.getOrCreateContext();
        this.options = new TandemClientOptions(options);
        this.endpoints = options.getUrls().stream().map(Endpoint::parse).toList();
        this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                // A frame may carry a whole message: the server sends a large document's snapshot
                // in one frame (Vert.x's default frame limit, 64 KiB, refused such documents).
                .setMaxFrameSize(options.getMaxMessageBytes())
                .setMaxMessageSize(options.getMaxMessageBytes())
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.getConnectTimeoutMs())));
        this.backoff = new Backoff(options.getReconnectInitialDelayMs(),
                Math.max(options.getReconnectInitialDelayMs(), options.getReconnectMaxDelayMs()));
        if (options.getClientId() != null) {
            clientId = options.getClientId();
            // A given id may have been used by an earlier run: start seqs from the clock (microsecond
            // resolution, well inside JSON's exact integers) so they keep increasing across restarts.
            initialSeq = System.currentTimeMillis() * 1000;
        } else {
            clientId = "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            initialSeq = 0;
        }
        this.user = new User(options.getUserName(), options.getUserColor());
        this.publicId = clientId;
    }

    public static TandemClient create(Vertx vertx) {
        return create(vertx, new TandemClientOptions());
    }

    public static TandemClient create(Vertx vertx, TandemClientOptions options) {
        return new TandemClient(vertx, options);
    }

    public String clientId() {
        return clientId;
    }

    /**
     * The id the others see for this client in revisions and presence (welcome's {@code client}):
     * derived by the server from {@link #clientId()} and the user, so that the client's own id,
     * which its edits are deduplicated by, is never shown to anyone.
     */
    public String publicId() {
        return publicId;
    }

    /** The context every callback of this client runs on. */
    public Context context() {
        return context;
    }

    public ConnectionState state() {
        return state;
    }

    /** The URL of the node this client is connected to, or connects to next. */
    public String url() {
        return options.getUrls().get(current);
    }

    /** The documents open or opening. */
    public Collection<TandemDocument<?, ?>> documents() {
        return List.copyOf(documents.values());
    }

    /** Called with every change of the connection state. */
    public TandemClient onConnectionState(Consumer<ConnectionState> listener) {
        stateListeners.add(listener);
        return this;
    }

    /**
     * Called when the server or the network ends a connection (not when {@link #close()} does),
     * with the close code: 1001 means the node is going away.
     */
    public TandemClient onDisconnected(Consumer<Disconnection> listener) {
        disconnectListeners.add(listener);
        return this;
    }

    /** Called with errors that concern no document (documents report theirs to their listeners). */
    public TandemClient onError(Consumer<ServerMessage.Error> listener) {
        errorListeners.add(listener);
        return this;
    }

    /**
     * Connects and says hello, completing on {@code welcome}. A first connection that fails fails
     * the future; once connected, dropped connections are retried automatically.
     */
    public Future<Void> connect() {
        return onContext(this::doConnect);
    }

    /**
     * Opens a plain-text document (connecting first if needed), completing once its text is here.
     * Opening an id that is already open returns the same document.
     *
     * @param create create the document, empty, if it does not exist
     */
    public Future<ClientDocument> open(String docId, boolean create) {
        return open(docId, create, ClientDocument.class, ClientDocument::new);
    }

    /** Opens an existing plain-text document. */
    public Future<ClientDocument> open(String docId) {
        return open(docId, false);
    }

    /**
     * Opens a rich-text (Quill Delta) document, completing once its content is here; {@code create}
     * creates it (empty: one newline) if it does not exist. Opening an id already open as rich
     * text returns the same document.
     */
    public Future<RichTextClientDocument> openRichText(String docId, boolean create) {
        return open(docId, create, RichTextClientDocument.class, RichTextClientDocument::new);
    }

    /**
     * Opens a canvas, completing once the board is here; {@code create} creates it (empty) if it
     * does not exist. Opening an id already open as a canvas returns the same document.
     */
    public Future<CanvasClientDocument> openCanvas(String docId, boolean create) {
        return open(docId, create, CanvasClientDocument.class, CanvasClientDocument::new);
    }

    /** How a typed document is made for this client. */
    @FunctionalInterface
    private interface DocumentFactory<D extends TandemDocument<?, ?>> {
        D make(TandemClient client, String id, boolean create, long lastSeq);
    }

    private <D extends TandemDocument<?, ?>> Future<D> open(String docId, boolean create, Class<D> kind,
            DocumentFactory<D> factory) {
        if (docId == null || !DOC_ID.matcher(docId).matches()) {
            return Future.failedFuture(new IllegalArgumentException("document id must be 1 to 128 of [A-Za-z0-9._-]: " + docId));
        }
        return onContext(() -> {
            if (closed) {
                return Future.failedFuture(new IllegalStateException("client closed"));
            }
            TandemDocument<?, ?> d = documents.get(docId);
            if (d != null && !kind.isInstance(d)) {
                return Future.failedFuture(new IllegalStateException(docId + " is already open here as a " + d.type()
                        + " document"));
            }
            if (d == null) {
                d = factory.make(this, docId, create, lastSeqs.getOrDefault(docId, initialSeq));
                documents.put(docId, d);
                if (state == ConnectionState.CONNECTED) {
                    d.connectionUp();
                } else {
                    doConnect().onFailure(d::failOpen);
                }
            }
            D typed = kind.cast(d);
            return d.opened().map(v -> typed);
        });
    }

    /** Measures a round trip to the server, in milliseconds. */
    public Future<Long> ping() {
        return onContext(() -> {
            if (state != ConnectionState.CONNECTED) {
                return Future.failedFuture(new IllegalStateException("not connected"));
            }
            long t = Math.max(System.currentTimeMillis(), lastPingT + 1);
            lastPingT = t;
            Promise<Long> p = Promise.promise();
            pings.put(t, p);
            send(new ClientMessage.Ping(com.fasterxml.jackson.databind.node.LongNode.valueOf(t)));
            return p.future().map(sent -> Math.max(0, sent));
        });
    }

    /** Changes the name and colour the others see (kept for later reconnects too). */
    public Future<Void> setUser(String name, String color) {
        TandemClientOptions check = new TandemClientOptions().setUserName(name).setUserColor(color);
        User u = new User(check.getUserName(), check.getUserColor());
        return onContext(() -> {
            user = u;
            send(new ClientMessage.UserUpdate(u));
            return Future.succeededFuture();
        });
    }

    /** Closes every document and the connection; the client cannot be used afterwards. */
    public Future<Void> close() {
        return onContext(() -> {
            if (closed) {
                return Future.succeededFuture();
            }
            closed = true;
            cancelReconnect();
            for (TandemDocument<?, ?> d : documents.values()) {
                d.clientClosed();
            }
            documents.clear();
            Channel c = channel;
            channel = null;
            epoch++;
            if (c != null) {
                c.close();
            }
            failConnecting(new IllegalStateException("client closed"));
            failPings();
            setState(ConnectionState.CLOSED);
            return sockets.close();
        });
    }

    /**
     * Test hook: drops the connection abruptly, like a network failure (no close handshake;
     * whatever was in flight is lost). The client then reconnects as it would in real life.
     */
    public void simulateNetworkFailure() {
        runOnContext(() -> {
            Channel c = channel;
            if (c != null) {
                c.cut();
            }
        });
    }

    // ---- connection lifecycle, always on the context ----

    private Future<Void> doConnect() {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("client closed"));
        }
        if (state == ConnectionState.CONNECTED) {
            return Future.succeededFuture();
        }
        if (connecting == null) {
            connecting = Promise.promise();
            if (state != ConnectionState.CONNECTING) {
                cancelReconnect();
                attempt();
            }
        }
        return connecting.future();
    }

    private void attempt() {
        long my = ++epoch;
        setState(ConnectionState.CONNECTING);
        Promise<ServerMessage.Welcome> w = Promise.promise();
        welcome = w;
        long timer = VertxInternals.setTimer(context, options.getConnectTimeoutMs(),
                t -> w.tryFail(new TandemClientException("no welcome from " + url() + " within "
                        + options.getConnectTimeoutMs() + " ms")));
        Handler<String> onFrame = frame -> {
            if (my == epoch) {
                frame(frame);
            }
        };
        Handler<Short> onClose = code -> {
            if (my == epoch) {
                closedByPeer(code);
            }
        };
        WebSocketConnectOptions co = endpoints.get(current).connectOptions(options.getTransport(),
                options.getConnectTimeoutMs());
        Future<Channel> opening = options.getTransport() == Transport.WEBSOCKET
                ? WebSocketChannel.connect(sockets, co, onFrame, onClose)
                : SockJsChannel.connect(sockets, co, onFrame, onClose);
        // The token is asked for anew at every connection: the last one may have expired.
        Future<String> token = options.getTokenProvider() != null ? options.getTokenProvider().get()
                : Future.succeededFuture(options.getToken());
        Future.all(opening, token).onSuccess(both -> {
            Channel c = opening.result();
            if (my != epoch) {
                c.close();
                return;
            }
            channel = c;
            c.send(ClientCodec.encode(new ClientMessage.Hello(PROTOCOL_VERSION, clientId, user, token.result())));
        }).onFailure(e -> {
            if (opening.succeeded()) {
                opening.result().close();
            }
            w.tryFail(e);
        });
        w.future()
                .onComplete(ar -> vertx.cancelTimer(timer))
                .onSuccess(this::welcomed)
                .onFailure(err -> connectFailed(my, err));
    }

    private void welcomed(ServerMessage.Welcome w) {
        attempt = 0;
        firstFailures = 0;
        everConnected = true;
        LOG.debug("{} welcomed by {} (session {})", clientId, w.node(), w.session());
        if (w.client() != null) {
            publicId = w.client();
        }
        setState(ConnectionState.CONNECTED);
        for (TandemDocument<?, ?> d : documents.values()) {
            d.connectionUp();
        }
        Promise<Void> p = connecting;
        connecting = null;
        if (p != null) {
            p.complete();
        }
    }

    private void connectFailed(long my, Throwable err) {
        if (my != epoch) {
            return;
        }
        epoch++;
        Channel c = channel;
        channel = null;
        if (c != null) {
            c.cut();
        }
        LOG.debug("{} could not connect to {}: {}", clientId, url(), err.getMessage());
        nextUrl();
        if (!everConnected) {
            if (++firstFailures < endpoints.size()) {
                attempt(); // the next node, at once: a first connection tries each URL before failing
                return;
            }
            setState(ConnectionState.DISCONNECTED);
            failConnecting(err);
            return;
        }
        scheduleReconnect();
    }

    private void nextUrl() {
        current = (current + 1) % endpoints.size();
    }

    private void closedByPeer(Short code) {
        if (welcome != null && !welcome.future().isComplete()) {
            welcome.tryFail(new TandemClientException("connection closed before welcome (code " + code + ")"));
            return;
        }
        epoch++;
        channel = null;
        Disconnection gone = new Disconnection(url(), code);
        LOG.debug("{} disconnected from {} (code {})", clientId, gone.url(), code);
        for (TandemDocument<?, ?> d : documents.values()) {
            d.connectionLost();
        }
        failPings();
        if (closed) {
            setState(ConnectionState.CLOSED);
            return;
        }
        disconnectListeners.forEach(l -> l.accept(gone));
        if (gone.goingAway()) {
            // The node is draining and said so: another node is ready now, no need to back off.
            nextUrl();
            attempt = 0;
            long spread = Math.min(GOING_AWAY_SPREAD_MS, options.getReconnectMaxDelayMs());
            scheduleReconnect(1 + (long) (random.nextDouble() * spread));
        } else {
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        scheduleReconnect(-1);
    }

    /** Reconnects after {@code delayMs}, or after the backoff's next delay if negative. */
    private void scheduleReconnect(long delayMs) {
        setState(ConnectionState.DISCONNECTED);
        int max = options.getReconnectAttempts();
        if (closed || !options.isReconnect() || (max >= 0 && attempt >= max)) {
            failConnecting(new TandemClientException("disconnected from " + url() + "; not reconnecting"));
            return;
        }
        long delay = delayMs >= 0 ? delayMs : backoff.delay(attempt++, random);
        reconnectTimer = VertxInternals.setTimer(context, delay, t -> {
            reconnectTimer = -1;
            if (!closed) {
                attempt();
            }
        });
    }

    private void cancelReconnect() {
        if (reconnectTimer >= 0) {
            vertx.cancelTimer(reconnectTimer);
            reconnectTimer = -1;
        }
    }

    private void failConnecting(Throwable err) {
        Promise<Void> p = connecting;
        connecting = null;
        if (p != null) {
            p.tryFail(err);
        }
    }

    private void failPings() {
        List<Promise<Long>> waiting = new ArrayList<>(pings.values());
        pings.clear();
        waiting.forEach(p -> p.tryFail("disconnected"));
    }

    private void setState(ConnectionState s) {
        if (state != s) {
            state = s;
            stateListeners.forEach(l -> l.accept(s));
        }
    }

    private void frame(String frame) {
        List<ServerMessage> messages;
        try {
            messages = ServerCodec.decodeFrame(frame);
        } catch (MalformedFrameException e) {
            LOG.warn("{} ignored a malformed frame: {}", clientId, e.getMessage());
            return;
        }
        for (ServerMessage m : messages) {
            dispatch(m);
        }
    }

    private void dispatch(ServerMessage m) {
        if (m instanceof ServerMessage.Welcome w) {
            if (welcome != null) {
                welcome.tryComplete(w);
            }
        } else if (m instanceof ServerMessage.Pong p) {
            long t = p.t() == null ? -1 : p.t().asLong(-1);
            Promise<Long> waiting = pings.remove(t);
            if (waiting != null) {
                waiting.complete(System.currentTimeMillis() - t);
            }
        } else if (m.doc() != null && documents.containsKey(m.doc())) {
            documents.get(m.doc()).receive(m);
        } else if (m instanceof ServerMessage.Error e) {
            if (welcome != null && !welcome.future().isComplete()) {
                welcome.tryFail(new TandemClientException(e)); // e.g. UNSUPPORTED_VERSION
            }
            LOG.debug("{} got error {}: {}", clientId, e.code(), e.message());
            errorListeners.forEach(l -> l.accept(e));
            Channel c = channel;
            Recovery action = Recovery.of(e);
            if (c != null && (action == Recovery.RECONNECT || action == Recovery.REAUTHENTICATE)) {
                // The session is broken (HELLO_REQUIRED) or its token is no good (TOKEN_EXPIRED): a
                // new connection says hello again, with the token provider's next token.
                c.close();
            }
        }
    }

    // ---- for ClientDocument ----

    /** Sends a message if connected; otherwise it is dropped (documents resend what matters on reconnect). */
    void send(ClientMessage m) {
        Channel c = channel;
        if (c != null) {
            c.send(ClientCodec.encode(m));
        }
    }

    void forget(TandemDocument<?, ?> d) {
        runOnContext(() -> {
            documents.remove(d.id(), d);
            lastSeqs.merge(d.id(), d.lastSeq(), Math::max);
        });
    }

    long timer(long delayMs, Runnable task) {
        return VertxInternals.setTimer(context, Math.max(1, delayMs), t -> task.run());
    }

    void cancelTimer(long id) {
        vertx.cancelTimer(id);
    }

    TandemClientOptions options() {
        return options;
    }

    void runOnContext(Runnable r) {
        if (onOurContext()) {
            r.run();
        } else {
            context.runOnContext(v -> r.run());
        }
    }

    <T> Future<T> onContext(Supplier<Future<T>> action) {
        if (onOurContext()) {
            return action.get();
        }
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(p));
        return p.future();
    }

    private boolean onOurContext() {
        Context current = Vertx.currentContext();
        // Handlers may run on duplicates of our context (same event loop): compare what they wrap.
        return VertxInternals.sameContext(current, context);
    }
}
