package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.client.ClientDocument;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemClientOptions;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.LostEdits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The background compaction against the real PostgreSQL while people edit: Java clients type
 * unique tokens with random network cuts (they catch up and resubmit what was in flight), REST
 * bots append and retry, someone names versions now and then, and every revision is old enough
 * to compact at once (retention 0) except the last {@code --max-catch-up} (150). Nothing acknowledged
 * is lost or doubled, dedup records keep their meaning, named versions still open, and a node
 * restarted on the compacted history loads the same text.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HistoryCompactionTest {
    private static final String DOC = "compacting";
    private static final Pattern TOKEN = Pattern.compile("<[a-z0-9]+:\\d+>");
    private Vertx vertx;
    private final List<TandemClient> clients = new ArrayList<>();
    private final AtomicInteger lostEdits = new AtomicInteger();
    private TandemNode running;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (running != null) {
            TestNodes.stop(running);
        }
        Future.join(clients.stream().map(TandemClient::close).toList()).await(20, TimeUnit.SECONDS);
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    private static TandemOptions options(String db) {
        TandemOptions o = TestNodes.options(db);
        o.sequencer().setMaxCatchUp(150).setHistoryWindow(8).setHistoryKeepMillis(0).setSnapshotEvery(25);
        o.history().setRetentionMillis(0).setRunMillis(60_000).setBatchRows(40).setPauseMillis(5).setIntervalMillis(20);
        return o;
    }

    @Test
    void historyCompactedWhileClientsCatchUpAndResubmitLosesAndDoublesNothing() throws Exception {
        String db = TestNodes.newDatabaseUrl();
        TandemOptions options = options(db);
        TandemNode node = TestNodes.start(vertx, options);
        running = node;
        int port = node.port();
        assertEquals(201, Http.post(vertx, port, "/api/docs", new JsonObject().put("id", DOC).encode()).status());
        List<ClientDocument> docs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            docs.add(join(port, i));
        }
        List<String> typed = new ArrayList<>();
        Map<String, Long> botAcks = new ConcurrentHashMap<>(); // "client/seq" -> revision
        Map<Long, String> named = new ConcurrentHashMap<>();   // revision -> content when named
        AtomicBoolean typing = new AtomicBoolean(true);
        List<Thread> helpers = List.of(new Thread(() -> bot(port, "bot-alpha", typing, botAcks)),
                new Thread(() -> bot(port, "bot-bravo", typing, botAcks)), new Thread(() -> namer(port, typing, named)));
        helpers.forEach(Thread::start);

        Random r = new Random(20261205);
        int cuts = 0;
        double compactedWhileTyping = 0;
        int[] counters = new int[docs.size()];
        long headWhileTyping = 0;
        // At least 1200 rounds, and on until compaction has joined something while people type and
        // the history is long enough to check (a loaded machine makes fewer, larger revisions:
        // the clients join keystrokes typed while one is in flight); at most 6000.
        for (int round = 0; round < 6000 && (round < 1200 || compactedWhileTyping == 0 || headWhileTyping <= 300); round++) {
            // People mostly write in turns (one typist for a stretch, then the next), and now and
            // then all at once: compaction joins runs of one author, interleaved edits stay apart.
            int typist = (round / 60) % docs.size();
            boolean together = round % 60 == 30;
            for (int i = 0; i < docs.size(); i++) {
                if (i != typist && !together) {
                    continue;
                }
                String token = "<c" + i + ":" + counters[i]++ + ">";
                docs.get(i).append(token);
                typed.add(token);
                if (r.nextDouble() < 0.004) {
                    docs.get(i).client().simulateNetworkFailure(); // reconnect, catch up, resubmit
                    cuts++;
                }
            }
            Thread.sleep(2);
            if (round % 100 == 99) {
                compactedWhileTyping = Scrape.of(vertx, port).sum("tandem_history_compacted_revisions_total");
                headWhileTyping = Http.get(vertx, port, "/api/docs/" + DOC).body().getLong("rev");
            }
        }
        typing.set(false);
        for (Thread t : helpers) {
            t.join(30_000);
        }
        assertTrue(cuts > 0, "the run cut some connections");
        long headAfterTyping = Http.get(vertx, port, "/api/docs/" + DOC).body().getLong("rev");
        assertTrue(compactedWhileTyping > 0, "compaction ran while people typed; head " + headAfterTyping);

        String text = settle(port, docs);
        assertEquals(0, lostEdits.get(), "no client lost edits");
        List<String> expected = new ArrayList<>(typed);
        botAcks.keySet().forEach(k -> expected.add("<" + k.replace("bot-", "").replace("/", ":") + ">"));
        assertEveryTokenOnce(expected, text);

        // Compaction catches up with everything older than the catch-up limit.
        long head = Http.get(vertx, port, "/api/docs/" + DOC).body().getLong("rev");
        assertTrue(head > 250, "enough history to compact: " + head);
        eventually(() -> caughtUp(node), "compaction reached the catch-up limit");
        List<dev.tandem.storage.HistoryEntry> rows = node.history().entries(DOC, 1, head, 100_000).await(10, TimeUnit.SECONDS);
        long joined = rows.stream().filter(dev.tandem.storage.HistoryEntry::compacted).count();
        // Interleaved edits (everyone at once, the bots, named versions and snapshots as boundaries)
        // stay apart; each typist's turns are joined.
        assertTrue(joined > 0 && rows.size() < head, rows.size() + " rows for " + head + " revisions, " + joined + " joined");
        assertTrue(rows.stream().filter(e -> e.rev() > head - 150).noneMatch(dev.tandem.storage.HistoryEntry::compacted),
                "nothing a client may still catch up from was touched");
        Scrape metrics = Scrape.of(vertx, port);
        assertTrue(metrics.sum("tandem_history_compacted_bytes_total") > 0);
        assertTrue(metrics.sum("tandem_history_compaction_batches_total", "outcome", "done") > 0);

        // Named versions still open, as they were when named, compacted around or not.
        assertTrue(named.size() >= 3, "versions named: " + named.keySet());
        for (Map.Entry<Long, String> v : named.entrySet()) {
            assertEquals(v.getValue(), Http.get(vertx, port, "/api/docs/" + DOC + "/at/" + v.getKey()).body().getString("content"),
                    "named version at " + v.getKey());
        }
        assertEquals(named.size(), Http.get(vertx, port, "/api/docs/" + DOC + "/versions?limit=1000").body().getJsonArray("versions").size());

        // Dedup records keep their meaning: every bot submission still finds its revision (stored under its public id)
        for (Map.Entry<String, Long> ack : botAcks.entrySet()) {
            String[] cs = ack.getKey().split("/");
            assertEquals(Optional.of(ack.getValue()), node.store().submissionRevision(DOC, RawClient.openModeId(cs[0]), Long.parseLong(cs[1]))
                    .await(10, TimeUnit.SECONDS), ack.getKey());
        }
        // ...and a late retry of any of them is never applied twice.
        for (String bot : List.of("bot-alpha", "bot-bravo")) {
            long last = botAcks.keySet().stream().filter(k -> k.startsWith(bot + "/")).mapToLong(k -> Long.parseLong(k.split("/")[1]))
                    .max().orElseThrow();
            for (long seq : List.of(1L, last / 2, last)) {
                Http.Response retry = Http.post(vertx, port, "/api/docs/" + DOC + "/ops", new JsonObject().put("base", 0)
                        .put("op", new JsonArray().add("<dup>")).put("client", bot).put("seq", seq).encode());
                if (retry.status() == 200) {
                    assertTrue(retry.body().getBoolean("duplicate"), retry.text());
                    assertEquals(botAcks.get(bot + "/" + seq), retry.body().getLong("rev"), bot + "/" + seq);
                } else {
                    // This branch's sequencer refuses a seq older than the client's last it no longer
                    // has in memory; refused, it is not applied either.
                    assertEquals("STALE_SEQUENCE", retry.errorCode(), retry.text());
                    assertTrue(seq < last);
                }
            }
        }
        assertEquals(head, Http.get(vertx, port, "/api/docs/" + DOC).body().getLong("rev"), "no retry made a revision");

        // A node started afresh on the compacted history loads the same text (snapshot and tail).
        TestNodes.stop(node);
        running = null;
        TandemOptions again = options(db);
        again.history().setCompaction(false);
        TandemNode restarted = TestNodes.start(vertx, again);
        running = restarted;
        {
            JsonObject reloaded = Http.get(vertx, restarted.port(), "/api/docs/" + DOC).body();
            assertEquals(head, reloaded.getLong("rev"));
            assertEquals(text, reloaded.getString("content"));
        }
    }

    /** Whether compaction has looked at everything it may: the document is no longer a candidate. */
    private static boolean caughtUp(TandemNode node) {
        try {
            return !node.history().compactionCandidates(null, java.time.Instant.now(), 150, 100).await(10, TimeUnit.SECONDS)
                    .docIds().contains(DOC);
        } catch (Exception e) {
            return false;
        }
    }

    private ClientDocument join(int port, int i) throws Exception {
        TandemClient c = TandemClient.create(vertx, new TandemClientOptions().setUrl("http://127.0.0.1:" + port)
                .setUserName("typist " + i).setReconnectInitialDelayMs(20).setReconnectMaxDelayMs(200));
        clients.add(c);
        ClientDocument doc = c.open(DOC, false).await(30, TimeUnit.SECONDS);
        doc.addListener(new DocumentListener() {
            @Override
            public void editsLost(LostEdits lost) {
                lostEdits.incrementAndGet();
            }
        });
        return doc;
    }

    /** Appends a token per submission over REST and, now and then, resubmits the one it just made. */
    private void bot(int port, String client, AtomicBoolean typing, Map<String, Long> acks) {
        try {
            long seq = 0;
            while (typing.get()) {
                JsonObject doc = Http.get(vertx, port, "/api/docs/" + DOC).body();
                String content = doc.getString("content");
                seq++;
                int length = content.codePointCount(0, content.length());
                JsonArray op = length == 0 ? new JsonArray() : new JsonArray().add(length);
                JsonObject submit = new JsonObject().put("base", doc.getLong("rev"))
                        .put("op", op.add("<" + client.replace("bot-", "") + ":" + seq + ">"))
                        .put("client", client).put("seq", seq);
                Http.Response r = Http.post(vertx, port, "/api/docs/" + DOC + "/ops", submit.encode());
                assertEquals(200, r.status(), r.text());
                acks.put(client + "/" + seq, r.body().getLong("rev"));
                Thread.sleep(150);
                if (seq % 5 == 0) {
                    Http.Response again = Http.post(vertx, port, "/api/docs/" + DOC + "/ops", submit.encode());
                    assertTrue(again.body().getBoolean("duplicate"), again.text());
                    assertEquals(r.body().getLong("rev"), again.body().getLong("rev"));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(client, e);
        }
    }

    /** Names the current revision every so often and notes what the document was then. */
    private void namer(int port, AtomicBoolean typing, Map<Long, String> named) {
        try {
            int n = 0;
            while (typing.get()) {
                Http.Response v = Http.post(vertx, port, "/api/docs/" + DOC + "/versions",
                        new JsonObject().put("name", "Checkpoint " + ++n).encode());
                assertEquals(201, v.status(), v.text());
                long rev = v.body().getLong("rev");
                named.put(rev, Http.get(vertx, port, "/api/docs/" + DOC + "/at/" + rev).body().getString("content"));
                Thread.sleep(150);
            }
        } catch (Exception e) {
            throw new IllegalStateException("namer", e);
        }
    }

    private static void assertEveryTokenOnce(List<String> expected, String text) {
        Matcher m = TOKEN.matcher(text);
        Map<String, Integer> found = new LinkedHashMap<>();
        while (m.find()) {
            found.merge(m.group(), 1, Integer::sum);
        }
        List<String> doubled = found.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertEquals(List.of(), doubled, "doubled");
        HashSet<String> missing = new HashSet<>(expected);
        missing.removeAll(found.keySet());
        assertEquals(new HashSet<>(), missing, "lost");
        assertEquals(expected.size(), found.size(), "nothing else in the text");
    }

    private String settle(int port, List<ClientDocument> docs) throws Exception {
        eventually(() -> docs.stream().allMatch(ClientDocument::isSynced), "all clients synced");
        String[] server = new String[1];
        eventually(() -> {
            try {
                server[0] = Http.get(vertx, port, "/api/docs/" + DOC).body().getString("content");
            } catch (Exception e) {
                return false;
            }
            return docs.stream().allMatch(d -> d.isSynced() && d.text().equals(server[0]));
        }, "every client equal to the server");
        return server[0];
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(50);
        }
    }
}
