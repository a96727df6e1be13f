package dev.tandem.load;

import dev.tandem.client.transport.Endpoint;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import dev.tandem.ot.Operation;
import io.vertx.core.http.WebSocketClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The simulated users of one workload run, all in this process: connects them (spread over the
 * generator's event loops and the server nodes), starts and stops their ticking, and at the end
 * checks that every copy of every document converged on the server's content (a {@link LiteReplica}
 * on its revision and length). Its documents are of one type, typed as its {@link Typing} says.
 */
final class Swarm {
    private static final int CONNECT_CONCURRENCY = 100;
    private static final long CONNECT_TIMEOUT_MS = 30_000;

    private final WebSocketClient sockets;
    private final List<Endpoint> endpoints;
    private final List<Context> contexts;
    private final RunStats stats;
    private final String idPrefix;
    private final long seed;
    private final Typing<?> typing;
    private final Map<String, SimUser> everyone = new ConcurrentHashMap<>();
    private final Map<String, List<SimUser>> byDoc = new LinkedHashMap<>();
    private final List<SimUser> users = new ArrayList<>();

    Swarm(WebSocketClient sockets, List<Endpoint> endpoints, List<Context> contexts, RunStats stats, String idPrefix,
            long seed, Typing<?> typing) {
        this.typing = typing;
        this.sockets = sockets;
        this.endpoints = endpoints;
        this.contexts = contexts;
        this.stats = stats;
        this.idPrefix = idPrefix;
        this.seed = seed;
    }

    int size() {
        return users.size();
    }

    /** Every user joined so far. */
    synchronized List<SimUser> users() {
        return List.copyOf(users);
    }

    /** The documents and their users, in the order they were first joined. */
    synchronized Map<String, List<SimUser>> byDoc() {
        Map<String, List<SimUser>> copy = new LinkedHashMap<>();
        byDoc.forEach((doc, who) -> copy.put(doc, List.copyOf(who)));
        return copy;
    }

    /** Connects {@code perDoc} new users to each of {@code docs} with full replicas; blocks until all are live. */
    List<SimUser> join(List<String> docs, int perDoc) throws Exception {
        return join(docs, perDoc, 1);
    }

    /**
     * Connects {@code perDoc} new users to each of {@code docs} and opens the document; blocks
     * until all are live. Every {@code fullEvery}-th user (counted over the whole swarm) keeps the
     * client library's full model, the others a {@link LiteReplica}; 1 makes every copy full.
     */
    List<SimUser> join(List<String> docs, int perDoc, int fullEvery) throws Exception {
        List<String> plan = new ArrayList<>();
        for (int u = 0; u < perDoc; u++) {
            plan.addAll(docs); // interleaved, so each document's users are spread over the event loops
        }
        List<SimUser> joined = new ArrayList<>();
        int base = users.size();
        for (int from = 0; from < plan.size(); from += CONNECT_CONCURRENCY) {
            List<Future<SimUser>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(plan.size(), from + CONNECT_CONCURRENCY); i++) {
                batch.add(joinOne(plan.get(i), base + i, fullEvery));
            }
            List<SimUser> got = await(Future.all(batch).map(cf -> cf.<SimUser>list()), CONNECT_TIMEOUT_MS + 5_000);
            joined.addAll(got);
            synchronized (this) {
                for (SimUser u : got) {
                    users.add(u);
                    byDoc.computeIfAbsent(u.model().docId(), d -> new ArrayList<>()).add(u);
                }
            }
        }
        return joined;
    }

    private Future<SimUser> joinOne(String doc, int index, int fullEvery) {
        int n = index;
        String clientId = idPrefix + "-u" + n + "-" + Long.toString(System.nanoTime() & 0xffffff, 36);
        Context ctx = contexts.get(n % contexts.size());
        Endpoint endpoint = endpoints.get(n % endpoints.size());
        return LoadConnection.connect(sockets, endpoint, ctx, clientId, "Load " + n, stats, CONNECT_TIMEOUT_MS)
                .compose(c -> {
                    SimUser u = new SimUser(c, stats, everyone, seed * 1_000_003L + n);
                    everyone.put(c.publicId(), u); // others' operations name their author by public id
                    return open(c, doc, typing, u, fullEvery > 1 && n % fullEvery != 0).map(r -> {
                        u.opened(r, typing.formats());
                        return u;
                    });
                });
    }

    private static <O extends Operation> Future<Replica> open(LoadConnection c, String doc, Typing<O> typing, SimUser u,
            boolean lite) {
        if (lite) {
            return c.openLite(doc, typing, u.<O>listener()).map(r -> r);
        }
        return c.open(doc, false, typing.clientType(), u.<O>listener()).map(m -> new FullReplica<>(m, typing));
    }

    void start(List<SimUser> who, Behaviour b, double rate) {
        for (SimUser u : who) {
            u.start(b, rate);
        }
    }

    void stopAll() {
        for (SimUser u : users) {
            u.stop();
        }
    }

    /**
     * Waits (at most {@code seconds}) until every user's edits are confirmed and every copy of a
     * document is at the server's head, then compares every copy with the server's text.
     *
     * @return null if all converged, else what differed
     */
    String converge(Rest rest, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<String, Rest.Content> server = new LinkedHashMap<>();
        for (String doc : byDoc.keySet()) {
            server.put(doc, rest.content(doc));
        }
        for (Map.Entry<String, List<SimUser>> e : byDoc.entrySet()) {
            while (true) {
                Rest.Content head = rest.content(e.getKey());
                boolean settled = true;
                for (SimUser u : e.getValue()) {
                    State s = state(u);
                    if (!s.synced || s.rev != head.rev()) {
                        settled = false;
                        break;
                    }
                }
                if (settled) {
                    server.put(e.getKey(), head);
                    break;
                }
                if (System.nanoTime() > deadline) {
                    return "not settled within " + seconds + " s: " + e.getKey();
                }
                Thread.sleep(100);
            }
        }
        for (Map.Entry<String, List<SimUser>> e : byDoc.entrySet()) {
            Rest.Content head = server.get(e.getKey());
            for (SimUser u : e.getValue()) {
                State s = state(u);
                int serverLength = typing.storedLength(head.text());
                boolean same = s.text != null ? typing.sameContent(s.text, head.text()) : s.length == serverLength;
                if (s.rev != head.rev() || !same) {
                    return u.clientId() + " has " + e.getKey() + " at revision " + s.rev + " (length " + s.length
                            + (s.text == null ? ", length only" : "") + "), the server at " + head.rev()
                            + " (" + serverLength + ")";
                }
            }
        }
        return null;
    }

    /** A copy's state; {@code text} is null for a copy that keeps only the length. */
    private record State(boolean synced, long rev, String text, int length) {
    }

    /** Reads a user's copy on its own event loop (the model is not thread-safe). */
    private static State state(SimUser u) throws Exception {
        return read(u, () -> new State(u.isSynced(), u.model().revision(), u.model().text(), u.model().length()));
    }

    /** Runs {@code what} on {@code u}'s event loop and returns its answer (at most 10 s). */
    static <T> T read(SimUser u, java.util.function.Supplier<T> what) throws Exception {
        Promise<T> p = Promise.promise();
        u.connection().context().runOnContext(v -> p.complete(what.get()));
        return await(p.future(), 10_000);
    }

    void closeAll() throws Exception {
        List<Future<Void>> closing = new ArrayList<>();
        for (SimUser u : users) {
            closing.add(u.connection().close());
        }
        await(Future.join(closing), 30_000);
    }

    static <T> T await(Future<T> f, long timeoutMs) throws Exception {
        return f.await(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
