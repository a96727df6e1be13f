package dev.tandem.load;

import dev.tandem.client.model.CanvasPresence;
import dev.tandem.client.model.ClientTypes;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.client.transport.Endpoint;
import dev.tandem.ot.canvas.CanvasOperation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The people of one canvas workload, all in this process: connects them (spread over the
 * generator's event loops and the server nodes) with the client library's full canvas model,
 * starts and stops their dragging, and at the end checks that every copy of the board is the
 * server's (as its REST API reads it, compared as JSON).
 */
final class CanvasCrowd {
    private static final int CONNECT_CONCURRENCY = 50;
    private static final long CONNECT_TIMEOUT_MS = 60_000;

    private final Harness h;
    private final RunStats stats;
    private final String idPrefix;
    private final Map<String, CanvasUser> everyone = new ConcurrentHashMap<>();
    private final List<CanvasUser> users = new ArrayList<>();

    CanvasCrowd(Harness h, RunStats stats, String idPrefix) {
        this.h = h;
        this.stats = stats;
        this.idPrefix = idPrefix;
    }

    int size() {
        return users.size();
    }

    List<CanvasUser> users() {
        return users;
    }

    /** Connects one person per object of {@code objects} to {@code doc}, each to drag that object; blocks until all are live. */
    List<CanvasUser> join(String doc, List<String> objects) throws Exception {
        List<CanvasUser> joined = new ArrayList<>();
        for (int from = 0; from < objects.size(); from += CONNECT_CONCURRENCY) {
            List<Future<CanvasUser>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(objects.size(), from + CONNECT_CONCURRENCY); i++) {
                batch.add(joinOne(doc, users.size() + i, objects.get(i)));
            }
            joined.addAll(Future.all(batch).map(cf -> cf.<CanvasUser>list()).await(CONNECT_TIMEOUT_MS + 5_000,
                    TimeUnit.MILLISECONDS));
        }
        users.addAll(joined);
        return joined;
    }

    private Future<CanvasUser> joinOne(String doc, int n, String object) {
        String clientId = idPrefix + "-u" + n + "-" + Long.toString(System.nanoTime() & 0xffffff, 36);
        Context ctx = h.contexts().get(n % h.contexts().size());
        Endpoint endpoint = h.endpoints().get(n % h.endpoints().size());
        return LoadConnection.connect(h.sockets(), endpoint, ctx, clientId, "Canvas " + n, stats, CONNECT_TIMEOUT_MS)
                .compose(c -> {
                    CanvasUser u = new CanvasUser(c, stats, everyone, h.options().seed() * 1_000_003L + n, object);
                    everyone.put(c.publicId(), u); // others' operations name their author by public id
                    return c.open(doc, false, ClientTypes.CANVAS, u).map(m -> {
                        u.opened(m);
                        return u;
                    });
                });
    }

    void start(double perSecond) {
        for (CanvasUser u : users) {
            u.start(perSecond);
        }
    }

    void stop() {
        for (CanvasUser u : users) {
            u.stop();
        }
    }

    /**
     * Waits (at most {@code seconds}) until every person's batches are confirmed and every copy is
     * at the server's head, then compares every copy with the server's board.
     *
     * @return null if all converged, else what differed
     */
    String converge(String doc, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Rest.Content head = h.rest().content(doc);
            boolean settled = true;
            for (CanvasUser u : users) {
                Copy c = copy(u, false);
                if (!c.synced || c.rev != head.rev()) {
                    settled = false;
                    break;
                }
            }
            if (settled) {
                JsonObject server = new JsonObject(head.text());
                for (CanvasUser u : users) {
                    Copy c = copy(u, true);
                    if (c.rev != head.rev() || !new JsonObject(c.snapshot).equals(server)) {
                        return u.clientId() + " has " + doc + " at revision " + c.rev + ", the server at " + head.rev()
                                + (c.rev == head.rev() ? " with other content" : "");
                    }
                }
                return null;
            }
            if (System.nanoTime() > deadline) {
                return "not settled within " + seconds + " s: " + doc;
            }
            Thread.sleep(100);
        }
    }

    private record Copy(boolean synced, long rev, String snapshot) {
    }

    /** Reads a person's copy on their own event loop (the model is not thread-safe). */
    private static Copy copy(CanvasUser u, boolean withSnapshot) throws Exception {
        Promise<Copy> p = Promise.promise();
        u.connection().context().runOnContext(v -> {
            DocumentModel<CanvasOperation, CanvasPresence> m = u.model();
            p.complete(new Copy(m.isSynced(), m.revision(), withSnapshot ? m.snapshot() : null));
        });
        return p.future().await(30, TimeUnit.SECONDS);
    }

    void close() throws Exception {
        Future.join(users.stream().map(u -> u.connection().close()).toList()).await(30, TimeUnit.SECONDS);
    }
}
