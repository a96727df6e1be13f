package dev.tandem.gateway;

import dev.tandem.access.Principal;
import dev.tandem.access.PublicClientIds;
import dev.tandem.access.Role;
import dev.tandem.bus.Addresses;
import dev.tandem.bus.BusFailure;
import dev.tandem.bus.BusMessages.OpenReply;
import dev.tandem.bus.BusMessages.PresenceUpdate;
import dev.tandem.limits.RateLimits;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.DocumentTypes;
import dev.tandem.ot.Operation;
import dev.tandem.ot.OtException;
import dev.tandem.ot.sequencer.Submission;
import dev.tandem.protocol.ClientCodec;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Inbound;
import dev.tandem.protocol.TandemException;
import dev.tandem.protocol.User;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection speaking protocol v1 (docs/PROTOCOL.md): its identity, the documents it
 * has open, and what it asks of them. Frames are decoded by the protocol's {@link ClientCodec};
 * each open document's ordered stream is a {@link DocumentStream}, its own presence is paced by a
 * {@link PresencePacer}. All methods run on the gateway instance's event loop.
 */
final class ClientSession {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    /**
     * retryAfterMs of an UNAVAILABLE: the sequencer client has already retried for seconds, so
     * the storage or owner is away for a while; the client tries again soon, holding its edits.
     */
    private static final long UNAVAILABLE_RETRY_MS = 500;

    /** A document this session has open, and the session's role in it. */
    private record OpenDocument(DocumentStream stream, PresencePacer presence, Role role) {
    }

    /** How many times its per-user presence limit a connection may send in one second before it is a flood. */
    static final int PRESENCE_FLOOD_FACTOR = 4;

    private final Vertx vertx;
    private final GatewayContext ctx;
    private final Channels channels;
    private final Connection connection;
    private final Outbox outbox;
    private final String sessionId;
    private final Map<String, OpenDocument> docs = new HashMap<>();
    private final AuthorLog authors;
    /** The principal of a token given with the WebSocket handshake, or null. */
    private final Principal handshake;
    private Principal principal;
    /** The client's public id (see {@link PublicClientIds}): all the server ever uses or shows. */
    private String clientId;
    private String name;
    private String color;
    private boolean closed;
    private CloseCause closeCause;
    /** Messages received while the hello's token is being checked, handled once it is. */
    private ArrayDeque<Inbound> held;
    private long helloTimer = -1;
    private long expiryTimer = -1;
    private long floodSecond;
    private int messagesThisSecond;
    private int presenceThisSecond;
    /** Length of the frame being handled: an operation cannot be longer, so most need no measuring. */
    private int frameLength;

    ClientSession(Vertx vertx, GatewayContext ctx, Channels channels, Connection connection, Principal handshake) {
        this.vertx = vertx;
        this.ctx = ctx;
        this.channels = channels;
        this.connection = connection;
        this.handshake = handshake;
        this.sessionId = "s-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        GatewayOptions o = ctx.options();
        this.outbox = new Outbox(vertx, connection, o.batchMs(), o.maxQueuedBytes(), this::slowConsumer);
        this.authors = new AuthorLog(ctx.history());
        if (o.helloTimeoutMs() > 0) {
            helloTimer = vertx.setTimer(o.helloTimeoutMs(), id -> {
                helloTimer = -1;
                if (clientId == null && !closed) {
                    closeWithError(new TandemException(ErrorCode.HELLO_TIMEOUT, "no hello within "
                            + o.helloTimeoutMs() + " ms"), CloseCause.POLICY);
                }
            });
        }
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
        frameLength = text.length();
        for (Inbound in : ClientCodec.decodeFrame(text)) {
            if (closed) {
                return;
            }
            if (flooding()) {
                return;
            }
            if (held != null) {
                hold(in);
                continue;
            }
            dispatch(in);
        }
    }

