package dev.tandem.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.client.ConnectionState;
import dev.tandem.client.Disconnection;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemClientOptions;
import dev.tandem.client.transport.Transport;
import dev.tandem.presence.TestRedis;
import dev.tandem.server.Http;
import dev.tandem.server.Poll;
import dev.tandem.server.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rolling restart of a three-node cluster while people type: each node in turn gets SIGTERM,
 * drains (refuses new sessions, closes its own with 1001, lets its commits land, snapshots, leaves
 * the cluster), starts again on the same port and is ready before the next one goes. Clients know
 * every node's URL and move on when theirs goes away. Every keystroke is a unique token, so the
 * final texts show any edit lost or applied twice, acknowledged or not.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RollingRestartTest {
    /** Documents per node at the start; each is typed into by two clients, each client types into two. */
    private static final int DOCUMENTS_PER_NODE = 2;
    private static final long KEYSTROKE_EVERY_MS = 25;
    private static final Duration RECOVERY = Duration.ofSeconds(45);

    private Vertx vertx;
    private String clusterName;
    private String pgUrl;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<TandemClient> clients = new ArrayList<>();
    /** Every connection a client lost, and how the server ended it. */
    private final Map<TandemClient, List<Disconnection>> disconnections = new HashMap<>();
    private final Map<TandemClient, Transport> transports = new HashMap<>();

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        clusterName = "tandem-rolling-" + Long.toHexString(System.nanoTime());
        pgUrl = TestNodes.newDatabaseUrl();
    }

    @AfterEach
    void tearDown() throws Exception {
        Future.join(clients.stream().map(TandemClient::close).toList()).await(20, TimeUnit.SECONDS);
        for (NodeProcess n : nodes) {
            n.close();
        }
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    @Test
    void aRollingRestartUnderTypingLosesNoEditAndEachDrainedNodeSaysGoingAway() throws Exception {
        for (String name : List.of("a", "b", "c")) {
            nodes.add(NodeProcess.start(vertx, name, clusterName, pgUrl, TestRedis.url()));
        }
        List<String> urls = nodes.stream().map(NodeProcess::url).toList();
        List<String> docIds = documentsSpreadOverTheNodes();
        Map<String, List<Typist>> byDoc = new LinkedHashMap<>();
        docIds.forEach(d -> byDoc.put(d, new ArrayList<>()));
        List<Typist> all = new ArrayList<>();
        for (int k = 0; k < docIds.size(); k++) {
            // Client k starts on node k % 3 (transports alternate) and types into documents k and k + 1.
            TandemClient c = client(urls, k);
            for (String docId : List.of(docIds.get(k), docIds.get((k + 1) % docIds.size()))) {
                Typist t = new Typist("c" + k + "-" + docId, c.open(docId, true).await(30, TimeUnit.SECONDS));
                byDoc.get(docId).add(t);
                all.add(t);
            }
        }
        AtomicBoolean typing = new AtomicBoolean(true);
        AtomicReference<Throwable> typingFailed = new AtomicReference<>();
        Thread keyboard = new Thread(() -> {
            try {
                while (typing.get()) {
                    for (Typist t : all) {
                        t.type();
                    }
                    Thread.sleep(KEYSTROKE_EVERY_MS);
                }
            } catch (Throwable e) {
                typingFailed.set(e);
            }
        }, "keyboard");
        keyboard.start();
        acknowledgedAgain(all, "typing before the restarts");

        int drainedOwners = 0;
        for (int i = 0; i < nodes.size(); i++) {
            NodeProcess victim = nodes.get(i);
            NodeProcess witness = nodes.get((i + 1) % nodes.size());
            List<String> owned = docIds.stream().filter(d -> victim.name().equals(ownerOrNone(witness, d))).toList();
            drainedOwners += owned.isEmpty() ? 0 : 1;
            List<TandemClient> onVictim = clients.stream().filter(c -> c.url().equals(victim.url())
                    && c.state() == ConnectionState.CONNECTED).toList();
            System.out.println("restarting " + victim.name() + ": owner of " + owned + ", " + onVictim.size()
                    + " clients connected to it");

            long t0 = System.nanoTime();
            assertEquals(0, victim.terminate(60), victim.name() + " stopped by itself after draining: " + victim.log());
            long stopped = System.nanoTime();
            assertFalse(victim.log().contains("unclean stop"), victim.log());
            NodeProcess back = victim.restart(vertx);
            nodes.set(i, back);
            Poll.until(back.name() + " ready again", RECOVERY, () -> Http.get(vertx, back.port(), "/ready").status() == 200);
            long ready = System.nanoTime();
            acknowledgedAgain(all, "typing after " + back.name() + " came back");
            System.out.printf("%s: stopped in %d ms, ready again %d ms later; every typist acknowledged %d ms after that%n",
                    back.name(), (stopped - t0) / 1_000_000, (ready - stopped) / 1_000_000,
                    (System.nanoTime() - ready) / 1_000_000);
            assertNull(typingFailed.get(), () -> "typing failed: " + typingFailed.get());

            for (TandemClient c : onVictim) {
                // A WebSocket hears 1001; Vert.x's SockJS server closes every session with its own
                // 3000 (see Disconnection): that client only sees a clean close, then a refusal.
                boolean webSocket = transports.get(c) == Transport.WEBSOCKET;
                List<Disconnection> seen = disconnectionsOf(c);
                assertTrue(seen.stream().anyMatch(d -> d.url().equals(victim.url())
                        && (webSocket ? d.goingAway() : d.code() != null)),
                        c.clientId() + " (" + transports.get(c) + ") was told that " + victim.name()
                        + " is going away: " + seen);
            }
        }
        assertTrue(drainedOwners > 0, "a drained node owned a document being typed into");

        typing.set(false);
        keyboard.join(10_000);
        assertNull(typingFailed.get(), () -> "typing failed: " + typingFailed.get());
        for (Map.Entry<String, List<Typist>> e : byDoc.entrySet()) {
            String docId = e.getKey();
            String text = settle(docId, e.getValue());
            for (NodeProcess n : nodes) {
                assertEquals(text, Http.get(vertx, n.port(), "/api/docs/" + docId).body().getString("content"),
                        "every node serves the same text of " + docId);
            }
            for (Typist t : e.getValue()) {
                assertEquals(List.of(), t.lost, t.id + " lost no edit");
            }
            Typist.assertExactlyOnce(text, e.getValue());
            StoredRevisions.assertContiguousAndUnique(vertx, nodes.get(0).port(), docId);
        }
    }

    /** A client that knows every node, starting with the {@code k}-th (round robin). */
    private TandemClient client(List<String> urls, int k) {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            mine.add(urls.get((k + i) % urls.size()));
        }
        Transport transport = k % 2 == 0 ? Transport.WEBSOCKET : Transport.SOCKJS;
        TandemClient c = TandemClient.create(vertx, new TandemClientOptions()
                .setUrls(mine)
                .setTransport(transport)
                .setUserName("typist " + k)
                .setReconnectInitialDelayMs(50)
                .setReconnectMaxDelayMs(500));
        List<Disconnection> seen = new CopyOnWriteArrayList<>();
        synchronized (disconnections) {
            disconnections.put(c, seen);
            transports.put(c, transport);
        }
        c.onDisconnected(seen::add);
        clients.add(c);
        return c;
    }

    private List<Disconnection> disconnectionsOf(TandemClient c) {
        synchronized (disconnections) {
            return List.copyOf(disconnections.get(c));
        }
    }

    /**
     * Document ids, {@value #DOCUMENTS_PER_NODE} owned by each node, once every node names the same
     * owners (partitions settle a moment after the last member joins). Documents need not exist to
     * have an owner.
     */
    private List<String> documentsSpreadOverTheNodes() throws InterruptedException {
        return Poll.until("documents owned by each node, as every node says", Duration.ofSeconds(60), () -> {
            Map<String, List<String>> byOwner = new LinkedHashMap<>();
            nodes.forEach(n -> byOwner.put(n.name(), new ArrayList<>()));
            for (int i = 0; i < 100 && byOwner.values().stream().anyMatch(l -> l.size() < DOCUMENTS_PER_NODE); i++) {
                String id = "d" + i;
                List<String> mine = byOwner.get(ownerOrNone(nodes.get(0), id));
                if (mine != null && mine.size() < DOCUMENTS_PER_NODE) {
                    mine.add(id);
                }
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS_PER_NODE; i++) {
                for (List<String> l : byOwner.values()) {
                    if (l.size() > i) {
                        ids.add(l.get(i)); // interleaved: neighbours have different owners
                    }
                }
            }
            for (String id : ids) {
                String owner = ownerOrNone(nodes.get(0), id);
                for (NodeProcess n : nodes) {
                    if (!owner.equals(ownerOrNone(n, id))) {
                        return List.of(); // not settled yet
                    }
                }
            }
            return ids;
        }, ids -> ids.size() == DOCUMENTS_PER_NODE * nodes.size());
    }

    /** Waits until every typist has had an edit acknowledged since now: nobody is stuck. */
    private static void acknowledgedAgain(List<Typist> typists, String what) throws InterruptedException {
        long[] before = typists.stream().mapToLong(Typist::acks).toArray();
        Poll.until(what + ": every typist acknowledged again", RECOVERY, () -> {
            List<String> waiting = new ArrayList<>();
            for (int i = 0; i < typists.size(); i++) {
                if (typists.get(i).acks() <= before[i]) {
                    waiting.add(typists.get(i).id + " " + typists.get(i).doc.client().url());
                }
            }
            return waiting;
        }, List::isEmpty);
    }

    /** What a typist has of a document beside the server's text, while they differ. */
    private record Look(String server, List<String> behind) {
    }

    /** Waits until the document's typists are synced and equal to the server's text; returns it. */
    private String settle(String docId, List<Typist> typists) throws InterruptedException {
        return Poll.until(docId + "'s typists synced and equal to the server", RECOVERY, () -> {
            String server = Http.get(vertx, nodes.get(0).port(), "/api/docs/" + docId).body().getString("content");
            List<String> behind = new ArrayList<>();
            for (Typist t : typists) {
                if (!t.doc.isSynced() || !t.doc.text().equals(server)) {
                    behind.add(t.id + (t.doc.isSynced() ? " differs" : " not synced") + " at rev " + t.doc.revision()
                            + " via " + t.doc.client().url() + " (" + t.doc.client().state() + ")");
                }
            }
            return new Look(server, behind);
        }, look -> look.behind().isEmpty()).server();
    }

    /** The document's owner as {@code via} reports it, or "" while it cannot say. */
    private String ownerOrNone(NodeProcess via, String docId) {
        try {
            return Http.get(vertx, via.port(), "/api/docs/" + docId + "/owner").body().getString("node");
        } catch (Exception e) {
            return "";
        }
    }
}
