package dev.tandem.gateway;

import dev.tandem.bus.Addresses;
import dev.tandem.bus.BusFailure;
import dev.tandem.bus.BusMessages.OpenReply;
import dev.tandem.bus.BusMessages.PresenceUpdate;
import dev.tandem.limits.RateLimits;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.OtException;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import dev.tandem.ot.sequencer.Submission;
import dev.tandem.ot.sequencer.RevisionRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection speaking protocol v1 (docs/PROTOCOL.md): its identity, the documents it
 * has open, and the ordered stream of revisions and presence it must see.
 *
 * <p>Every document's revisions reach the client in order without gaps: revisions published
 * before the open reply are held back and those the reply already covers dropped; the client's
 * own committed edits come back as {@code ack}, everyone else's as {@code op}. All methods run
 * on the gateway instance's event loop.
 */
final class ClientSession {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final int MAX_BATCH = 1000;
    private static final int MAX_NAME = 64; // code points
    private static final long PRESENCE_INTERVAL_NANOS = 50_000_000L; // 20 per second
    /**
     * Presence may come this much early, as the cluster-wide limit counts per second too: a caret
     * moving 20 times a second with jitter is a random walk around the limit, and a smaller
     * allowance is soon used up and holds updates back.
     */
    private static final long PRESENCE_BURST_NANOS = 1_000_000_000L;

    private final Vertx vertx;
    private final GatewayContext ctx;
    private final Channels channels;
    private final Connection connection;
    private final Outbox outbox;
    private final String sessionId;
    private final Map<String, DocumentStream> docs = new HashMap<>();
    private String clientId;
    private String name;
    private String color;
    private boolean closed;
    private CloseCause closeCause;

    ClientSession(Vertx vertx, GatewayContext ctx, Channels channels, Connection connection) {
        this.vertx = vertx;
        this.ctx = ctx;
        this.channels = channels;
        this.connection = connection;
        this.sessionId = "s-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        GatewayOptions o = ctx.options();
        this.outbox = new Outbox(vertx, connection, o.batchMs(), o.maxQueuedBytes(), this::slowConsumer);
    }

    String sessionId() {
        return sessionId;
    }

    // ---- inbound ----------------------------------------------------------------------------

    void onText(String text) {
        if (closed) {
            return;
        }
        if (longerThan(text, ctx.options().maxMessageBytes())) {
            sendError(new TandemException(ErrorCode.MESSAGE_TOO_LARGE, "message larger than "
                    + ctx.options().maxMessageBytes() + " bytes was dropped"), null, null, null);
            return;
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(text);
        } catch (DecodeException e) {
            sendError(Fields.malformed("not JSON: " + e.getMessage()), null, null, null);
            return;
        }
        if (parsed instanceof JsonObject m) {
            handleSafely(m);
        } else if (parsed instanceof JsonArray batch && batch.size() <= MAX_BATCH) {
            for (Object o : batch) {
                if (o instanceof JsonObject m) {
                    handleSafely(m);
                } else {
                    sendError(Fields.malformed("a batch holds message objects only"), null, null, null);
                }
            }
        } else {
            sendError(Fields.malformed("a frame is a message object or an array of at most " + MAX_BATCH),
                    null, null, null);
        }
    }

    private void handleSafely(JsonObject m) {
        String doc = m.getValue("doc") instanceof String s ? s : null;
        Long seq = m.getValue("seq") instanceof Number n ? n.longValue() : null;
        try {
            handle(m);
        } catch (TandemException e) {
            rejectedIfSubmit(m, e.code());
            sendError(e, doc, seq, null);
        } catch (RuntimeException e) {
            LOG.error("session {}: message failed", sessionId, e);
            rejectedIfSubmit(m, ErrorCode.INTERNAL_ERROR);
            sendError(new TandemException(ErrorCode.INTERNAL_ERROR, "internal error"), doc, seq, null);
        }
    }

    /** A submit refused before it reached the sequencer (invalid, document not open) still counts as a rejected op. */
    private void rejectedIfSubmit(JsonObject m, ErrorCode code) {
        if ("submit".equals(m.getValue("type"))) {
            ctx.metrics().opRejected(code);
        }
    }

    private void handle(JsonObject m) {
        Object type = m.getValue("type");
        if (!(type instanceof String t)) {
            throw Fields.malformed("field \"type\" must be a string");
        }
        if (t.equals("hello")) {
            hello(m);
            return;
        }
        if (clientId == null) {
            throw new TandemException(ErrorCode.HELLO_REQUIRED, "send hello first");
        }
        switch (t) {
            case "open" -> open(m);
            case "submit" -> submit(m);
            case "presence" -> presence(m);
            case "close" -> closeDocument(Fields.docId(m), true);
            case "user" -> user(m);
            case "ping" -> outbox.addUrgent(ServerMessages.pong(m.getValue("t")));
            default -> throw new TandemException(ErrorCode.UNKNOWN_MESSAGE_TYPE, "unknown message type " + t);
        }
    }

