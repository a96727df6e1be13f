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
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated person of the start-up {@link WarmUp}, on a real WebSocket to the node's own
 * gateway. A typist has one edit in flight and sends the next as soon as it is acknowledged, with
 * its caret after each (the closed loop of W3, and the ack and presence paths); every
 * {@code churnEvery} edits it closes its document and opens the next one of its pool, so that
 * loading, creating and subscribing to documents run too. A watcher opens a document and moves
 * its caret {@code caretsPerSecond} times a second without typing, so a crowded document's
 * shared frames and presence fan-out (W1, W4) run.
 */
final class WarmUpPerson {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUpPerson.class);
    /** A typist's caret after an acknowledged edit goes out at most this often (20 a second, as an editor's). */
    private static final long CARET_EVERY_NANOS = 50_000_000L;
    /** What the person does. */
    enum Role { TYPIST, WATCHER }

    private final Vertx vertx;
    private final WebSocketClient client;
    private final String host;
    private final int port;
    private final Role role;
    private final IntFunction<String> documents;
    private final int churnEvery;
    private final int caretsPerSecond;
    private final BooleanSupplier finished;
    private final LongConsumer acked;
    private final String clientId;
    private final SplittableRandom random;
    private final Promise<Void> done = Promise.promise();
    private WebSocket ws;
    private int docIndex;
    private String doc;
    private long rev;
    private long length;
    private long seq;
    private long pendingDelta;
    private final String token; // the node's internal token for this person; null in open mode
    private boolean inFlight;
    private boolean live;
    private int editsHere;
    private long caretTimer = -1;
    private long lastCaretNanos;

    /**
     * @param documents the person's documents, by index: a watcher stays on the first, a typist
     *     moves to the next every {@code churnEvery} edits (0: never)
     * @param acked told of every acknowledged edit
     * @param token the access token it says hello with (null in open mode)
     */
    WarmUpPerson(Vertx vertx, WebSocketClient client, String host, int port, String clientId, Role role,
            IntFunction<String> documents, int churnEvery, int caretsPerSecond, BooleanSupplier finished,
            LongConsumer acked, long seed, String token) {
        this.vertx = vertx;
        this.token = token;
        this.client = client;
        this.host = host;
        this.port = port;
        this.clientId = clientId;
        this.role = role;
        this.documents = documents;
        this.churnEvery = churnEvery;
        this.caretsPerSecond = caretsPerSecond;
        this.finished = finished;
        this.acked = acked;
        this.random = new SplittableRandom(seed);
    }

    /** Connects and runs until the warm-up is finished or {@code maxMillis} pass; never fails the node. */
    Future<Void> run(long maxMillis) {
        client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws")
                .setTimeout(Math.min(maxMillis, 10_000))).onSuccess(socket -> {
                    ws = socket;
                    ws.textMessageHandler(this::frame);
                    ws.closeHandler(v -> done.tryComplete());
                    ws.exceptionHandler(e -> stop());
                    send(new ClientMessage.Hello(1, clientId, new User("Warm-up", "#888888"), token));
                    open(documents.apply(0));
                    if (role == Role.WATCHER && caretsPerSecond > 0) {
                        caretTimer = vertx.setPeriodic(Math.max(1, 1000 / caretsPerSecond), id -> moveCaret());
                    }
                }).onFailure(done::tryFail);
        long timer = vertx.setTimer(Math.max(1, maxMillis + 2_000), id -> stop());
        return done.future().eventually(() -> {
            vertx.cancelTimer(timer);
            if (caretTimer >= 0) {
                vertx.cancelTimer(caretTimer);
            }
            return Future.succeededFuture();
        });
    }

    private void open(String next) {
        doc = next;
        live = false;
        inFlight = false;
        editsHere = 0;
        send(new ClientMessage.Open(doc, null, true, TextType.NAME));
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
            if (m instanceof ServerMessage.Opened o && o.doc().equals(doc)) {
                rev = o.rev();
                String content = o.snapshot() == null ? "" : o.snapshot().textValue();
                length = content.codePointCount(0, content.length());
                live = true;
                next();
            } else if (m instanceof ServerMessage.Op o && live && o.doc().equals(doc)) {
                rev = o.rev();
                TextOperation op = TextType.INSTANCE.parse(o.op());
                length += (long) op.targetLength() - op.baseLength();
            } else if (m instanceof ServerMessage.Ack a && live && a.doc().equals(doc) && a.seq() == seq) {
                rev = a.rev();
                length += pendingDelta;
                inFlight = false;
                acked.accept(1);
                editsHere++;
                if (System.nanoTime() - lastCaretNanos >= CARET_EVERY_NANOS) {
                    sendCaret(); // as an editor does: at most 20 carets a second, far below the flood limit
                }
                if (churnEvery > 0 && editsHere >= churnEvery) {
                    send(new ClientMessage.Close(doc));
                    docIndex++;
                    open(documents.apply(docIndex));
                } else {
                    next();
                }
            } else if (m instanceof ServerMessage.Error e && e.doc() != null && e.doc().equals(doc)) {
                // Our idea of the length went wrong (a concurrent delete): start again from a snapshot.
                LOG.debug("warm-up {}: {} in {}; reopening", clientId, e.code(), doc);
                open(doc);
            } else if (m instanceof ServerMessage.Error e) {
                LOG.warn("warm-up {}: {} ({})", clientId, e.code(), e.message());
            }
        }
    }

    /** A typist's next edit, unless one is in flight or the warm-up is over. */
    private void next() {
        if (finished.getAsBoolean()) {
            stop();
            return;
        }
        if (role != Role.TYPIST || inFlight || !live) {
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

    private void moveCaret() {
        if (finished.getAsBoolean()) {
            stop();
            return;
        }
        if (live) {
            sendCaret();
        }
    }

    private void sendCaret() {
        lastCaretNanos = System.nanoTime();
        long at = length == 0 ? 0 : random.nextLong(length + 1);
        JsonNode sel = JsonNodeFactory.instance.arrayNode().add(at).add(at);
        send(new ClientMessage.Presence(doc, rev, sel, role == Role.TYPIST));
    }

    private void send(ClientMessage m) {
        if (ws != null && !ws.isClosed()) {
            ws.writeTextMessage(ClientCodec.encode(m));
        }
    }

    private void stop() {
        if (caretTimer >= 0) {
            vertx.cancelTimer(caretTimer);
            caretTimer = -1;
        }
        if (ws != null && !ws.isClosed()) {
            ws.close().onComplete(ar -> done.tryComplete());
        } else {
            done.tryComplete();
        }
    }
}
