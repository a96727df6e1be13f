package dev.tandem.server;

import dev.tandem.sequencer.DocumentOwnership;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the node's hot paths before it says it is ready, so that the JVM compiles them on this
 * traffic rather than on its users'. Simulated people ({@link WarmUpPerson}) on real WebSockets to
 * the node's own gateway (127.0.0.1) work in scratch documents ({@code .warmup.<node>.<n>}, which
 * always run on their own node and are left out of the document list:
 * {@link DocumentOwnership#SCRATCH_PREFIX}), in the shapes the workloads have:
 * <ul>
 * <li>a crowded document: a few typists in a closed loop and many watchers moving their carets, so
 * ticks with shared frames and presence fan-out to dozens of sessions run (W1, W4, W5);
 * <li>pairs of typists in small documents, moving to another document every so many edits, so
 * group commits of many documents, document loading and creation run (W2, W3).
 * </ul>
 * Along the way: frame decoding, the protocol codec, OT parse, transform and apply, the
 * sequencer, group commit on the real database, fan-out and encoding, presence, rate limits.
 * Bounded by a number of acknowledged operations and by time, whichever comes first; a failure is
 * logged and ends it (it never keeps a node from serving).
 */
final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    /** What warming up did. */
    record Result(long operations, long millis, boolean timedOut) {
    }

    /**
     * The people of a warm-up: {@code crowdTypists} and {@code crowdWatchers} in scratch document
     * 0; two typists in each of {@code pairDocuments} documents, each pair moving through
     * {@code poolPerPair} documents of its own every {@code churnEvery} edits; watchers move their
     * caret {@code caretsPerSecond} times a second.
     */
    record Shape(int crowdTypists, int crowdWatchers, int pairDocuments, int poolPerPair, int churnEvery,
            int caretsPerSecond) {
        /** Tuned on the cold-start runs of docs/BENCHMARKS.md. */
        static final Shape DEFAULT = new Shape(6, 40, 8, 4, 200, 20);

        /** Scratch documents it uses: 0 (the crowd) and 1.. (the pairs' pools). */
        int documents() {
            return 1 + pairDocuments * poolPerPair;
        }

        int people() {
            return crowdTypists + crowdWatchers + 2 * pairDocuments;
        }
    }

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final String nodeId;
    private final Shape shape;
    private final long targetOperations;
    private final long maxMillis;
    /** The token of warm-up client n; null in open mode. */
    private java.util.function.IntFunction<String> tokens;
    private final AtomicLong acked = new AtomicLong();
    private long deadline;

    WarmUp(Vertx vertx, String host, int port, String nodeId, Shape shape, long targetOperations, long maxMillis) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.nodeId = nodeId;
        this.shape = shape;
        this.targetOperations = targetOperations;
        this.maxMillis = maxMillis;
    }

    /** Lets the warm-up's clients present the node's internal tokens (a node that requires tokens). */
    WarmUp withTokens(java.util.function.IntFunction<String> tokens) {
        this.tokens = tokens;
        return this;
    }

    Future<Result> run() {
        long start = System.nanoTime();
        deadline = start + maxMillis * 1_000_000L;
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(shape.people() + 8)
                .setConnectTimeout((int) Math.min(maxMillis, 10_000)).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
        List<Future<Void>> all = new ArrayList<>();
        int n = 0;
        IntFunction<String> crowd = i -> DocumentOwnership.scratchDocument(nodeId, 0);
        for (int i = 0; i < shape.crowdTypists(); i++, n++) {
            all.add(person(client, n, WarmUpPerson.Role.TYPIST, crowd, 0));
        }
        for (int i = 0; i < shape.crowdWatchers(); i++, n++) {
            all.add(person(client, n, WarmUpPerson.Role.WATCHER, crowd, 0));
        }
        for (int pair = 0; pair < shape.pairDocuments(); pair++) {
            int first = 1 + pair * shape.poolPerPair();
            IntFunction<String> pool = i -> DocumentOwnership.scratchDocument(nodeId, first + i % shape.poolPerPair());
            for (int k = 0; k < 2; k++, n++) {
                all.add(person(client, n, WarmUpPerson.Role.TYPIST, pool, shape.churnEvery()));
            }
        }
        return Future.join(all).transform(ar -> {
            client.close();
            long millis = (System.nanoTime() - start) / 1_000_000L;
            Result r = new Result(acked.get(), millis, acked.get() < targetOperations);
            LOG.info("warm-up: {} operations acknowledged in {} ms{}", r.operations(), r.millis(),
                    r.timedOut() ? " (stopped by the time limit)" : "");
            if (ar.failed()) {
                LOG.warn("warm-up ended early: {}", ar.cause().toString());
            }
            return Future.succeededFuture(r);
        });
    }

    private Future<Void> person(WebSocketClient client, int index, WarmUpPerson.Role role, IntFunction<String> docs,
            int churnEvery) {
        String clientId = ("warmup-" + nodeId + "-" + index).replaceAll("[^A-Za-z0-9_-]", "_");
        return new WarmUpPerson(vertx, client, host, port, clientId, role, docs, churnEvery, shape.caretsPerSecond(),
                this::finished, acked::addAndGet, index, tokens == null ? null : tokens.apply(index)).run(maxMillis);
    }

    private boolean finished() {
        return acked.get() >= targetOperations || System.nanoTime() >= deadline;
    }
}
