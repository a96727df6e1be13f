package dev.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.ot.text.TextType;
import dev.tandem.protocol.ClientCodec;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.MalformedFrameException;
import dev.tandem.protocol.ServerCodec;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.User;
import dev.tandem.sequencer.DocumentOwnership;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the node's hot paths before it says it is ready, so that the JVM compiles them on this
 * traffic rather than on its users'. Simulated people on real WebSockets to the node's own
 * gateway (127.0.0.1) type into scratch documents ({@code .warmup.<node>.<n>}, which always run on
 * their own node and are left out of the document list: {@link DocumentOwnership#SCRATCH_PREFIX}): frame decoding, the protocol codec, OT
 * parse, transform and apply, the sequencer, group commit on the real database, fan-out and
 * encoding, presence. Bounded by a number of acknowledged operations and by time, whichever comes
 * first; a failure is logged and ends it (it never keeps a node from serving).
 */
final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /** What warming up did. */
    record Result(long operations, long millis, boolean timedOut) {
    }

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final String nodeId;
    private final int people;
    private final int documents;
    private final long targetOperations;
    private final long maxMillis;
    /** The token of warm-up client n; null in open mode. */
    private java.util.function.IntFunction<String> tokens;
    private final AtomicLong acked = new AtomicLong();
    private long deadline;

    WarmUp(Vertx vertx, String host, int port, String nodeId, int people, int documents, long targetOperations,
            long maxMillis) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.nodeId = nodeId;
        this.people = people;
        this.documents = documents;
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
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) Math.min(maxMillis, 10_000)).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            docs.add(DocumentOwnership.scratchDocument(nodeId, i));
        }
        List<Future<Void>> all = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            all.add(new Person(client, docs.get(i % docs.size()), i).run());
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

    private boolean finished() {
        return acked.get() >= targetOperations || System.nanoTime() >= deadline;
    }

    /** One simulated person: one edit in flight, the next as soon as it is acknowledged. */
    private final class Person {
        private final WebSocketClient client;
        private final String doc;
        private final String clientId;
        private final SplittableRandom random;
        private final int index;
        private final Promise<Void> done = Promise.promise();
        private WebSocket ws;
        private long rev;
        private long length;
        private long seq;
        private long pendingDelta;
        private boolean inFlight;

        Person(WebSocketClient client, String doc, int index) {
            this.client = client;
            this.doc = doc;
            this.clientId = ("warmup-" + nodeId + "-" + index).replaceAll("[^A-Za-z0-9_-]", "_");
            this.random = new SplittableRandom(index);
            this.index = index;
        }

        Future<Void> run() {
            client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws")
                    .setTimeout(Math.min(maxMillis, 10_000))).onSuccess(socket -> {
                        ws = socket;
                        ws.textMessageHandler(this::frame);
                        ws.closeHandler(v -> done.tryComplete());
                        ws.exceptionHandler(e -> stop());
                        send(new ClientMessage.Hello(1, clientId, new User("Warm-up", "#888888"),
                                tokens == null ? null : tokens.apply(index)));
                        send(new ClientMessage.Open(doc, null, true, TextType.NAME));
                    }).onFailure(done::tryFail);
            long timer = vertx.setTimer(Math.max(1, maxMillis + 2_000), id -> stop());
            return done.future().eventually(() -> {
                vertx.cancelTimer(timer);
                return Future.succeededFuture();
            });
        }

        private void frame(String text) {
            List<ServerMessage> messages;
            try {
                messages = ServerCodec.decodeFrame(text);
            } catch (MalformedFrameException e) {
                done.tryFail(e);
                stop();
                return;
            }
            for (ServerMessage m : messages) {
                if (m instanceof ServerMessage.Opened o) {
                    rev = o.rev();
                    String content = o.snapshot() == null ? "" : o.snapshot().textValue();
                    length = content.codePointCount(0, content.length());
                    inFlight = false;
                    next();
                } else if (m instanceof ServerMessage.Op o) {
                    rev = o.rev();
                    length += delta(TextType.INSTANCE.parse(o.op()));
                } else if (m instanceof ServerMessage.Ack a && a.seq() == seq) {
                    rev = a.rev();
                    length += pendingDelta;
                    inFlight = false;
                    acked.incrementAndGet();
                    long at = length == 0 ? 0 : random.nextLong(length + 1);
                    JsonNode sel = JsonNodeFactory.instance.arrayNode().add(at).add(at);
                    send(new ClientMessage.Presence(doc, rev, sel, true));
                    next();
                } else if (m instanceof ServerMessage.Error e && e.doc() != null) {
                    // Our idea of the length went wrong (a concurrent delete): start again from a snapshot.
                    inFlight = false;
                    send(new ClientMessage.Open(doc, null, true, TextType.NAME));
                }
            }
        }

        private void next() {
            if (finished()) {
                stop();
                return;
            }
            if (inFlight) {
                return;
            }
            TextOperation op;
            long at = random.nextLong(length + 1);
            if (length > 0 && random.nextInt(5) == 0) {
                long from = Math.min(at, length - 1);
                op = TextOperation.splice((int) length, (int) from, 1, "");
                pendingDelta = -1;
            } else {
                op = TextOperation.splice((int) length, (int) at, 0, random.nextInt(10) == 0 ? "\n" : "x");
                pendingDelta = 1;
            }
            inFlight = true;
            send(new ClientMessage.Submit(doc, rev, OperationJson.toTree(op), ++seq));
            if (seq % 64 == 0) {
                send(new ClientMessage.Ping(LongNode.valueOf(seq)));
            }
        }

        private void send(ClientMessage m) {
            if (ws != null && !ws.isClosed()) {
                ws.writeTextMessage(ClientCodec.encode(m));
            }
        }

        private void stop() {
            if (ws != null && !ws.isClosed()) {
                ws.close().onComplete(ar -> done.tryComplete());
            } else {
                done.tryComplete();
            }
        }
    }

    private static long delta(TextOperation op) {
        return (long) op.targetLength() - op.baseLength();
    }
}
