package dev.tandem.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.server.Http;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/** A document's history as PostgreSQL holds it, read over REST: what hand-overs must never break. */
final class StoredRevisions {
    private StoredRevisions() {
    }

    /** Revisions 1..head are stored, each once, and no (client, seq) was committed twice. */
    static void assertContiguousAndUnique(Vertx vertx, int port, String docId) throws Exception {
        long head = Http.get(vertx, port, "/api/docs/" + docId).body().getLong("rev");
        Set<String> submissions = new HashSet<>();
        long expected = 1;
        while (expected <= head) {
            JsonArray page = Http.get(vertx, port, "/api/docs/" + docId + "/revisions?from=" + expected)
                    .body().getJsonArray("revisions");
            assertFalse(page.isEmpty(), "revision " + expected + " stored");
            for (int i = 0; i < page.size(); i++) {
                JsonObject r = page.getJsonObject(i);
                assertEquals(expected, r.getLong("rev"));
                assertTrue(submissions.add(r.getString("client") + "#" + r.getLong("seq")), "no submission twice");
                expected++;
            }
        }
    }
}
