package dev.tandem.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.server.Http;
import dev.tandem.server.RawClient;
import dev.tandem.server.TandemNode;
import dev.tandem.server.TandemOptions;
import dev.tandem.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Split brain: two nodes that both believe they own a document (here: two single nodes on one
 * database, each sure every document is its own). PostgreSQL's key on (document, revision)
 * lets only one of them commit a revision; the other drops its stale copy, reloads, and the
 * edit it was given lands as the next revision instead, transformed. Nothing is lost or forked.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FencingTest {

    @Test
    void aStaleOwnerCannotCommitARevisionAnotherOwnerCommittedAndDropsTheDocument() throws Exception {
        Vertx vertx = Vertx.vertx();
        String db = TestNodes.newDatabaseUrl();
        TandemOptions oa = TestNodes.options(db).setRedisUrl("none");
        TandemOptions ob = TestNodes.options(db).setRedisUrl("none");
        TandemNode a = TestNodes.start(vertx, oa);
        TandemNode b = TestNodes.start(vertx, ob);
        try (RawClient ca = RawClient.hello(vertx, a.port(), "writer-on-a");
                RawClient cb = RawClient.hello(vertx, b.port(), "writer-on-b")) {
            ca.send(RawClient.open("split", null, true));
            ca.expect("opened");
            cb.send(RawClient.open("split", null, false));
            assertEquals(0, cb.expect("opened").getLong("rev"), "both sequencers loaded revision 0");

            ca.send(RawClient.submit("split", 0, new JsonArray().add("from a"), 1));
            assertEquals(1, ca.expect("ack").getLong("rev"));
            // b's sequencer still thinks the head is 0: it sequences this as revision 1, the
            // commit is refused, it drops the document, and the retry lands on a fresh load.
            cb.send(RawClient.submit("split", 0, new JsonArray().add("from b "), 1));
            JsonObject ack = cb.expect("ack");
            assertEquals(2, ack.getLong("rev"));

            JsonArray revs = Http.get(vertx, a.port(), "/api/docs/split/revisions").body().getJsonArray("revisions");
            assertEquals(2, revs.size());
            assertEquals(dev.tandem.server.RawClient.openModeId("writer-on-a"), revs.getJsonObject(0).getString("client"));
            assertEquals(dev.tandem.server.RawClient.openModeId("writer-on-b"), revs.getJsonObject(1).getString("client"));
            assertEquals(new JsonArray().add("from b ").add(6), revs.getJsonObject(1).getJsonArray("op"),
                    "b's edit was transformed past a's revision 1");
            assertEquals("from b from a", Http.get(vertx, b.port(), "/api/docs/split").body().getString("content"));
        } finally {
            TestNodes.stop(a);
            TestNodes.stop(b);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
