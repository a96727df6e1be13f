package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.client.ClientDocument;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemClientOptions;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.LostEdits;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.storage.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A gateway whose requests to the sequencer time out retries them; when the first attempt had
 * committed and the client has moved on, the retry is refused as stale. That refusal concerns an
 * edit the client already saw acknowledged and must not reach it (it would resync and drop its
 * newer, unconfirmed edits). Found by the load test (W2 under a loaded machine).
 */
class SubmitRetryTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aLateRetryOfAnAcknowledgedEditIsNotReportedToTheClient() throws Exception {
        Vertx vertx = Vertx.vertx();
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        options.gateway().setRequestTimeoutMs(1); // every commit outlasts it: each submit is retried
        TandemNode node = TestNodes.start(vertx, options);
        TandemClient client = TandemClient.create(vertx, new TandemClientOptions()
                .setUrl("http://127.0.0.1:" + node.port()));
        List<String> problems = new CopyOnWriteArrayList<>();
        try {
            ClientDocument doc = client.open("retried", true).await(30, TimeUnit.SECONDS);
            doc.addListener(new DocumentListener() {
                @Override
                public void error(ServerMessage.Error error) {
                    problems.add(error.code());
                }

                @Override
                public void editsLost(LostEdits lost) {
                    problems.add("EDITS_LOST");
                }
            });
            StringBuilder typed = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                String c = Character.toString('a' + i % 26);
                doc.append(c);
                typed.append(c);
                if (i % 3 == 0) {
                    doc.whenSynced().await(30, TimeUnit.SECONDS); // one edit at a time now and then
                }
            }
            doc.whenSynced().await(30, TimeUnit.SECONDS);
            // A barrier for late retries: the session sends every attempt to the sequencer in
            // order, the sequencer answers in order, and the client hears in order. So once one
            // more edit is acknowledged, every earlier attempt has been answered and anything it
            // made the gateway tell the client (an error, a lost edit) has arrived.
            doc.append(".");
            typed.append('.');
            doc.whenSynced().await(30, TimeUnit.SECONDS);
            assertEquals(List.of(), problems);
            assertEquals(typed.toString(), doc.text());
            assertTrue(doc.isSynced());
        } finally {
            client.close().await(10, TimeUnit.SECONDS);
            TestNodes.stop(node);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A client may pipeline its submissions (PROTOCOL.md does not forbid it). With many in the
     * sequencer's queue, or commits slow, requests outlast the gateway's timeout and are sent
     * again; by the time a retry is sequenced the client's later edits are in. The retry of an
     * edit that was committed must be answered with its original revision (never
     * STALE_SEQUENCE), and the author must never get its own edit back as someone else's
     * {@code op}. Found by an independent harness (3,000 submits in 10 frames). Here the
     * commits are held back by a lock on the revisions table until the sequencer has seen the
     * retries, so the retries are sequenced before their edits are committed, every time.
     */
    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void pipelinedSubmissionsRetriedAfterTheTimeoutAreAckedWithTheirOriginalRevisions() throws Exception {
        int total = 300;
        Vertx vertx = Vertx.vertx();
        PgConnectOptions db = TestPostgres.newDatabase();
        TandemOptions options = TestNodes.options("postgresql://" + db.getUser() + "@" + db.getHost() + ":"
                + db.getPort() + "/" + db.getDatabase());
        options.gateway().setRequestTimeoutMs(50).setOpsPerSecond(1_000_000);
        TandemNode node = TestNodes.start(vertx, options);
        PgConnection locker = PgConnection.connect(vertx, db).await(10, TimeUnit.SECONDS);
        String doc = "pipelined";
        try (RawClient client = RawClient.hello(vertx, node.port(), "pipeliner-1")) {
            client.send(RawClient.open(doc, null, true));
            client.expect("opened");
            Scrape before = Scrape.of(vertx, node.port());

            Transaction lock = locker.begin().await(10, TimeUnit.SECONDS);
            locker.query("LOCK TABLE revisions IN EXCLUSIVE MODE").execute().await(10, TimeUnit.SECONDS);
            JsonArray batch = new JsonArray();
            for (int seq = 1; seq <= total; seq++) {
                batch.add(RawClient.submit(doc, 0, new JsonArray().add("x"), seq));
            }
            client.sendText(batch.encode());
            Scrape.until(vertx, node.port(), s -> retriesSeen(s) - retriesSeen(before) >= total,
                    "the sequencer to see retries of the submissions");
            lock.rollback().await(10, TimeUnit.SECONDS);

            Map<Long, List<Long>> acks = new HashMap<>();
            List<JsonObject> wrong = new ArrayList<>();
            int answered = 0;
            while (answered < total) {
                JsonObject m = client.expect(x -> true, "an answer to each of " + total + " submissions");
                switch (m.getString("type")) {
                    case "ack" -> {
                        acks.computeIfAbsent(m.getLong("seq"), s -> new ArrayList<>()).add(m.getLong("rev"));
                        answered++;
                    }
                    case "error" -> {
                        wrong.add(m);
                        answered++;
                    }
                    default -> wrong.add(m);
                }
            }
            // One more edit: its ack comes after every revision before it has been delivered, so
            // an op of the client's own edit sent after its answer would be seen by now.
            client.send(RawClient.submit(doc, total, new JsonArray().add("y").add(total), total + 1));
            JsonObject last = client.expect(m -> !"ack".equals(m.getString("type")) || m.getLong("seq") == total + 1,
                    "the last ack");
            if (!"ack".equals(last.getString("type"))) {
                wrong.add(last);
            }
            assertEquals(List.of(), wrong.size() > 20 ? wrong.subList(0, 20) : wrong, wrong.size() + " wrong answers");

            Map<Long, Long> stored = new HashMap<>();
            Http.Response page = Http.get(vertx, node.port(), "/api/docs/" + doc + "/revisions?from=1&to=" + total);
            for (Object o : page.body().getJsonArray("revisions")) {
                JsonObject r = (JsonObject) o;
                stored.put(r.getLong("seq"), r.getLong("rev"));
            }
            assertEquals(total, stored.size());
            for (long seq = 1; seq <= total; seq++) {
                assertEquals(List.of(stored.get(seq)), acks.get(seq), "the acks of seq " + seq);
            }
        } finally {
            locker.close().await(10, TimeUnit.SECONDS);
            TestNodes.stop(node);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Resubmissions the sequencer answered from what it had sequenced before, or refused as stale. */
    private static double retriesSeen(Scrape s) {
        return s.sum("tandem_ops_duplicate_total") + s.sum("tandem_sequencer_rejected_total", "code", "STALE_SEQUENCE");
    }
}