    private void hello(JsonObject m) {
        if (clientId != null) {
            throw new TandemException(ErrorCode.HELLO_REQUIRED, "hello was already received");
        }
        long v = Fields.requiredLong(m, "v", 0);
        if (v != 1) {
            sendError(new TandemException(ErrorCode.UNSUPPORTED_VERSION, "protocol version " + v
                    + " is not supported; this server speaks 1"), null, null, null);
            outbox.flushNow();
            close(CloseCause.PROTOCOL);
            return;
        }
        Object id = m.getValue("clientId");
        if (!(id instanceof String s) || !Fields.CLIENT_ID.matcher(s).matches()) {
            throw Fields.malformed("clientId must be 8 to 64 characters of A-Z a-z 0-9 _ -");
        }
        readUser(m.getValue("user"));
        clientId = s;
        outbox.addUrgent(ServerMessages.welcome(sessionId, ctx.nodeId(), ctx.options()));
    }

    private void readUser(Object value) {
        String newName = name;
        String newColor = color;
        if (value instanceof JsonObject user) {
            Object n = user.getValue("name");
            if (n instanceof String s && !s.isBlank()) {
                if (s.length() > MAX_NAME && s.codePointCount(0, s.length()) > MAX_NAME) {
                    throw Fields.malformed("user.name must be at most " + MAX_NAME + " characters");
                }
                newName = s;
            } else if (n != null) {
                throw Fields.malformed("user.name must be a string");
            }
            Object c = user.getValue("color");
            if (c instanceof String s && Fields.COLOR.matcher(s).matches()) {
                newColor = s;
            } else if (c != null) {
                throw Fields.malformed("user.color must be #rrggbb");
            }
        } else if (value != null) {
            throw Fields.malformed("user must be an object");
        }
        name = newName != null ? newName : "Guest " + Integer.toString(ThreadLocalRandom.current().nextInt(1000, 9999));
        color = newColor != null ? newColor : String.format("#%06x", ThreadLocalRandom.current().nextInt(0x1000000) & 0x7f7f7f);
    }

    private void user(JsonObject m) {
        readUser(m.getValue("user"));
        for (DocumentStream st : docs.values()) {
            if (st.myPresence != null) {
                PresenceUpdate p = st.myPresence;
                publishPresence(st, new PresenceUpdate(p.docId(), clientId, sessionId, name, color, p.rev(), p.anchor(),
                        p.head(), p.typing(), false, System.currentTimeMillis()));
            }
        }
    }

    private void open(JsonObject m) {
        String docId = Fields.docId(m);
        long knownRev = Fields.optionalLong(m, "rev", 0, -1);
        boolean create = Fields.optionalBoolean(m, "create");
        if (docs.containsKey(docId)) {
            closeDocument(docId, false); // reopening: start the document's stream afresh
        }
        if (docs.size() >= ctx.options().maxOpenDocuments()) {
            throw new TandemException(ErrorCode.TOO_MANY_DOCUMENTS, "at most " + ctx.options().maxOpenDocuments()
                    + " documents can be open on one connection");
        }
        DocumentChannel channel = channels.join(docId, this);
        DocumentStream st = new DocumentStream(docId, channel, clientId, outbox, vertx, ctx.sequencers(), streams);
        docs.put(docId, st);
        channel.ready()
                .compose(v -> ctx.sequencers().open(docId, knownRev, create))
                .compose(reply -> ctx.roster().list(docId).map(roster -> {
                    opened(st, reply, roster);
                    return (Void) null;
                }))
                .onFailure(e -> {
                    if (docs.get(docId) == st) {
                        docs.remove(docId);
                        channels.leave(docId, this);
                    }
                    sendError(BusFailure.toTandem(e), docId, null, null);
                });
    }

    private void opened(DocumentStream st, OpenReply reply, List<PresenceUpdate> roster) {
        if (closed || docs.get(st.docId) != st) {
            return;
        }
        List<PresenceUpdate> others = new ArrayList<>();
        for (PresenceUpdate p : roster) {
            if (!p.sessionId().equals(sessionId) && p.rev() <= reply.rev()) {
                others.add(p);
            } else if (!p.sessionId().equals(sessionId)) {
                st.deferPresence(p);
            }
        }
        outbox.addUrgent(ServerMessages.opened(st.docId, reply.rev(), reply.snapshot(), reply.ops(), reply.reset(),
                ctx.sequencers().ownership().owner(st.docId), others));
        st.opened(reply.rev());
        // Announce ourselves so the others' participant lists show us before we move the caret.
        st.myPresence = new PresenceUpdate(st.docId, clientId, sessionId, name, color, st.lastRev(), -1, -1, false,
                false, System.currentTimeMillis());
        publishPresence(st, st.myPresence);
    }

