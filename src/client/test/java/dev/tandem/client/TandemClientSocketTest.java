package dev.tandem.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.Participant;
import dev.tandem.client.transport.Transport;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client over real sockets (WebSocket and SockJS) against {@link TestTandemServer}, a stand-in
 * server running the real sequencer on 127.0.0.1, including abrupt network cuts.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class TandemClientSocketTest {
    private static final String DOC = "notes";
    private TestTandemServer server;
    private final List<TandemClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer(Vertx vertx, VertxTestContext ctx) {
        server = new TestTandemServer();
        vertx.deployVerticle(server).onComplete(ctx.succeedingThenComplete());
    }

    @AfterEach
    void closeClients(VertxTestContext ctx) {
        Future.all(clients.stream().map(TandemClient::close).toList()).onComplete(ctx.succeedingThenComplete());
    }

    private TandemClient client(Vertx vertx, Transport transport, String name) {
        TandemClient c = TandemClient.create(vertx, new TandemClientOptions()
                .setUrl(server.url())
                .setTransport(transport)
                .setUserName(name)
                .setUserColor("#d81b60")
                .setReconnectInitialDelayMs(20)
                .setReconnectMaxDelayMs(200)
                .setTypingIdleMs(200));
        clients.add(c);
        return c;
    }

    /** Completes once {@code condition} holds, checking every 10 ms (the test's timeout bounds it). */
    private static Future<Void> eventually(Vertx vertx, BooleanSupplier condition) {
        Promise<Void> done = Promise.promise();
        vertx.setPeriodic(10, id -> {
            if (condition.getAsBoolean()) {
                vertx.cancelTimer(id);
                done.tryComplete();
            }
        });
        return done.future();
    }

    private static boolean converged(ClientDocument... docs) {
        for (ClientDocument d : docs) {
            if (!d.isSynced() || d.revision() != docs[0].revision() || !d.text().equals(docs[0].text())) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void concurrentEditsConvergeOnEveryClientAndTheServer(Transport transport, Vertx vertx, VertxTestContext ctx) {
        TandemClient ana = client(vertx, transport, "Ana");
        TandemClient bo = client(vertx, transport, "Bo");
        ana.open(DOC, true).compose(a -> bo.open(DOC, true).map(b -> new ClientDocument[] {a, b})).compose(docs -> {
            ClientDocument a = docs[0];
            ClientDocument b = docs[1];
            a.insert(0, "Hello 😀 world");
            b.insert(0, "¡Hola! 𝄞 "); // concurrent with Ana's: neither has seen the other's yet
            b.append("!");
            a.delete(0, 1);
            return eventually(vertx, () -> converged(a, b)).compose(v -> server.text(DOC)).map(text -> {
                ctx.verify(() -> {
                    assertEquals(text, a.text());
                    assertEquals(text, b.text());
                    assertTrue(text.contains("ello 😀 world"), text);
                    assertTrue(text.contains("𝄞"), text);
                    assertEquals(22, a.length(), text);
                });
                return null;
            });
        }).onComplete(ctx.succeedingThenComplete());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void editsAcrossNetworkCutsArriveExactlyOnce(Transport transport, Vertx vertx, VertxTestContext ctx) {
        TandemClient ana = client(vertx, transport, "Ana");
        TandemClient bo = client(vertx, transport, "Bo");
        StringBuilder typed = new StringBuilder();
        ana.open(DOC, true).compose(a -> bo.open(DOC, true).map(b -> new ClientDocument[] {a, b})).compose(docs -> {
            ClientDocument a = docs[0];
            ClientDocument b = docs[1];
            Promise<Void> typing = Promise.promise();
            int[] n = {0};
            vertx.setPeriodic(3, id -> {
                String s = (n[0] % 7 == 0) ? "🎉" : Character.toString('a' + n[0] % 26);
                a.append(s);
                typed.append(s);
                if (n[0] % 9 == 4) {
                    ana.simulateNetworkFailure(); // cuts with edits in flight, in the buffer, or both
                }
                if (n[0] % 13 == 6) {
                    bo.simulateNetworkFailure();
                }
                if (++n[0] == 60) {
                    vertx.cancelTimer(id);
                    typing.complete();
                }
            });
            return typing.future()
                    .compose(v -> eventually(vertx, () -> ana.state() == ConnectionState.CONNECTED && converged(a, b)))
                    .compose(v -> server.text(DOC))
                    .map(text -> {
                        ctx.verify(() -> {
                            assertEquals(typed.toString(), text, "every keystroke exactly once, in order");
                            assertEquals(text, a.text());
                            assertEquals(text, b.text());
                        });
                        return null;
                    });
        }).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void presenceReachesTheOthersAndTypingTurnsItselfOff(Vertx vertx, VertxTestContext ctx) {
        TandemClient ana = client(vertx, Transport.WEBSOCKET, "Ana");
        TandemClient bo = client(vertx, Transport.WEBSOCKET, "Bo");
        List<Participant<Selection>> seenByBo = new ArrayList<>();
        ana.open(DOC, true).compose(a -> bo.open(DOC, true).map(b -> {
            b.addListener(new DocumentListener<TextOperation, Selection>() {
                @Override
                public void presence(Participant<Selection> p) {
                    seenByBo.add(p);
                }
            });
            a.append("abcdef");
            a.setSelection(3, 5, true);
            return b;
        })).compose(b -> eventually(vertx, () -> seenByBo.stream().anyMatch(p -> !p.typing()))).onComplete(ctx.succeeding(v ->
                ctx.verify(() -> {
                    Participant<Selection> first = seenByBo.get(0);
                    assertEquals(ana.clientId(), first.clientId());
                    assertEquals("Ana", first.user().name());
                    assertEquals(new Selection(3, 5), first.selection());
                    assertTrue(first.typing());
                    Participant<Selection> last = seenByBo.get(seenByBo.size() - 1);
                    assertEquals(new Selection(3, 5), last.selection());
                    ctx.completeNow();
                })));
    }

    @Test
    void openingAMissingDocumentFailsWithItsErrorCode(Vertx vertx, VertxTestContext ctx) {
        client(vertx, Transport.WEBSOCKET, "Ana").open("missing", false).onComplete(ctx.failing(err -> ctx.verify(() -> {
            assertEquals("DOCUMENT_NOT_FOUND", assertInstanceOf(TandemClientException.class, err).code());
            ctx.completeNow();
        })));
    }

    @Test
    void connectingToNoServerFailsInsteadOfHanging(Vertx vertx, VertxTestContext ctx) {
        TandemClient c = TandemClient.create(vertx, new TandemClientOptions().setUrl("http://127.0.0.1:1").setConnectTimeoutMs(2000));
        clients.add(c);
        c.open(DOC, true).onComplete(ctx.failing(err -> ctx.verify(() -> {
            assertEquals(ConnectionState.DISCONNECTED, c.state());
            ctx.completeNow();
        })));
    }

    @Test
    void aFirstConnectionTriesTheNextUrlWhenOneIsDown(Vertx vertx, VertxTestContext ctx) {
        TandemClient c = TandemClient.create(vertx, new TandemClientOptions()
                .setUrls(List.of("http://127.0.0.1:1", server.url())).setConnectTimeoutMs(2000));
        clients.add(c);
        c.open(DOC, true).onComplete(ctx.succeeding(doc -> ctx.verify(() -> {
            assertEquals(server.url(), c.url());
            ctx.completeNow();
        })));
    }

    @Test
    void aServerGoingAwayWith1001SendsTheClientToTheNextUrl(Vertx vertx, VertxTestContext ctx) {
        TestTandemServer other = new TestTandemServer();
        List<Disconnection> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        vertx.deployVerticle(other).compose(id -> {
            TandemClient c = TandemClient.create(vertx, new TandemClientOptions()
                    .setUrls(List.of(server.url(), other.url())).setReconnectInitialDelayMs(20).setReconnectMaxDelayMs(200));
            clients.add(c);
            c.onDisconnected(seen::add);
            return c.connect().compose(v -> server.goAway())
                    .compose(v -> eventually(vertx, () -> c.state() == ConnectionState.CONNECTED && c.url().equals(other.url())));
        }).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            assertEquals(List.of(new Disconnection(server.url(), (short) 1001)), seen);
            assertTrue(seen.get(0).goingAway());
            ctx.completeNow();
        })));
    }

    @Test
    void aSockJsCloseReportsTheCodeOfItsCloseFrame(Vertx vertx, VertxTestContext ctx) {
        // Vert.x's SockJS server ends every session with c[3000,"Go away!"], whatever code it was given.
        TandemClient c = client(vertx, Transport.SOCKJS, "Ana");
        List<Disconnection> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        c.onDisconnected(seen::add);
        c.connect().compose(v -> server.goAway())
                .compose(v -> eventually(vertx, () -> !seen.isEmpty() && c.state() == ConnectionState.CONNECTED))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertEquals(List.of(new Disconnection(server.url(), (short) 3000)), seen);
                    ctx.completeNow();
                })));
    }

    @Test
    void pingMeasuresARoundTrip(Vertx vertx, VertxTestContext ctx) {
        TandemClient c = client(vertx, Transport.SOCKJS, "Ana");
        c.connect().compose(v -> c.ping()).onComplete(ctx.succeeding(rtt -> ctx.verify(() -> {
            assertTrue(rtt >= 0 && rtt < 10_000, "rtt " + rtt);
            ctx.completeNow();
        })));
    }
}
