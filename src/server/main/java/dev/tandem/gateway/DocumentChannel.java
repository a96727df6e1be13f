package dev.tandem.gateway;

import dev.tandem.bus.Addresses;
import dev.tandem.bus.BusMessages.PresenceUpdate;
import dev.tandem.ot.sequencer.RevisionRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One gateway instance's subscription to a document: receives its committed revisions and
 * presence once, encodes each message once, and hands it to every local session that has the
 * document open. Lives on the gateway instance's event loop, like its sessions.
 *
 * <p>Revisions go out on the channel's tick (sparse traffic at the end of the current
 * event-loop turn, under load at most one tick per {@code batchMs}). Each tick's revisions are
 * joined into one frame, built once and written as it is to every session that is exactly at
 * the tick's first revision and authored none of them: in a crowded document that is nearly
 * every session, so a tick costs one encoding plus one socket write per recipient. The others
 * (behind, out of order, opening, or the author of one of the revisions) take them one by one
 * through their stream. An author waiting for the ack of its edit gets it, with everything
 * before it, the moment the revision arrives, not on the tick.
 *
 * <p>A crowd still costs a frame per person per tick, and its edits arrive on nearly every
 * tick: n people typing make n * 1000 / batchMs frames a second. Past {@link Channels#CROWD}
 * sessions the tick stretches in proportion to them, up to {@code crowdBatchMs}, so the frames
 * per second level off (at 500 people and the defaults: 20 ms, 25,000 frames a second instead
 * of 100,000). A crowd's edits then reach each other up to 20 ms later, well inside what people
 * notice; small documents keep the short tick.
 */
final class DocumentChannel {
    private final String docId;
    private final Set<ClientSession> sessions = new LinkedHashSet<>();
    private final Map<String, ClientSession> byClient = new HashMap<>();
    private final Vertx vertx;
    private final long batchNanos;
    private final long crowdBatchNanos;
    private final GatewayMetrics metrics;
    private final ArrayList<RevisionRecord> tick = new ArrayList<>();
    private final ArrayList<String> tickEncoded = new ArrayList<>();
    private final Set<String> tickAuthors = new HashSet<>();
    private boolean tickContiguous = true;
    private boolean scheduled;
    private long lastTick;
    private MessageConsumer<RevisionRecord> revisions;
    private MessageConsumer<PresenceUpdate> presence;
    private final Future<Void> ready;
    private long lastResubscribe;

    DocumentChannel(Vertx vertx, String docId, int batchMs, int crowdBatchMs, GatewayMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.docId = docId;
        this.batchNanos = batchMs * 1_000_000L;
        this.crowdBatchNanos = Math.max(batchMs, crowdBatchMs) * 1_000_000L;
        this.lastTick = System.nanoTime() - batchNanos;
        subscribe();
        this.ready = Future.all(revisions.completion(), presence.completion()).mapEmpty();
    }

    private void subscribe() {
        revisions = vertx.eventBus().consumer(Addresses.revisions(docId), m -> onRevision(m.body()));
        presence = vertx.eventBus().consumer(Addresses.presence(docId), m -> onPresence(m.body()));
    }

    /**
     * Registers the subscriptions again. A cluster that lost members in quick succession can lose
     * the record of a subscription (its entry and backup were on the dead members); the stream
     * notices missing revisions and calls this. At most once a second.
     */
    void resubscribe() {
        long now = System.nanoTime();
        if (now - lastResubscribe < 1_000_000_000L) {
            return;
        }
        lastResubscribe = now;
        MessageConsumer<RevisionRecord> oldRevisions = revisions;
        MessageConsumer<PresenceUpdate> oldPresence = presence;
        subscribe();
        oldRevisions.unregister();
        oldPresence.unregister();
    }

    /** Completes once both subscriptions are registered (cluster-wide, in a cluster). */
    Future<Void> ready() {
        return ready;
    }

    String docId() {
        return docId;
    }

    void add(ClientSession s) {
        sessions.add(s);
        if (s.clientId() != null) {
            byClient.put(s.clientId(), s); // a reconnect's new session replaces the old one here
        }
    }

    /** Removes a session; returns true if none is left. */
    boolean remove(ClientSession s) {
        sessions.remove(s);
        if (s.clientId() != null) {
            byClient.remove(s.clientId(), s);
        }
        return sessions.isEmpty();
    }

    void close() {
        revisions.unregister();
        presence.unregister();
    }

    private void onRevision(RevisionRecord r) {
        String encoded = ServerMessages.op(r);
        if (!tick.isEmpty() && r.rev() != tick.get(tick.size() - 1).rev() + 1) {
            tickContiguous = false;
        }
        tick.add(r);
        tickEncoded.add(encoded);
        tickAuthors.add(r.clientId());
        ClientSession author = byClient.get(r.clientId());
        DocumentStream st = author == null ? null : author.stream(docId);
        if (st != null && st.awaits(r.seq())) {
            author.deliverNow(() -> feed(st));
        }
        schedule();
    }

    private void schedule() {
        if (scheduled) {
            return;
        }
        scheduled = true;
        long wait = lastTick + tickNanos() - System.nanoTime();
        if (wait <= 0) {
            vertx.runOnContext(v -> flushTick());
        } else {
            vertx.setTimer(Math.max(1, wait / 1_000_000L), id -> flushTick());
        }
    }

    /** The tick: {@code batchMs}, stretched in proportion to a crowd's size up to {@code crowdBatchMs}. */
    long tickNanos() {
        return tickNanos(sessions.size(), batchNanos, crowdBatchNanos);
    }

    static long tickNanos(int sessions, long batchNanos, long crowdBatchNanos) {
        if (sessions <= Channels.CROWD) {
            return batchNanos;
        }
        return Math.max(batchNanos, Math.min(crowdBatchNanos, batchNanos * sessions / Channels.CROWD));
    }

    /** Hands the tick's revisions to one stream one by one (it skips those it has). */
    private void feed(DocumentStream st) {
        for (int i = 0; i < tick.size(); i++) {
            st.onRevision(tick.get(i), tickEncoded.get(i));
        }
    }

    private void flushTick() {
        scheduled = false;
        if (tick.isEmpty()) {
            return;
        }
        lastTick = System.nanoTime();
        long first = tick.get(0).rev();
        long last = tick.get(tick.size() - 1).rev();
        String body = null;
        String frame = null;
        int shared = 0;
        int separate = 0;
        for (ClientSession s : sessions.toArray(new ClientSession[0])) {
            DocumentStream st = s.stream(docId);
            if (st == null) {
                continue;
            }
            if (tickContiguous && st.canTakeShared(first, tickAuthors)) {
                shared++;
                if (body == null) {
                    body = String.join(",", tickEncoded);
                    frame = "[" + body + "]";
                }
                String b = body;
                String f = frame;
                s.deliverNow(() -> st.takeShared(last, b, f));
            } else {
                separate++;
                s.deliverNow(() -> feed(st));
            }
        }
        metrics.tickDelivered(shared, separate);
        tick.clear();
        tickEncoded.clear();
        tickAuthors.clear();
        tickContiguous = true;
    }

    private void onPresence(PresenceUpdate u) {
        String encoded = u.left() ? ServerMessages.left(u.docId(), u.clientId()) : ServerMessages.presence(u);
        for (ClientSession s : new ArrayList<>(sessions)) {
            s.deliverPresence(u, encoded);
        }
    }
}
