package dev.tandem.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every Vert.x internal API the client and the load tools use still works as they need it. */
class VertxInternalsTest {

    @Test
    void contextsCompareThroughTheirDuplicatesAndACutDropsTheConnectionWithoutACloseFrame() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Context a = VertxInternals.newEventLoopContext(vertx);
            Context b = VertxInternals.newEventLoopContext(vertx);
            assertTrue(a.isEventLoopContext());
            assertTrue(VertxInternals.sameContext(a, a));
            assertFalse(VertxInternals.sameContext(a, b));
            assertTrue(VertxInternals.sameContext(((io.vertx.core.internal.ContextInternal) a).duplicate(), a),
                    "a duplicate is the same context");

            CompletableFuture<Void> closed = new CompletableFuture<>();
            java.util.List<String> framesSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
            HttpServer server = vertx.createHttpServer().webSocketHandler(ws -> {
                ws.frameHandler(f -> framesSeen.add(f.isClose() ? "close " + f.closeStatusCode() : "data"));
                ws.closeHandler(v -> closed.complete(null));
            }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            WebSocket ws = vertx.createWebSocketClient().connect(server.actualPort(), "127.0.0.1", "/")
                    .await(10, TimeUnit.SECONDS);
            CompletableFuture<Void> clientClosed = new CompletableFuture<>();
            ws.closeHandler(v -> clientClosed.complete(null));
            ws.writeTextMessage("hello").await(10, TimeUnit.SECONDS);
            VertxInternals.cut(ws);
            closed.get(10, TimeUnit.SECONDS);
            clientClosed.get(10, TimeUnit.SECONDS);
            assertEquals(java.util.List.of("data"), framesSeen, "the connection dropped without a close frame");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
