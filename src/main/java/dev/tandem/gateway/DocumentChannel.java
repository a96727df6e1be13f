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
    private final MessageConsumer<RevisionRecord> revisions;
    private final MessageConsumer<PresenceUpdate> presence;
    private final Future<Void> ready;

    DocumentChannel(Vertx vertx, String docId) {
        this.docId = docId;
        this.revisions = vertx.eventBus().consumer(Addresses.revisions(docId), m -> onRevision(m.body()));
        this.presence = vertx.eventBus().consumer(Addresses.presence(docId), m -> onPresence(m.body()));
        this.ready = Future.all(revisions.completion(), presence.completion()).mapEmpty();
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
