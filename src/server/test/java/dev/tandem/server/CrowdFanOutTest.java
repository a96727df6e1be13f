package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A document's fan-out: each tick's revisions go to every reader as one shared frame, identical
 * for all of them, while their authors get acks (never their own edit back) and everyone sees
 * every revision once, in order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CrowdFanOutTest {
    private static final int AUTHORS = 3;
    private static final int READERS = 5;
    private static final int EDITS_EACH = 40;
    private static Vertx vertx;
    private static TandemNode node;

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        // One gateway instance, so every reader is on the same document channel; a long tick, so
        // bursts of edits certainly share ticks.
        options.gateway().setInstances(1).setBatchMs(50);
        node = TestNodes.start(vertx, options);
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void readersShareEachTicksFrameAndAuthorsGetAcks() throws Exception {
        String doc = "crowd-" + System.nanoTime();
        List<RawClient> authors = new ArrayList<>();
        List<String> authorIds = new ArrayList<>();
        List<RawClient> readers = new ArrayList<>();
        try {
            for (int i = 0; i < AUTHORS + READERS; i++) {
                String id = "crowd-" + i + "-" + System.nanoTime();
                RawClient c = RawClient.hello(vertx, node.port(), id);
                c.send(RawClient.open(doc, null, i == 0));
                c.expect("opened");
                if (i < AUTHORS) {
                    authors.add(c);
                    authorIds.add(c.publicId());
                } else {
                    readers.add(c);
                }
            }
            for (RawClient c : readers) {
                c.drain(300); // the joiners' presence announcements, before anyone types
            }
            // Every author fires its edits without waiting: each inserts one letter at the start of
            // the empty document it last saw (base 0), so the server transforms each past the rest.
            for (int seq = 1; seq <= EDITS_EACH; seq++) {
                for (int a = 0; a < AUTHORS; a++) {
                    authors.get(a).send(RawClient.submit(doc, 0, new JsonArray().add(String.valueOf((char) ('a' + a))), seq));
                }
            }
            int total = AUTHORS * EDITS_EACH;
            for (RawClient author : authors) {
                for (int seq = 1; seq <= EDITS_EACH; seq++) {
                    long s = seq;
                    author.expect(m -> "ack".equals(m.getString("type")) && m.getLong("seq") == s, "ack " + seq);
                }
            }
            for (RawClient reader : readers) {
                reader.expect(m -> "op".equals(m.getString("type")) && m.getLong("rev") == total, "revision " + total);
            }

            // Every reader saw revisions 1..total once each, in order.
            for (RawClient reader : readers) {
                List<Long> revs = new ArrayList<>();
                for (JsonObject m : reader.seen()) {
                    if ("op".equals(m.getString("type"))) {
                        revs.add(m.getLong("rev"));
                    }
                }
                assertEquals(total, revs.size(), "revisions seen by a reader");
                for (int i = 0; i < total; i++) {
                    assertEquals(i + 1, revs.get(i));
                }
            }
            // The readers got the very same frames, several revisions to a frame.
            List<String> first = opFrames(readers.get(0));
            for (RawClient reader : readers) {
                assertEquals(first, opFrames(reader), "a reader's frames differ from another's");
            }
            assertTrue(first.size() < total, first.size() + " frames for " + total + " revisions: no batching");

            // Each author: an ack for each of its edits, every other revision as an op, none of its own.
            for (int a = 0; a < AUTHORS; a++) {
                RawClient author = authors.get(a);
                Set<Long> acked = new HashSet<>();
                Set<Long> ops = new HashSet<>();
                author.drain(200);
                for (JsonObject m : author.seen()) {
                    if ("ack".equals(m.getString("type"))) {
                        assertTrue(acked.add(m.getLong("rev")), "acked twice: " + m);
                    } else if ("op".equals(m.getString("type"))) {
                        assertFalse(m.getString("client").equals(authorIds.get(a)), "own edit sent back: " + m);
                        assertTrue(ops.add(m.getLong("rev")), "revision twice: " + m);
                    }
                }
                assertEquals(EDITS_EACH, acked.size());
                assertEquals(total - EDITS_EACH, ops.size());
                Set<Long> all = new HashSet<>(acked);
                all.addAll(ops);
                assertEquals(total, all.size());
            }

            Scrape metrics = Scrape.of(vertx, node.port());
            assertTrue(metrics.sum("tandem_fanout_deliveries_total", "path", "shared") >= first.size() * READERS,
                    "shared deliveries counted");
            assertTrue(metrics.sum("tandem_fanout_deliveries_total", "path", "separate") > 0,
                    "the authors' separate deliveries counted");
        } finally {
            for (RawClient c : authors) {
                c.close();
            }
            for (RawClient c : readers) {
                c.close();
            }
        }
    }

    private static List<String> opFrames(RawClient c) {
        List<String> out = new ArrayList<>();
        for (String f : c.frames()) {
            if (f.contains("\"type\":\"op\"")) {
                out.add(f);
            }
        }
        return out;
    }
}
