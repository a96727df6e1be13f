package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.tandem.client.ClientDocument;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemClientOptions;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.LostEdits;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.storage.EmbeddedPostgresSupervisor;
import dev.tandem.storage.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL killed while people type (issue #14), with the real processes: a node on its
 * embedded PostgreSQL, three clients of the Java client library typing into one document, and
 * the postmaster killed with SIGKILL. The node's first restart attempt is put off by
 * {@value #OUTAGE_MS} ms, so the database stays away about ten seconds while everyone keeps
 * typing. Nothing may be acknowledged meanwhile; the node must restart the database by itself
 * (its log, {@code tandem_embedded_postgres_*} and {@code /ready} say so); then every client
 * converges, and every edit typed (acknowledged before, held during, sent after) is in the
 * committed text exactly once. The same holds for an external database the node cannot reach for
 * a while (a proxy cut): it is the operator's to bring back, and the node picks up again when it is.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DatabaseOutageTest {
    /** The first restart attempt comes this long after the node notices the death. */
    private static final long OUTAGE_MS = 9_000;
    /** Commits already in flight at the kill may still be answered this long after it. */
    private static final long IN_FLIGHT_GRACE_MS = 2_000;
    private static final long TYPING_EVERY_MS = 40;

    @TempDir
    Path dataDir;
    private final Vertx vertx = Vertx.vertx();
    private final List<TandemClient> clients = new ArrayList<>();
    private final ScheduledExecutorService keyboard = Executors.newSingleThreadScheduledExecutor();
    private TandemNode node;
    private Level supervisorLevel;

    @AfterEach
    void tearDown() throws Exception {
        keyboard.shutdownNow();
        supervisorLogger().setLevel(supervisorLevel);
        Future.join(clients.stream().map(TandemClient::close).toList()).await(10, TimeUnit.SECONDS);
        if (node != null) {
            TestNodes.stop(node);
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** One person typing tokens {@code <letter><n>;} at the end of the document, and what they were told. */
    private static final class Typist implements DocumentListener<TextOperation, Selection> {
        final String letter;
        final ClientDocument doc;
        final AtomicInteger typed = new AtomicInteger();
        /** Tokens known to be acknowledged: all those typed before the document was last synced. */
        final AtomicInteger confirmed = new AtomicInteger();
        final List<Long> ackTimes = new CopyOnWriteArrayList<>();
        final List<LostEdits<TextOperation>> lost = new CopyOnWriteArrayList<>();
        final Set<String> errors = ConcurrentHashMap.newKeySet();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();

        Typist(String letter, ClientDocument doc) {
            this.letter = letter;
            this.doc = doc;
            doc.addListener(this);
        }

        void typeOne() {
            try {
                doc.append(letter + typed.get() + ";");
                typed.incrementAndGet(); // after the edit is in the document: a sync seen later covers it
            } catch (RuntimeException e) {
                failures.add(e); // the keyboard goes on; the test reports it
            }
        }

        @Override
        public void acknowledged(long seq, long rev) {
            ackTimes.add(System.currentTimeMillis());
        }

        @Override
        public void synced(long rev) {
            confirmed.set(typed.get()); // runs under the document's lock: every edit counted so far is confirmed
        }

        @Override
        public void editsLost(LostEdits<TextOperation> edits) {
            lost.add(edits);
        }

        @Override
        public void error(ServerMessage.Error error) {
            errors.add(error.code());
        }

        long acksBetween(long from, long to) {
            return ackTimes.stream().filter(t -> t >= from && t <= to).count();
        }
    }

    @Test
    void editsTypedWhileTheEmbeddedDatabaseIsKilledAreHeldAndCommittedOnceTheNodeHasRestartedIt() throws Exception {
        supervisorLevel = supervisorLogger().getLevel();
        supervisorLogger().setLevel(Level.INFO); // its restart lines are INFO; tests log WARN and up
        try (LogCapture log = new LogCapture()) {
            TandemOptions options = TestNodes.options(null); // no URL: the embedded PostgreSQL
            options.storage().setDataDir(dataDir.toString()).setEmbeddedRestartDelayMs(OUTAGE_MS);
            node = TestNodes.start(vertx, options);
            assertEquals(1.0, metric("tandem_embedded_postgres_up"));

            List<Typist> typists = startTyping("outage", "A", "B", "C");
            int[] confirmedBefore = typists.stream().mapToInt(t -> t.confirmed.get()).toArray();

            // kill -9 the postmaster.
            long pid = postmasterPid();
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            long killedAt = System.currentTimeMillis();
            assertTrue(postmaster.destroyForcibly(), "SIGKILL sent to the postmaster " + pid);

            long down = Poll.until("the node noticing the database is down", Duration.ofSeconds(10),
                    () -> log.timeOf("is down: no edit is acknowledged").orElse(0L), t -> t > 0);
            int[] typedAtDown = typists.stream().mapToInt(t -> t.typed.get()).toArray();
            Poll.until("tandem_embedded_postgres_up 0", Duration.ofSeconds(10),
                    () -> metric("tandem_embedded_postgres_up") == 0.0);
            long restarting = Poll.until("the node restarting the database by itself", Duration.ofSeconds(OUTAGE_MS / 1000 + 20),
                    () -> log.timeOf("restarting embedded PostgreSQL").orElse(0L), t -> t > 0);
            int[] typedAtRestart = typists.stream().mapToInt(t -> t.typed.get()).toArray();
            Poll.until("tandem_embedded_postgres_up 1 and one restart counted", Duration.ofSeconds(60),
                    () -> metric("tandem_embedded_postgres_up") == 1.0
                            && metric("tandem_embedded_postgres_restarts_total") == 1.0);
            Poll.until("/ready answering 200 again", Duration.ofSeconds(30),
                    () -> Http.get(vertx, node.port(), "/ready").status() == 200);
            long newPid = postmasterPid();
            assertNotEquals(pid, newPid, "a new postmaster");
            assertTrue(ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false));

            // Nothing acknowledged while the database was away, though everyone kept typing.
            long quietFrom = Math.max(killedAt, down) + IN_FLIGHT_GRACE_MS;
            assertTrue(restarting - quietFrom >= OUTAGE_MS - IN_FLIGHT_GRACE_MS - 1_000,
                    "the database stayed away long enough to tell: " + (restarting - quietFrom) + " ms");
            for (int i = 0; i < typists.size(); i++) {
                Typist t = typists.get(i);
                assertEquals(0, t.acksBetween(quietFrom, restarting), t.letter + " got acks while the database was down");
                assertTrue(typedAtRestart[i] - typedAtDown[i] >= OUTAGE_MS / TYPING_EVERY_MS / 4,
                        t.letter + " kept typing while it was down: " + (typedAtRestart[i] - typedAtDown[i]) + " edits");
            }

            typeOnAndSettle(typists, restarting, confirmedBefore, "outage");
            assertTrue(log.atLeast(Level.INFO).stream().anyMatch(l -> l.startsWith("INFO ")
                    && l.contains("embedded PostgreSQL restarted")), "an INFO line says the database is back");
        }
    }

    @Test
    void editsTypedWhileAnExternalDatabaseIsUnreachableAreCommittedOnceItAnswersAgain() throws Exception {
        // An external database is the operator's to run: the node only has to come back with it.
        PgConnectOptions db = TestPostgres.newDatabase();
        try (TcpProxy proxy = TcpProxy.start(vertx, db.getPort())) {
            node = TestNodes.start(vertx, TestNodes.options("postgresql://" + db.getUser() + "@127.0.0.1:" + proxy.port()
                    + "/" + db.getDatabase()));
            List<Typist> typists = startTyping("cut", "D", "E");
            int[] confirmedBefore = typists.stream().mapToInt(t -> t.confirmed.get()).toArray();

            long cutAt = System.currentTimeMillis();
            proxy.cut();
            int[] typedAtCut = typists.stream().mapToInt(t -> t.typed.get()).toArray();
            Poll.until("/ready saying the database is unreachable", Duration.ofSeconds(10),
                    () -> Http.get(vertx, node.port(), "/ready").status() == 503);
            // The outage lasts as long as it takes everyone to type 150 more edits (some 6 s).
            Poll.until("typing on while the database is unreachable", Duration.ofSeconds(60),
                    () -> typists.get(0).typed.get() - typedAtCut[0] >= 150);
            long restoredAt = System.currentTimeMillis();
            proxy.restore();
            for (Typist t : typists) {
                assertEquals(0, t.acksBetween(cutAt + IN_FLIGHT_GRACE_MS, restoredAt), t.letter + " got acks while the database was unreachable");
            }
            Poll.until("/ready answering 200 again", Duration.ofSeconds(30),
                    () -> Http.get(vertx, node.port(), "/ready").status() == 200);
            typeOnAndSettle(typists, restoredAt, confirmedBefore, "cut");
            TestNodes.stop(node); // while its database is reachable
            node = null;
        }
    }

    /** Clients that open {@code docId} and type into it every {@value #TYPING_EVERY_MS} ms, once each has had a few acks. */
    private List<Typist> startTyping(String docId, String... letters) throws Exception {
        List<Typist> typists = new ArrayList<>();
        for (String letter : letters) {
            typists.add(new Typist(letter, client(letter).open(docId, true).await(30, TimeUnit.SECONDS)));
        }
        keyboard.scheduleAtFixedRate(() -> typists.forEach(Typist::typeOne), 0, TYPING_EVERY_MS, TimeUnit.MILLISECONDS);
        Poll.until("every typist acknowledged a few times", Duration.ofSeconds(30),
                () -> typists.stream().allMatch(t -> t.ackTimes.size() >= 5));
        return typists;
    }

    /**
     * Types on until every typist has had acks after {@code backAt}, stops, and checks: every
     * client converges, nobody lost edits, every token typed is in the text once, and the stored
     * text (read afresh from PostgreSQL) is that text.
     */
    private void typeOnAndSettle(List<Typist> typists, long backAt, int[] confirmedBefore, String docId) throws Exception {
        Poll.until("acks again for every typist", Duration.ofSeconds(60),
                () -> typists.stream().allMatch(t -> t.acksBetween(backAt, Long.MAX_VALUE) >= 3));
        keyboard.shutdown();
        assertTrue(keyboard.awaitTermination(10, TimeUnit.SECONDS));
        Poll.until("every client converged", Duration.ofSeconds(60), () -> converged(typists));

        String text = typists.get(0).doc.text();
        for (int i = 0; i < typists.size(); i++) {
            Typist t = typists.get(i);
            assertEquals(List.of(), t.failures, t.letter + "'s keyboard");
            assertEquals(List.of(), t.lost, t.letter + " had to put edits aside (errors seen: " + t.errors + ")");
            for (int n = 0; n < t.typed.get(); n++) {
                String token = t.letter + n + ";";
                assertEquals(1, occurrences(text, token), token + (n < confirmedBefore[i] ? ", acknowledged before the outage," : "")
                        + " is in the text once");
            }
        }
        // What PostgreSQL holds: stop the sequencers and read the document back afresh.
        node.sequencers().stopAll().await(30, TimeUnit.SECONDS);
        ClientDocument reader = client("R").open(docId).await(30, TimeUnit.SECONDS);
        assertEquals(text, reader.text(), "the stored text");
    }

    private TandemClient client(String name) {
        TandemClient c = TandemClient.create(vertx, new TandemClientOptions()
                .setUrl("http://127.0.0.1:" + node.port())
                .setUserName(name)
                .setReconnectInitialDelayMs(20)
                .setReconnectMaxDelayMs(200));
        clients.add(c);
        return c;
    }

    private static boolean converged(List<Typist> typists) {
        ClientDocument first = typists.get(0).doc;
        return typists.stream().allMatch(t -> t.doc.isSynced() && t.doc.revision() == first.revision()
                && t.doc.text().equals(first.text()));
    }

    private long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
    }

    private double metric(String name) throws Exception {
        return Scrape.of(vertx, node.port()).sum(name);
    }

    private static int occurrences(String text, String token) {
        int n = 0;
        for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length())) {
            n++;
        }
        return n;
    }

    private static Logger supervisorLogger() {
        return (Logger) LoggerFactory.getLogger(EmbeddedPostgresSupervisor.class);
    }
}
