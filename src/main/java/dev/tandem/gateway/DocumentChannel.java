package dev.tandem.gateway;

import dev.tandem.bus.Addresses;
import dev.tandem.bus.BusMessages.PresenceUpdate;
import dev.tandem.storage.RevisionRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One gateway instance's subscription to a document: receives its committed revisions and
 * presence once, encodes each message once, and hands it to every local session that has the
 * document open. Lives on the gateway instance's event loop, like its sessions.
 */
final class DocumentChannel {
    private final String docId;
    private final Set<ClientSession> sessions = new LinkedHashSet<>();
    private final Vertx vertx;
    private MessageConsumer<RevisionRecord> revisions;
    private MessageConsumer<PresenceUpdate> presence;
    private final Future<Void> ready;
    private long lastResubscribe;

    DocumentChannel(Vertx vertx, String docId) {
        this.vertx = vertx;
        this.docId = docId;
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
    }

    /** Removes a session; returns true if none is left. */
    boolean remove(ClientSession s) {
        sessions.remove(s);
        return sessions.isEmpty();
    }

    void close() {
        revisions.unregister();
        presence.unregister();
    }

    private void onRevision(RevisionRecord r) {
        String encoded = ServerMessages.op(r);
        for (ClientSession s : new ArrayList<>(sessions)) {
            s.deliverRevision(r, encoded);
        }
    }

    private void onPresence(PresenceUpdate u) {
        String encoded = u.left() ? ServerMessages.left(u.docId(), u.clientId()) : ServerMessages.presence(u);
        for (ClientSession s : new ArrayList<>(sessions)) {
            s.deliverPresence(u, encoded);
        }
    }
}