    private void submit(JsonObject m) {
        String docId = Fields.docId(m);
        long seq = Fields.requiredLong(m, "seq", 1);
        long base = Fields.requiredLong(m, "base", 0);
        DocumentStream st = docs.get(docId);
        if (st == null || !st.isOpened()) {
            throw new TandemException(ErrorCode.DOCUMENT_NOT_OPEN, "open " + docId + " before submitting to it");
        }
        Object rawOp = m.getValue("op");
        if (!(rawOp instanceof JsonArray array)) {
            throw new TandemException(ErrorCode.INVALID_OPERATION, "field \"op\" must be an array", "MALFORMED_OPERATION");
        }
        TextOperation op;
        try {
            op = OperationJson.fromList(array.getList());
        } catch (OtException e) {
            throw new TandemException(ErrorCode.INVALID_OPERATION, e.getMessage(), e.code().name());
        }
        long wait = ctx.limits().acquire(RateLimits.Kind.OPS, clientId);
        if (wait > 0) {
            ctx.metrics().opRejected(ErrorCode.RATE_LIMITED);
            sendError(new TandemException(ErrorCode.RATE_LIMITED, "more than " + ctx.options().opsPerSecond()
                    + " operations per second"), docId, seq, wait);
            return;
        }
        long received = System.nanoTime();
        st.expectAck(seq);
        ctx.sequencers().submit(docId, new Submission(clientId, seq, base, op)).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.metrics().opAccepted(System.nanoTime() - received);
                if (ar.result().duplicate()) {
                    st.duplicate(seq, ar.result().rev());
                }
                st.committed(ar.result().rev());
                // A fresh revision is acked when it arrives on the document's stream, in order.
            } else {
                if (!st.forget(seq)) {
                    // Already acknowledged on the document's stream: this failure is a retry's
                    // (the first attempt timed out but committed; by the time the retry arrived
                    // the client's next edit was in, so it reads as STALE_SEQUENCE). The client
                    // has its answer; an error now would make it resync and drop its newer edits.
                    return;
                }
                TandemException e = BusFailure.toTandem(ar.cause());
                ctx.metrics().opRejected(e.code());
                sendError(e, docId, seq, e.code() == ErrorCode.UNAVAILABLE ? 500L : null);
            }
        });
    }

    private void presence(JsonObject m) {
        String docId = Fields.docId(m);
        DocumentStream st = docs.get(docId);
        if (st == null || !st.isOpened()) {
            throw new TandemException(ErrorCode.DOCUMENT_NOT_OPEN, "open " + docId + " before sending presence");
        }
        long rev = Fields.requiredLong(m, "rev", 0);
        int anchor = -1;
        int head = -1;
        Object sel = m.getValue("sel");
        if (sel instanceof JsonArray a && a.size() == 2 && a.getValue(0) instanceof Integer x
                && a.getValue(1) instanceof Integer y && x >= 0 && y >= 0
                && x <= ctx.options().maxDocumentLength() && y <= ctx.options().maxDocumentLength()) {
            anchor = x;
            head = y;
        } else if (sel != null) {
            throw Fields.malformed("sel must be null or [anchor, head] with non-negative integers");
        }
        if (rev > st.lastRev()) {
            throw new TandemException(ErrorCode.REVISION_IN_FUTURE, "presence at revision " + rev
                    + " is after the revision this connection has seen, " + st.lastRev());
        }
        st.myPresence = new PresenceUpdate(docId, clientId, sessionId, name, color, rev, anchor, head,
                Fields.optionalBoolean(m, "typing"), false, System.currentTimeMillis());
        sendPresenceWhenAllowed(st);
    }

    /**
     * Presence faster than 20/s per connection, or than the user's cluster-wide limit, is not
     * refused: only the latest state is kept and sent when allowed. The per-connection limit is
     * on the average rate (a small burst passes at once), not on the spacing of two updates: a
     * client at 20/s with jittered spacing would otherwise see half its updates held for up to
     * one interval, and the cascade of holds adds tens of milliseconds of latency.
     */
    private void sendPresenceWhenAllowed(DocumentStream st) {
        if (st.presenceTimer) {
            return;
        }
        long now = System.nanoTime();
        long delayMs = 0;
        long early = st.presenceDue - PRESENCE_BURST_NANOS - now;
        if (early > 0) {
            delayMs = Math.max(1, (early + 999_999) / 1_000_000L);
        } else {
            delayMs = ctx.limits().acquire(RateLimits.Kind.PRESENCE, clientId);
        }
        if (delayMs == 0) {
            publishPresence(st, st.myPresence);
            return;
        }
        st.presenceTimer = true;
        vertx.setTimer(delayMs, id -> {
            st.presenceTimer = false;
            if (docs.get(st.docId) == st && st.myPresence != null) {
                sendPresenceWhenAllowed(st);
            }
        });
    }

    private void publishPresence(DocumentStream st, PresenceUpdate update) {
        st.presenceDue = Math.max(st.presenceDue, System.nanoTime()) + PRESENCE_INTERVAL_NANOS;
        ctx.roster().update(update);
        vertx.eventBus().publish(Addresses.presence(st.docId), update);
    }

    // ---- outbound ---------------------------------------------------------------------------

    String clientId() {
        return clientId;
    }

    /** This session's stream of {@code docId}, or null (not open, or the session is closed). */
    DocumentStream stream(String docId) {
        return closed ? null : docs.get(docId);
    }

    /** Runs {@code fill} (which hands the session messages) and sends what it queued as one frame now. */
    void deliverNow(Runnable fill) {
        if (!closed) {
            outbox.fillAndFlush(fill);
        }
    }

    /** Someone's presence in a document this session has open. */
    void deliverPresence(PresenceUpdate u, String encoded) {
        DocumentStream st = docs.get(u.docId());
        if (st == null || closed || u.sessionId().equals(sessionId)) {
            return;
        }
        ctx.metrics().presenceRelayed(System.currentTimeMillis() - u.sentAtMillis());
        st.onPresence(u, encoded);
    }

    /** How the document streams reach back into the session. */
    private final DocumentStream.Owner streams = new DocumentStream.Owner() {
        @Override
        public boolean isCurrent(DocumentStream stream) {
            return !closed && docs.get(stream.docId) == stream;
        }

        @Override
        public void lost(DocumentStream stream) {
            closeDocument(stream.docId, false);
            sendError(new TandemException(ErrorCode.UNAVAILABLE, "revisions were lost in transit; reopen"),
                    stream.docId, null, null);
        }
    };

    // ---- closing ----------------------------------------------------------------------------

    private void closeDocument(String docId, boolean reply) {
        DocumentStream st = docs.remove(docId);
        if (st == null) {
            if (reply) {
                throw new TandemException(ErrorCode.DOCUMENT_NOT_OPEN, docId + " is not open");
            }
            return;
        }
        channels.leave(docId, this);
        if (st.isOpened()) {
            PresenceUpdate gone = new PresenceUpdate(docId, clientId, sessionId, name, color, st.lastRev(), -1, -1, false,
                    true, System.currentTimeMillis());
            ctx.roster().update(gone);
            vertx.eventBus().publish(Addresses.presence(docId), gone);
        }
        if (reply) {
            outbox.addUrgent(ServerMessages.closed(docId));
        }
    }

    /** The connection is gone: leave every document. */
    void onClosed() {
        if (closed) {
            return;
        }
        for (String docId : new ArrayList<>(docs.keySet())) {
            closeDocument(docId, false);
        }
        closed = true;
        outbox.close();
    }

    /** Closes the connection from the server side. */
    void close(CloseCause cause) {
        closeCause = cause;
        outbox.flushNow();
        onClosed();
        connection.close(cause.wsCode(), cause.reason());
    }

    /** Why the server closed this connection; null if it did not (the client or the network did). */
    CloseCause closeCause() {
        return closeCause;
    }

    private void slowConsumer() {
        LOG.info("session {} ({}) is not reading; dropping it", sessionId, clientId);
        closeCause = CloseCause.SLOW_CONSUMER;
        connection.send("[" + ServerMessages.error(new TandemException(ErrorCode.SLOW_CONSUMER,
                "the client did not read its messages fast enough"), null, null, null) + "]");
        onClosed();
        connection.close(CloseCause.SLOW_CONSUMER.wsCode(), CloseCause.SLOW_CONSUMER.reason());
    }

    private void sendError(TandemException e, String doc, Long seq, Long retryAfterMs) {
        outbox.addUrgent(ServerMessages.error(e, doc, seq, retryAfterMs));
    }

    /** Whether the UTF-8 encoding of {@code s} is longer than {@code limit}, without encoding short strings. */
    private static boolean longerThan(String s, int limit) {
        if ((long) s.length() * 3 <= limit) {
            return false;
        }
        return s.length() > limit || s.getBytes(StandardCharsets.UTF_8).length > limit;
    }
}
