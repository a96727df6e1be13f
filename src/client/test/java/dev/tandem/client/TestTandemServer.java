package dev.tandem.client;

import dev.tandem.protocol.ClientCodec;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Inbound;
import dev.tandem.protocol.ServerCodec;
import java.util.ArrayList;
import dev.tandem.ot.sequencer.SequencerLimits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A stand-in Tandem server for the client's socket tests, until the real one exists: the
 * {@link ProtocolHub} (and so the real sequencer) behind a WebSocket at {@code /ws} and Vert.x
 * Web's own SockJS handler at {@code /sockjs}, on 127.0.0.1 and a free port. Everything runs on
 * this verticle's event loop, so the hub needs no locking.
 */
final class TestTandemServer extends VerticleBase {
    private final ProtocolHub hub = new ProtocolHub(SequencerLimits.DEFAULTS);
    private HttpServer server;
    /** How to tell each open connection that the server is going away (close 1001). */
    private final Map<ProtocolHub.Session, Runnable> goodbyes = new HashMap<>();

    int port() {
        return server.actualPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The server's text of {@code doc}, read on the server's event loop. */
    Future<String> text(String doc) {
        Promise<String> p = Promise.promise();
        context.runOnContext(v -> p.complete(hub.text(doc)));
        return p.future();
    }

    /** Closes every connection with 1001, as a draining node does; the server stays up. */
    Future<Void> goAway() {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            List.copyOf(goodbyes.values()).forEach(Runnable::run);
            p.complete();
        });
        return p.future();
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route("/ws").handler(rc -> rc.request().toWebSocket().onSuccess(ws -> {
            ProtocolHub.Session s = hub.connect(m -> ws.writeTextMessage(ServerCodec.encodeFrame(List.of(m))));
            ws.textMessageHandler(frame -> receive(s, frame, ws::close));
            goodbyes.put(s, () -> ws.close((short) 1001, "going away"));
            ws.closeHandler(v -> {
                goodbyes.remove(s);
                hub.disconnect(s);
            });
        }));
        router.route("/sockjs/*").subRouter(SockJSHandler.create(vertx).socketHandler(sock -> {
            ProtocolHub.Session s = hub.connect(m -> sock.write(Buffer.buffer(ServerCodec.encodeFrame(List.of(m)))));
            sock.handler(frame -> receive(s, frame.toString(), sock::close));
            goodbyes.put(s, () -> sock.close(1001, "going away"));
            sock.closeHandler(v -> {
                goodbyes.remove(s);
                hub.disconnect(s);
            });
        }));
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onSuccess(s -> server = s);
    }

    private void receive(ProtocolHub.Session s, String frame, Runnable close) {
        List<ClientMessage> messages = new ArrayList<>();
        for (Inbound in : ClientCodec.decodeFrame(frame)) {
            if (!(in instanceof Inbound.Valid v)) {
                close.run(); // a test server may be strict: a bad frame is a client bug the tests must see
                return;
            }
            messages.add(v.message());
        }
        Consumer<ClientMessage> handle = m -> hub.receive(s, m);
        messages.forEach(handle);
    }
}
