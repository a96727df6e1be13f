package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.sequencer.Snapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What survives a restart: every acknowledged edit, the dedup record, and snapshots of idle documents. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DurabilityTest {
    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void ackedEditsAndTheDedupRecordSurviveARestart() throws Exception {
        String db = TestNodes.newDatabaseUrl();
        TandemOptions options = TestNodes.options(db);
        options.sequencer().setSnapshotEvery(7);
        TandemNode first = TestNodes.start(vertx, options);
        StringBuilder expected = new StringBuilder();
        try (RawClient c = RawClient.hello(vertx, first.port(), "typist-0001")) {
            c.send(RawClient.open("diary", null, true));
            c.expect("opened");
            for (int i = 0; i < 30; i++) {
                String s = i % 5 == 0 ? "\ud83d\ude00" : Character.toString('a' + i % 26);
                c.send(RawClient.submit("diary", i, i == 0 ? new JsonArray().add(s)
                        : new JsonArray().add(expected.codePointCount(0, expected.length())).add(s), i + 1));
                assertEquals(i + 1, c.expect("ack").getLong("rev"));
                expected.append(s);
            }
        }
        TestNodes.stop(first);

        TandemNode second = TestNodes.start(vertx, TestNodes.options(db));
        try (RawClient c = RawClient.hello(vertx, second.port(), "typist-0001")) {
            c.send(RawClient.open("diary", null, false));
            JsonObject opened = c.expect("opened");
            assertEquals(30, opened.getLong("rev"));
            assertEquals(expected.toString(), opened.getString("snapshot"));
            // The last edit again, as a client would resend it if it never saw the ack.
            c.send(RawClient.submit("diary", 29, new JsonArray().add(expected.codePointCount(0, expected.length()) - 1)
                    .add("d"), 30));
            JsonObject ack = c.expect("ack");
            assertEquals(30, ack.getLong("rev"));
            c.send(RawClient.submit("diary", 30, new JsonArray().add(expected.codePointCount(0, expected.length()))
                    .add("!"), 31));
            assertEquals(31, c.expect("ack").getLong("rev"));
        } finally {
            TestNodes.stop(second);
        }
    }

    @Test
    void idleDocumentsAreUnloadedWithASnapshotAndLoadAgainOnDemand() throws Exception {
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        options.sequencer().setIdleTimeoutMs(300).setSnapshotEvery(1000);
        TandemNode node = TestNodes.start(vertx, options);
        try (RawClient c = RawClient.hello(vertx, node.port(), "idler-00001")) {
            c.send(RawClient.open("sleepy", null, true));
            c.expect("opened");
            c.send(RawClient.submit("sleepy", 0, new JsonArray().add("zzz"), 1));
            c.expect("ack");
            assertTrue(node.sequencers().isActive("sleepy"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (node.sequencers().isActive("sleepy") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(!node.sequencers().isActive("sleepy"), "sequencer unloaded after idling");
            // Unloading writes the snapshot on its way out.
            Snapshot snap = null;
            while (System.nanoTime() < deadline) {
                snap = node.store().snapshotAtOrBefore("sleepy", 1).await(10, TimeUnit.SECONDS);
                if (snap.rev() == 1) {
                    break;
                }
                Thread.sleep(50);
            }
            assertEquals(1, snap.rev());
            assertEquals("zzz", snap.content());
            // Still connected: the next edit brings the sequencer back.
            c.send(RawClient.submit("sleepy", 1, new JsonArray().add(3).add("!"), 2));
            assertEquals(2, c.expect("ack").getLong("rev"));
            assertTrue(node.sequencers().isActive("sleepy"));
        } finally {
            TestNodes.stop(node);
        }
    }
}
