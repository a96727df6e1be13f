package dev.tandem.gateway;

import dev.tandem.access.Principal;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge of a node: the WebSocket endpoint {@code /ws}, SockJS at {@code /sockjs}, the
 * REST API, {@code /health}, {@code /ready} and {@code /metrics}, the browser editor from
 * the webroot and the JavaScript SDK it runs on at {@code /sdk/}. Deployed once per event loop; each instance owns the sessions of the connections
 * it accepted.
 */
public final class GatewayVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
    private static final long PING_EVERY_MS = 20_000;
    private static final long PONG_TIMEOUT_NANOS = 60_000_000_000L;
    /** How long a stopping gateway waits for its connections' close handshakes before it cuts them. */
    private static final long CLOSE_GRACE_MS = 2_000;

    private final GatewayContext ctx;
    private final Map<ClientSession, ServerWebSocket> webSockets = new HashMap<>();
    private final Map<ServerWebSocket, Long> lastPong = new HashMap<>();
    private final Map<ClientSession, Connection> sessions = new HashMap<>();
    private Channels channels;
    private HttpServer server;
    private long pingTimer;

    public GatewayVerticle(GatewayContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Future<?> start() {
        GatewayOptions o = ctx.options();
        channels = new Channels(vertx, o.batchMs(), o.crowdBatchMs(), ctx.metrics());
        Router router = Router.router(vertx);
        HttpAccess access = new HttpAccess(ctx.access());
        access.mount(router);
        new OpsApi(vertx, ctx).mount(router);
        new RestApi(ctx, access).mount(router);
        new HistoryApi(ctx, access).mount(router);
        router.get("/ws").handler(this::upgrade);
        SockJSHandlerOptions sockJs = new SockJSHandlerOptions().setRegisterWriteHandler(false)
                .setInsertJSESSIONID(false).setHeartbeatInterval(25_000).setSessionTimeout(30_000);
        router.route("/sockjs/*").handler(rc -> {
            if (ctx.drain().draining()) {
                RestApi.fail(rc, draining(), 503);
            } else {
                rc.next();
            }
        });
        router.route("/sockjs/*").subRouter(SockJSHandler.create(vertx, sockJs).socketHandler(this::acceptSockJs));
        mountSdk(router, o.sdk());
        mountWebroot(router, o.webroot());
        HttpServerOptions http = new HttpServerOptions()
                .setHost(o.host()).setPort(o.port())
                // Past these the connection is closed with 1009 (TextFrames); between the limit
                // and twice it, a message is refused with MESSAGE_TOO_LARGE and the connection kept.
                .setMaxWebSocketMessageSize(o.maxMessageBytes() * 2)
                .setMaxWebSocketFrameSize(o.maxMessageBytes() * 2)
                .setCompressionSupported(true)
                .setTcpNoDelay(true);
        pingTimer = vertx.setPeriodic(PING_EVERY_MS, id -> pingWebSockets());
        return vertx.createHttpServer(http).requestHandler(router).listen().onSuccess(s -> server = s);
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(pingTimer);
        for (ClientSession s : new ArrayList<>(sessions.keySet())) {
            s.close(CloseCause.SHUTDOWN);
        }
        // The goodbyes are only queued: give them time to go out before the connections end. A
        // plain close() cut connections at once, and a SockJS client, whose close frame was still
        // on its way, saw a network failure instead of a node going away.
        return server == null ? Future.succeededFuture() : server.shutdown(CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The JavaScript SDK (clients/js) at {@code /sdk/}: its {@code src/} and {@code vendor/} only, at
     * the same relative paths as in the package, so that its modules find each other and its
     * vendored files on disk and over HTTP alike.
     */
    private void mountSdk(Router router, String sdk) {
        Path root = Path.of(sdk).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("src"))) {
            LOG.warn("SDK {} has no src/; /sdk/ is not served", root);
            return;
        }
        for (String part : new String[] {"src", "vendor"}) {
            router.route("/sdk/" + part + "/*").handler(StaticHandler.create(FileSystemAccess.ROOT, root.resolve(part).toString())
                    .setCachingEnabled(false).setDirectoryListing(false));
        }
    }

    private void mountWebroot(Router router, String webroot) {
        Path root = Path.of(webroot).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            LOG.warn("webroot {} does not exist; the browser editor is not served", root);
            return;
        }
        Path index = root.resolve("index.html");
        router.get("/d/:id").handler(rc -> {
            if (Files.isRegularFile(index)) {
                rc.response().putHeader("cache-control", "no-cache").sendFile(index.toString());
            } else {
                rc.next();
            }
        });
        router.route("/*").handler(StaticHandler.create(FileSystemAccess.ROOT, root.toString())
                .setCachingEnabled(false).setDirectoryListing(false).setIndexPage("index.html"));
    }

    private static TandemException draining() {
        return new TandemException(ErrorCode.UNAVAILABLE, "this node is shutting down; connect to another");
    }

    /**
     * The WebSocket handshake: a draining node, a bad token (header or {@code access_token}) and an
     * address with too many connections are refused here with an HTTP error, before any socket exists.
     */
    private void upgrade(RoutingContext rc) {
        if (ctx.drain().draining()) {
            RestApi.fail(rc, draining(), 503);
            return;
        }
        String token = HttpAccess.token(rc.request());
        String address = rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
        rc.request().pause(); // the upgrade waits for the token's check
        Future<Principal> who = token == null ? Future.succeededFuture(null) : ctx.access().authenticate(token);
        who.onFailure(e -> RestApi.fail(rc, e)).onSuccess(principal -> {
            if (!ctx.connections().acquire(address)) {
                RestApi.fail(rc, tooManyConnections(), 429);
                return;
            }
            rc.request().toWebSocket().onSuccess(ws -> acceptWebSocket(ws, principal, address)).onFailure(e -> {
                ctx.connections().release(address);
                LOG.debug("websocket upgrade failed: {}", e.toString());
            });
        });
    }

    private TandemException tooManyConnections() {
        return new TandemException(ErrorCode.TOO_MANY_CONNECTIONS, "more than " + ctx.options().maxConnectionsPerIp()
                + " connections from one address");
    }

    private void acceptWebSocket(ServerWebSocket ws, Principal principal, String address) {
        ClientSession session = accept(new WebSocketConnection(ws), principal);
        webSockets.put(session, ws);
        lastPong.put(ws, System.nanoTime());
        TextFrames frames = new TextFrames(ctx.options().maxMessageBytes() * 2, new TextFrames.Sink() {
            @Override
            public void text(String message) {
                session.onText(message);
            }

            @Override
            public void binary() {
                session.onText("\u0000binary");
            }

            @Override
            public void violation(CloseCause cause) {
                session.close(cause);
            }
        });
        ws.frameHandler(frames::frame);
        ws.pongHandler(b -> lastPong.put(ws, System.nanoTime()));
        ws.exceptionHandler(e -> {
            LOG.debug("websocket error: {}", e.toString());
            frames.decoderFailed(e);
        });
        ws.closeHandler(v -> {
            ctx.connections().release(address);
            webSockets.remove(session);
            lastPong.remove(ws);
            closed(session, CloseCause.fromClientCode(ws.closeStatusCode()));
        });
    }

    private void acceptSockJs(SockJSSocket socket) {
        String address = socket.remoteAddress() == null ? null : socket.remoteAddress().hostAddress();
        boolean counted = ctx.connections().acquire(address);
        ClientSession session = accept(new SockJsConnection(socket), null);
        socket.handler(buffer -> session.onText(buffer.toString()));
        socket.exceptionHandler(e -> LOG.debug("sockjs error: {}", e.toString()));
        // SockJS hides the client's close code, and its polling transports end by timeout: unless
        // the server ended the session, a SockJS close cannot be told apart from a client leaving.
        socket.closeHandler(v -> {
            if (counted) {
                ctx.connections().release(address);
            }
            closed(session, CloseCause.CLIENT);
        });
        if (!counted) {
            // SockJS has no handshake to refuse: the session says why and ends at once.
            session.closeWithError(tooManyConnections(), CloseCause.TOO_MANY_CONNECTIONS);
        }
    }

    private ClientSession accept(Connection connection, Principal handshake) {
        ClientSession session = new ClientSession(vertx, ctx, channels, connection, handshake);
        sessions.put(session, connection);
        ctx.metrics().connectionOpened(connection.kind());
        return session;
    }

    /** The transport is closed; {@code clientSide} is the cause unless the server ended the connection itself. */
    private void closed(ClientSession session, CloseCause clientSide) {
        Connection c = sessions.remove(session);
        session.onClosed();
        if (c != null) {
            CloseCause byServer = session.closeCause();
            ctx.metrics().connectionClosed(c.kind(), byServer != null ? byServer : clientSide);
        }
    }

    /** WebSocket keep-alive: ping everyone, drop those who stopped answering. */
    private void pingWebSockets() {
        long now = System.nanoTime();
        for (Map.Entry<ClientSession, ServerWebSocket> e : new ArrayList<>(webSockets.entrySet())) {
            ServerWebSocket ws = e.getValue();
            if (now - lastPong.getOrDefault(ws, now) > PONG_TIMEOUT_NANOS) {
                e.getKey().close(CloseCause.NO_PONG);
            } else if (!ws.isClosed()) {
                ws.writePing(Buffer.buffer());
            }
        }
    }

    /** Open connections of this instance. */
    int connections() {
        return sessions.size();
    }
}