    /** Counts a message against the connection's per-second budget; closes a flood. */
    private boolean flooding() {
        int limit = ctx.options().maxMessagesPerSecond();
        if (limit <= 0) {
            return false;
        }
        long second = System.currentTimeMillis() / 1000; // wall-clock seconds, as the rate limits count
        if (second != floodSecond) {
            floodSecond = second;
            messagesThisSecond = 0;
            presenceThisSecond = 0;
        }
        if (++messagesThisSecond > limit) {
            closeWithError(new TandemException(ErrorCode.MESSAGE_FLOOD, "more than " + limit
                    + " messages in one second"), CloseCause.POLICY);
            return true;
        }
        return false;
    }

    private void hold(Inbound in) {
        if (held.size() >= ClientCodec.MAX_BATCH) {
            closeWithError(new TandemException(ErrorCode.MESSAGE_FLOOD, "more than " + ClientCodec.MAX_BATCH
                    + " messages while the hello was being checked"), CloseCause.POLICY);
            return;
        }
        held.add(in);
    }

    private void dispatch(Inbound in) {
        if (in instanceof Inbound.Valid v) {
            handleSafely(v.message(), v.message() instanceof ClientMessage.Submit s ? s.seq() : null);
            return;
        }
        Inbound.Invalid bad = (Inbound.Invalid) in;
        if (clientId == null && bad.type() != null && !bad.type().equals("hello")) {
            sendError(helloRequired(), bad.doc(), bad.seq(), null);
            return;
        }
        if ("submit".equals(bad.type())) {
            ctx.metrics().opRejected(bad.error().code());
        }
        sendError(bad.error(), bad.doc(), bad.seq(), null);
    }

    private void handleSafely(ClientMessage m, Long seq) {
        try {
            handle(m);
        } catch (TandemException e) {
            if (m instanceof ClientMessage.Submit) {
                ctx.metrics().opRejected(e.code());
            }
            sendError(e, m.doc(), seq, null);
        } catch (RuntimeException e) {
            LOG.error("session {}: message failed", sessionId, e);
            if (m instanceof ClientMessage.Submit) {
                ctx.metrics().opRejected(ErrorCode.INTERNAL_ERROR);
            }
            sendError(new TandemException(ErrorCode.INTERNAL_ERROR, "internal error"), m.doc(), seq, null);
        }
    }

    private void handle(ClientMessage m) {
        if (m instanceof ClientMessage.Hello h) {
            hello(h);
            return;
        }
        if (clientId == null) {
            throw helloRequired();
        }
        if (!(m instanceof ClientMessage.Ping) && principal.expiredAt(System.currentTimeMillis())) {
            expired();
            return;
        }
        if (m instanceof ClientMessage.Open o) {
            open(o);
        } else if (m instanceof ClientMessage.Submit s) {
            submit(s);
        } else if (m instanceof ClientMessage.Presence p) {
            presence(p);
        } else if (m instanceof ClientMessage.Close c) {
            closeDocument(c.doc(), true);
        } else if (m instanceof ClientMessage.UserUpdate u) {
            user(u.user());
        } else if (m instanceof ClientMessage.Ping p) {
            outbox.addUrgent(ServerMessages.pong(p.t()));
        }
    }

    private static TandemException helloRequired() {
        return new TandemException(ErrorCode.HELLO_REQUIRED, "send hello first");
    }

    private void hello(ClientMessage.Hello h) {
        if (clientId != null || held != null) {
            throw new TandemException(ErrorCode.HELLO_REQUIRED, "hello was already received");
        }
        if (h.version() != 1) {
            sendError(new TandemException(ErrorCode.UNSUPPORTED_VERSION, "protocol version " + h.version()
                    + " is not supported; this server speaks 1"), null, null, null);
            outbox.flushNow();
            close(CloseCause.PROTOCOL);
            return;
        }
        held = new ArrayDeque<>(); // what follows waits for the token's check
        (h.token() == null && handshake != null ? io.vertx.core.Future.succeededFuture(handshake)
                : ctx.access().authenticate(h.token())).onComplete(ar -> {
                    if (closed) {
                        return;
                    }
                    if (ar.failed()) {
                        closeWithError(BusFailure.toTandem(ar.cause()), CloseCause.UNAUTHENTICATED);
                        return;
                    }
                    welcome(h, ar.result());
                    ArrayDeque<Inbound> waiting = held;
                    held = null;
                    frameLength = Integer.MAX_VALUE; // held messages came in frames of any size
                    while (!waiting.isEmpty() && !closed && held == null) {
                        dispatch(waiting.poll());
                    }
                    if (held != null) {
                        held.addAll(waiting); // a second hello: keep the order
                    }
                });
    }

