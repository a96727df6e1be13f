package dev.tandem.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.client.model.ClientTypes;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.client.model.LostEdits;
import dev.tandem.client.transport.Endpoint;
import dev.tandem.client.transport.VertxInternals;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.TandemNode;
import dev.tandem.server.TestNodes;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The churn's building block against a real node: a connection dropped right after an edit was
 * sent (whether or not the server committed it before it noticed), with another edit typed while
 * offline, reconnects as the same client and its model resubmits; every edit ends up in the
 * document exactly once, in order.
 */
class LoadConnectionReconnectTest {
    private static final int ROUNDS = 20;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void editsInFlightOrTypedOfflineAreCommittedExactlyOnceAfterReconnecting() throws Exception {
        Vertx vertx = Vertx.vertx();
        TandemNode node = TestNodes.start(vertx, TestNodes.options(TestNodes.newDatabaseUrl()));
        Vertx clients = Vertx.vertx();
        try {
            String url = "http://127.0.0.1:" + node.port();
            String doc = "reconnect-" + System.nanoTime();
            Rest rest = new Rest(url);
            rest.createAll(List.of(doc), "x");
            long start = rest.content(doc).rev();
            WebSocketClient sockets = clients.createWebSocketClient(new WebSocketClientOptions());
            Context ctx = VertxInternals.newEventLoopContext(clients);
            RunStats stats = new RunStats();
            LoadConnection c = LoadConnection.connect(sockets, Endpoint.parse(url), ctx, "rc-" + System.nanoTime(),
                    "Reconnecting", stats, 10_000).await(20, TimeUnit.SECONDS);
            AtomicLong acks = new AtomicLong();
            AtomicLong lost = new AtomicLong();
            DocumentListener<TextOperation, Selection> counting = new DocumentListener<>() {
                @Override
                public void acknowledged(long seq, long rev) {
                    acks.incrementAndGet();
                }

                @Override
                public void editsLost(LostEdits<TextOperation> edits) {
                    lost.incrementAndGet();
                }

                @Override
                public void error(ServerMessage.Error error) {
                    stats.error(error.code());
                }
            };
            DocumentModel<TextOperation, Selection> m = c.open(doc, false, ClientTypes.TEXT, counting).await(20, TimeUnit.SECONDS);
            for (int i = 0; i < ROUNDS; i++) {
                boolean clean = i % 2 == 0;
                // Typed and sent, then dropped at once: the server may or may not commit it first.
                on(ctx, () -> {
                    type(m, "a");
                    return null;
                });
                c.drop(clean).await(10, TimeUnit.SECONDS);
                on(ctx, () -> {
                    type(m, "b"); // offline: waits behind the unconfirmed "a"
                    return null;
                });
                c.reconnect().await(20, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!on(ctx, m::isSynced)) {
                    assertTrue(System.nanoTime() < deadline, "synced again after round " + i);
                    Thread.sleep(10);
                }
            }
            Rest.Content server = rest.content(doc);
            assertEquals("x" + "ab".repeat(ROUNDS), server.text(), "every edit once, in order");
            assertEquals(server.text(), on(ctx, m::snapshot));
            assertEquals(2 * ROUNDS, acks.get(), "each edit acknowledged once");
            assertEquals(start + 2 * ROUNDS, server.rev(), "one revision per edit");
            assertEquals(0, lost.get());
            assertEquals(0, stats.errorCount(), stats.errorsByCode().toString());
            c.close().await(10, TimeUnit.SECONDS);
        } finally {
            clients.close().await(10, TimeUnit.SECONDS);
            TestNodes.stop(node);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static void type(DocumentModel<TextOperation, Selection> m, String s) {
        m.edit(TextOperation.splice(m.length(), m.length(), 0, s));
    }

    private static <T> T on(Context ctx, Supplier<T> what) throws Exception {
        Promise<T> p = Promise.promise();
        ctx.runOnContext(v -> p.complete(what.get()));
        return p.future().await(10, TimeUnit.SECONDS);
    }
}
