package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.client.ClientDocument;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemClientOptions;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.LostEdits;
import dev.tandem.client.transport.Transport;
import dev.tandem.trace.EditingTrace;
import dev.tandem.trace.TraceReplayTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many real clients (the Java client library over real sockets) editing one document on a real
 * node, with network cuts, a server restart, and a real editing trace: everyone converges on
 * the server's text, and nothing acknowledged is lost or applied twice.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CollaborationTest {
    private static final String[] PIECES = {"a", "b", " ", "\u00e9", "\ud83d\ude00", "\ud834\udd1e", "\u4e2d", "e\u0301"};
    private Vertx vertx;
    private final List<TandemClient> clients = new ArrayList<>();
    private final AtomicInteger lostEdits = new AtomicInteger();

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        Future.join(clients.stream().map(TandemClient::close).toList()).await(20, TimeUnit.SECONDS);
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    private ClientDocument join(int port, String docId, int i) throws Exception {
        TandemClient c = TandemClient.create(vertx, new TandemClientOptions()
                .setUrl("http://127.0.0.1:" + port)
                .setTransport(i % 2 == 0 ? Transport.WEBSOCKET : Transport.SOCKJS)
                .setUserName("writer " + i)
                .setReconnectInitialDelayMs(20)
                .setReconnectMaxDelayMs(250));
        clients.add(c);
        ClientDocument doc = c.open(docId, true).await(30, TimeUnit.SECONDS);
        doc.addListener(new DocumentListener() {
            @Override
            public void editsLost(LostEdits lost) {
                lostEdits.incrementAndGet();
            }
        });
        return doc;
    }

    @Test
    void twentyFourClientsEditingWithRandomCutsConvergeOnTheServersText() throws Exception {
        TandemNode node = TestNodes.start(vertx, TestNodes.options(TestNodes.newDatabaseUrl()));
        try {
            List<ClientDocument> docs = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                docs.add(join(node.port(), "crowd", i));
            }
            Random r = new Random(20261128);
            int cuts = 0;
            for (int round = 0; round < 60; round++) {
                for (ClientDocument d : docs) {
                    int len = d.length();
                    if (len > 0 && r.nextDouble() < 0.25) {
                        d.delete(r.nextInt(len), 1);
                    } else {
                        d.insert(r.nextInt(len + 1), PIECES[r.nextInt(PIECES.length)]);
                    }
                    if (r.nextDouble() < 0.01) {
                        d.client().simulateNetworkFailure();
                        cuts++;
                    }
                }
                Thread.sleep(5);
            }
            assertTrue(cuts > 0, "the run cut some connections");
            String server = settle(node, "crowd", docs);
            assertTrue(server.codePointCount(0, server.length()) > 24 * 60 / 3, "text survived: " + server.length());
            assertEquals(0, lostEdits.get(), "no client lost edits");
        } finally {
            TestNodes.stop(node);
        }
    }

    @Test
    void aServerRestartMidTypingLosesNothingAndDoublesNothing() throws Exception {
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        options.sequencer().setSnapshotEvery(25);
        TandemNode node = TestNodes.start(vertx, options);
        List<ClientDocument> docs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            docs.add(join(node.port(), "restart", i));
        }
        // Every keystroke is a unique token, so the final text shows anything lost or doubled.
        List<String> typed = new ArrayList<>();
        int[] counters = new int[docs.size()];
        Runnable typeOneRound = () -> {
            for (int i = 0; i < docs.size(); i++) {
                String token = "<" + i + ":" + counters[i]++ + ">";
                ClientDocument d = docs.get(i);
                d.append(token);
                typed.add(token);
            }
        };
        for (int round = 0; round < 40; round++) {
            typeOneRound.run();
            Thread.sleep(3);
        }
        TestNodes.stop(node);
        for (int round = 0; round < 20; round++) { // typing on while the server is down
            typeOneRound.run();
            Thread.sleep(3);
        }
        node = TestNodes.start(vertx, options);
        try {
            for (int round = 0; round < 40; round++) {
                typeOneRound.run();
                Thread.sleep(3);
            }
            String server = settle(node, "restart", docs);
            Matcher m = Pattern.compile("<\\d+:\\d+>").matcher(server);
            List<String> found = new ArrayList<>();
            while (m.find()) {
                found.add(m.group());
            }
            assertEquals(typed.size(), found.size(), "every keystroke exactly once");
            assertEquals(new java.util.HashSet<>(typed), new java.util.HashSet<>(found));
            assertEquals(0, lostEdits.get());
        } finally {
            TestNodes.stop(node);
        }
    }

    @Test
    void theAutomergePaperTraceTypedThroughTheServerEndsAtItsEndContent() throws Exception {
        EditingTrace trace = TraceReplayTest.load("automerge-paper");
        TandemNode node = TestNodes.start(vertx, TestNodes.options(TestNodes.newDatabaseUrl()));
        try {
            ClientDocument doc = join(node.port(), "paper", 0);
            // Local edits never wait for the network: while one operation is in flight the
            // client composes everything typed since into the next one (ot.js discipline).
            for (int i = 0; i < trace.patches(); i++) {
                doc.replace(trace.position(i), trace.deleteCount(i), trace.insertText(i));
            }
            doc.whenSynced().await(120, TimeUnit.SECONDS);
            assertEquals(trace.endContent(), doc.text());
            Http.Response stored = Http.get(vertx, node.port(), "/api/docs/paper");
            assertEquals(trace.endContent(), stored.body().getString("content"));
            assertTrue(stored.body().getLong("rev") > 1, "sent as more than one operation");
        } finally {
            TestNodes.stop(node);
        }
    }

    /** Waits until every client is synced and equal to the server; returns the server's text. */
    private String settle(TandemNode node, String docId, List<ClientDocument> docs) throws Exception {
        eventually(() -> docs.stream().allMatch(ClientDocument::isSynced), "all clients synced");
        String[] server = new String[1];
        eventually(() -> {
            try {
                server[0] = Http.get(vertx, node.port(), "/api/docs/" + docId).body().getString("content");
            } catch (Exception e) {
                return false;
            }
            return docs.stream().allMatch(d -> d.isSynced() && d.text().equals(server[0]));
        }, "every client equal to the server");
        for (ClientDocument d : docs) {
            assertEquals(server[0], d.text());
        }
        return server[0];
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(20);
        }
    }
}