    private void welcome(ClientMessage.Hello h, Principal p) {
        principal = p;
        if (helloTimer >= 0) {
            vertx.cancelTimer(helloTimer);
            helloTimer = -1;
        }
        if (p.expiresAtMillis() != Long.MAX_VALUE) {
            long delay = Math.max(1, Math.min(p.expiresAtMillis() - System.currentTimeMillis(), Integer.MAX_VALUE));
            expiryTimer = vertx.setTimer(delay, id -> expired());
        }
        setUser(h.user());
        clientId = PublicClientIds.of(p.scope(), h.clientId());
        outbox.addUrgent(ServerMessages.welcome(sessionId, ctx.nodeId(), ctx.options(), clientId, new User(name, color),
                p.open() ? "open" : "token"));
    }

    /** The token ran out: the session ends; the client asks its application for a new token and comes back. */
    private void expired() {
        if (!closed) {
            closeWithError(new TandemException(ErrorCode.TOKEN_EXPIRED, "the access token expired; connect again with a new one"),
                    CloseCause.UNAUTHENTICATED);
        }
    }

    /**
     * Takes what the person chose; what they left out keeps its value, or is picked for them. With
     * a token, the name is the token's (the others must see who really edits), and so is the
     * colour if the token has one.
     */
    private void setUser(User user) {
        if (principal != null && principal.name() != null) {
            name = principal.name();
        } else if (user != null && user.name() != null) {
            name = user.name();
        }
        if (principal != null && principal.color() != null) {
            color = principal.color();
        } else if (user != null && user.color() != null) {
            color = user.color();
        }
        if (user != null && user.color() != null) {
            color = user.color();
        }
        if (name == null) {
            name = "Guest " + ThreadLocalRandom.current().nextInt(1000, 9999);
        }
        if (color == null) {
            color = String.format("#%06x", ThreadLocalRandom.current().nextInt(0x1000000) & 0x7f7f7f);
        }
    }

    private void user(User user) {
        setUser(user);
        for (OpenDocument d : docs.values()) {
            PresenceUpdate p = d.presence().latest();
            if (p != null) {
                d.presence().sendNow(new PresenceUpdate(p.docId(), clientId, sessionId, name, color, p.rev(), p.sel(),
                        p.typing(), false, System.currentTimeMillis()));
            }
        }
    }

    private void open(ClientMessage.Open m) {
        String docId = m.doc();
        long knownRev = m.rev() == null ? -1 : m.rev();
        Role role = principal.roleFor(docId);
        if (role == null) {
            throw RestApi.forbidden(principal, docId, null, false);
        }
        if (m.docType() != null && ctx.types().find(m.docType()) == null) {
            throw new TandemException(ErrorCode.UNKNOWN_DOCUMENT_TYPE, "unknown document type \"" + m.docType()
                    + "\"; this server has " + typeNames());
        }
        // Only an editor creates; a viewer's create flag is ignored (and a missing document refused below).
        String createType = m.create() && role.canEdit() ? (m.docType() == null ? DocumentTypes.DEFAULT : m.docType()) : null;
        if (docs.containsKey(docId)) {
            closeDocument(docId, false); // reopening: start the document's stream afresh
        }
        if (docs.size() >= ctx.options().maxOpenDocuments()) {
            throw new TandemException(ErrorCode.TOO_MANY_DOCUMENTS, "at most " + ctx.options().maxOpenDocuments()
                    + " documents can be open on one connection");
        }
        DocumentChannel channel = channels.join(docId, this);
        DocumentStream st = new DocumentStream(docId, channel, clientId, outbox, vertx, ctx.sequencers(), streams);
        OpenDocument doc = new OpenDocument(st, new PresencePacer(vertx, ctx.limits(), limitKey(),
                () -> isCurrent(st), u -> publishPresence(u)), role);
        docs.put(docId, doc);
        channel.ready()
                .compose(v -> ctx.sequencers().open(docId, knownRev, createType, m.docType()))
                .compose(reply -> ctx.roster().list(docId).map(roster -> {
                    opened(doc, reply, roster);
                    return (Void) null;
                }))
                .onFailure(e -> {
                    if (isCurrent(st)) {
                        docs.remove(docId);
                        channels.leave(docId, this);
                    }
                    TandemException t = BusFailure.toTandem(e);
                    if (t.code() == ErrorCode.DOCUMENT_NOT_FOUND && m.create() && !role.canEdit()) {
                        t = new TandemException(ErrorCode.FORBIDDEN, docId + " does not exist, and a "
                                + role.wireName() + " may not create it");
                    }
                    sendError(t, docId, null, t.code() == ErrorCode.UNAVAILABLE ? UNAVAILABLE_RETRY_MS : null);
                });
    }

    /** Whose rate limits this session counts against: the user's with a token, the client's in open mode. */
    private String limitKey() {
        return principal.open() ? clientId : principal.scope();
    }

    private void opened(OpenDocument doc, OpenReply reply, List<PresenceUpdate> roster) {
        DocumentStream st = doc.stream();
        if (!isCurrent(st)) {
            return;
        }
        DocumentType<?> type = ctx.types().get(reply.docType());
        List<PresenceUpdate> others = new ArrayList<>();
        for (PresenceUpdate p : roster) {
            if (!p.sessionId().equals(sessionId) && p.rev() <= reply.rev()) {
                others.add(p);
            } else if (!p.sessionId().equals(sessionId)) {
                st.deferPresence(p);
            }
        }
        outbox.addUrgent(ServerMessages.opened(st.docId, type, reply.rev(), reply.snapshot(), reply.ops(), reply.reset(),
                ctx.sequencers().ownership().owner(st.docId), others, doc.role().wireName()));
        st.opened(type, reply.rev());
        // Announce ourselves so the others' participant lists show us before we move the caret.
        doc.presence().sendNow(new PresenceUpdate(st.docId, clientId, sessionId, name, color, st.lastRev(), null, false,
                false, System.currentTimeMillis()));
    }

    private void submit(ClientMessage.Submit m) {
        String docId = m.doc();
        long seq = m.seq();
        DocumentStream st = openStream(docId, "submitting to it");
        Role role = docs.get(docId).role();
        if (!role.canEdit()) {
            throw RestApi.forbidden(principal, docId, role, true);
        }
        if (m.op() != null && frameLength > ctx.options().maxOperationBytes()
                && m.op().toString().length() > ctx.options().maxOperationBytes()) {
            throw new TandemException(ErrorCode.OPERATION_TOO_LARGE, "the operation is longer than "
                    + ctx.options().maxOperationBytes() + " bytes");
        }
        Operation op = Operations.parse(ctx.types(), st.type(), m.op());
        long wait = ctx.limits().acquire(RateLimits.Kind.OPS, limitKey());
        if (wait > 0) {
            ctx.metrics().opRejected(ErrorCode.RATE_LIMITED);
            sendError(new TandemException(ErrorCode.RATE_LIMITED, "more than " + ctx.options().opsPerSecond()
                    + " operations per second"), docId, seq, wait);
            return;
        }
        long received = System.nanoTime();
        st.expectAck(seq);
        ctx.sequencers().submit(docId, new Submission(clientId, seq, m.base(), op)).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.metrics().opAccepted(System.nanoTime() - received);
                if (ar.result().duplicate()) {
                    st.duplicate(seq, ar.result().rev());
                } else {
                    authors.edited(docId, clientId, name, color, null); // null: the signed-in user, once tokens exist
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
                sendError(e, docId, seq, e.code() == ErrorCode.UNAVAILABLE ? UNAVAILABLE_RETRY_MS : null);
            }
        });
    }

    private void presence(ClientMessage.Presence m) {
        int perSecond = ctx.options().presencePerSecond();
        if (perSecond > 0 && ++presenceThisSecond > PRESENCE_FLOOD_FACTOR * perSecond) {
            closeWithError(new TandemException(ErrorCode.PRESENCE_FLOOD, "more than " + PRESENCE_FLOOD_FACTOR * perSecond
                    + " presence updates in one second"), CloseCause.POLICY);
            return;
        }
        String docId = m.doc();
        DocumentStream st = openStream(docId, "sending presence");
        String sel = null;
        if (m.sel() != null) {
            try {
                sel = st.type().checkSelection(m.sel());
            } catch (OtException e) {
                throw new TandemException(ErrorCode.MALFORMED_MESSAGE, "sel: " + e.getMessage());
            }
        }
        if (m.rev() > st.lastRev()) {
            throw new TandemException(ErrorCode.REVISION_IN_FUTURE, "presence at revision " + m.rev()
                    + " is after the revision this connection has seen, " + st.lastRev());
        }
        docs.get(docId).presence().offer(new PresenceUpdate(docId, clientId, sessionId, name, color, m.rev(), sel,
                m.typing(), false, System.currentTimeMillis()));
    }

    private DocumentStream openStream(String docId, String doing) {
        OpenDocument d = docs.get(docId);
        if (d == null || !d.stream().isOpened()) {
            throw new TandemException(ErrorCode.DOCUMENT_NOT_OPEN, "open " + docId + " before " + doing);
        }
        return d.stream();
    }

    private void publishPresence(PresenceUpdate update) {
        ctx.roster().update(update);
        vertx.eventBus().publish(Addresses.presence(update.docId()), update);
    }

    private String typeNames() {
        List<String> names = new ArrayList<>();
        for (DocumentType<?> t : ctx.types().all()) {
            names.add(t.name());
        }
        return names.toString();
    }

    // ---- outbound ---------------------------------------------------------------------------

    String clientId() {
        return clientId;
    }

    /** This session's stream of {@code docId}, or null (not open, or the session is closed). */
    DocumentStream stream(String docId) {
        OpenDocument d = docs.get(docId);
        return closed || d == null ? null : d.stream();
    }

    /** Runs {@code fill} (which hands the session messages) and sends what it queued as one frame now. */
    void deliverNow(Runnable fill) {
        if (!closed) {
            outbox.fillAndFlush(fill);
        }
    }

    /** Someone's presence in a document this session has open. */
    void deliverPresence(PresenceUpdate u, String encoded) {
        DocumentStream st = stream(u.docId());
        if (st == null || u.sessionId().equals(sessionId)) {
            return;
        }
        ctx.metrics().presenceRelayed(System.currentTimeMillis() - u.sentAtMillis());
        st.onPresence(u, encoded);
    }

    private boolean isCurrent(DocumentStream stream) {
        OpenDocument d = docs.get(stream.docId);
        return !closed && d != null && d.stream() == stream;
    }

    /** How the document streams reach back into the session. */
    private final DocumentStream.Owner streams = new DocumentStream.Owner() {
        @Override
        public boolean isCurrent(DocumentStream stream) {
            return ClientSession.this.isCurrent(stream);
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
        OpenDocument d = docs.remove(docId);
        if (d == null) {
            if (reply) {
                throw new TandemException(ErrorCode.DOCUMENT_NOT_OPEN, docId + " is not open");
            }
            return;
        }
        channels.leave(docId, this);
        authors.closed(docId);
        if (d.stream().isOpened()) {
            PresenceUpdate gone = new PresenceUpdate(docId, clientId, sessionId, name, color, d.stream().lastRev(), null,
                    false, true, System.currentTimeMillis());
            publishPresence(gone);
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
        if (helloTimer >= 0) {
            vertx.cancelTimer(helloTimer);
        }
        if (expiryTimer >= 0) {
            vertx.cancelTimer(expiryTimer);
        }
    }

    /** Tells the client why, then closes the connection. */
    void closeWithError(TandemException e, CloseCause cause) {
        if (closed) {
            return;
        }
        LOG.debug("session {} closed: {} {}", sessionId, e.code(), e.getMessage());
        sendError(e, null, null, null);
        close(cause);
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
