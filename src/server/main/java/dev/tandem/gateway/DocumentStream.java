package dev.tandem.gateway;

import dev.tandem.bus.BusMessages.PresenceUpdate;
import dev.tandem.ot.DocumentType;
import dev.tandem.sequencer.SequencerClient;
import dev.tandem.ot.sequencer.RevisionRecord;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One document as one connection sees it: its revisions in order and without gaps, the client's
 * own revisions turned into acks, and the others' presence held back until the client has the
 * revision it refers to. Lives on the session's event loop.
 *
 * <pre>
 *   published revisions ──► early (before the open reply) ──► in order ──► op / ack ──► outbox
 *                            ahead (out of order) ─┘   gap not filled in 250 ms: read it, or reopen
 * </pre>
 */
final class DocumentStream {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentStream.class);
    private static final long GAP_GRACE_MS = 250;

    /** The session that owns the stream. */
    interface Owner {
        /** Whether the stream is still the session's stream of its document. */
        boolean isCurrent(DocumentStream stream);

        /** Missing revisions could not be found: the client must reopen the document. */
        void lost(DocumentStream stream);
    }

    final String docId;
    final DocumentChannel channel;
    private final String clientId;
    private final Outbox outbox;
    private final Vertx vertx;
    private final SequencerClient sequencers;
    private final Owner owner;

    private boolean opened;
    private DocumentType<?> type;
    private long lastRev;
    private long knownHead; // the highest revision the sequencer told us exists
    private boolean repairing;
    private final List<RevisionRecord> early = new ArrayList<>();
    private final TreeMap<Long, RevisionRecord> ahead = new TreeMap<>();
    private final Set<Long> inFlight = new HashSet<>();
    private final Map<String, PresenceUpdate> deferredPresence = new LinkedHashMap<>();

    DocumentStream(String docId, DocumentChannel channel, String clientId, Outbox outbox, Vertx vertx,
            SequencerClient sequencers, Owner owner) {
        this.docId = docId;
        this.channel = channel;
        this.clientId = clientId;
        this.outbox = outbox;
        this.vertx = vertx;
        this.sequencers = sequencers;
        this.owner = owner;
    }

    boolean isOpened() {
        return opened;
    }

    long lastRev() {
        return lastRev;
    }

    /** The document's type, once opened. */
    DocumentType<?> type() {
        return type;
    }

    /** The open reply reached the client at {@code rev}: replay what was published meanwhile. */
    void opened(DocumentType<?> type, long rev) {
        this.type = type;
        lastRev = rev;
        opened = true;
        for (RevisionRecord r : early) {
            onRevision(r, ServerMessages.op(r));
        }
        early.clear();
    }

    /** The client submitted {@code seq}: its revision, when it comes, is acked rather than sent. */
    void expectAck(long seq) {
        inFlight.add(seq);
    }

    /**
     * The sequencer committed revision {@code rev} (an answer to a submission). Its broadcast
     * should arrive on the stream any moment; if it does not (a message lost with a dying node,
     * or a subscription the cluster forgot), the stream reads it instead of waiting forever.
     */
    void committed(long rev) {
        if (rev > knownHead) {
            knownHead = rev;
        }
        if (opened && knownHead > lastRev) {
            repairGapLater();
        }
    }

    /** The submission was refused; returns whether it was still waiting (not yet acked on the stream). */
    boolean forget(long seq) {
        return inFlight.remove(seq);
    }

    /**
     * A resubmission of an edit committed before as {@code rev}. If the client has {@code rev}
     * (it came with the open reply), ack it now. If not, the revision is still on its way: the
     * seq stays awaited so that the revision becomes the ack when it arrives, rather than going
     * to its own author as an {@code op}.
     */
    void duplicate(long seq, long rev) {
        if (opened && lastRev >= rev && inFlight.remove(seq)) {
            outbox.addUrgent(ServerMessages.ack(docId, seq, rev));
        }
    }

    /** Whether the client's submission {@code seq} waits for its revision on this stream. */
    boolean awaits(long seq) {
        return inFlight.contains(seq);
    }

    /**
     * Whether the stream can take a tick's revisions {@code first..} as the channel's shared
     * frame: it is at {@code first - 1} with nothing held back, and none of them is the client's
     * own (those become acks).
     */
    boolean canTakeShared(long first, Set<String> authors) {
        return opened && lastRev == first - 1 && ahead.isEmpty() && !authors.contains(clientId);
    }

    /** Takes revisions up to {@code last} as the shared {@code body} (see {@link #canTakeShared}). */
    void takeShared(long last, String body, String frame) {
        outbox.addShared(body, frame);
        lastRev = last;
        advanced();
    }

    /** A committed revision of the document. */
    void onRevision(RevisionRecord r, String encodedOp) {
        if (!opened) {
            early.add(r);
            return;
        }
        if (r.rev() <= lastRev) {
            return; // the open reply already covered it
        }
        if (r.rev() != lastRev + 1) {
            // Out of order: after an owner change the old and new owner's messages travel on
            // different connections. Hold it; if the gap does not fill, fetch what is missing.
            ahead.put(r.rev(), r);
            repairGapLater();
            return;
        }
        deliverInOrder(r, encodedOp);
        RevisionRecord next;
        while ((next = ahead.remove(lastRev + 1)) != null) {
            deliverInOrder(next, ServerMessages.op(next));
        }
        ahead.headMap(lastRev + 1).clear();
    }

    private void deliverInOrder(RevisionRecord r, String encodedOp) {
        lastRev = r.rev();
        if (r.clientId().equals(clientId) && inFlight.remove(r.seq())) {
            outbox.addUrgent(ServerMessages.ack(type, r));
        } else {
            outbox.add(encodedOp);
        }
        advanced();
    }

    /** The client now has {@code lastRev}: presence that waited for it can go. */
    private void advanced() {
        if (!deferredPresence.isEmpty()) {
            for (var it = deferredPresence.values().iterator(); it.hasNext();) {
                PresenceUpdate p = it.next();
                if (p.rev() <= lastRev) {
                    it.remove();
                    outbox.addCoalesced(presenceKey(p), ServerMessages.presence(p));
                }
            }
        }
    }

    private void repairGapLater() {
        if (repairing) {
            return;
        }
        repairing = true;
        vertx.setTimer(GAP_GRACE_MS, id -> {
            if (!owner.isCurrent(this) || (ahead.isEmpty() && knownHead <= lastRev)) {
                repairing = false;
                return;
            }
            // Revisions that should have arrived did not: the subscription may be broken, so
            // renew it (harmless if it was fine) before reading what is missing.
            LOG.info("{}: revisions after {} did not arrive; reading them and renewing the subscription", docId, lastRev);
            channel.resubscribe();
            long from = lastRev;
            sequencers.open(docId, from).onComplete(ar -> {
                repairing = false;
                if (!owner.isCurrent(this)) {
                    return;
                }
                if (ar.failed() || ar.result().ops() == null) {
                    LOG.warn("could not fill the gap after revision {} of {}", from, docId);
                    owner.lost(this);
                    return;
                }
                for (RevisionRecord r : ar.result().ops()) {
                    onRevision(r, ServerMessages.op(r));
                }
                if (!ahead.isEmpty() || knownHead > lastRev) {
                    repairGapLater();
                }
            });
        });
    }

    /** Someone else's presence (never this session's own). */
    void onPresence(PresenceUpdate u, String encoded) {
        if (u.left()) {
            deferredPresence.remove(u.clientId());
            if (opened) {
                outbox.addCoalesced(presenceKey(u), encoded);
            }
        } else if (!opened || u.rev() > lastRev) {
            // Its positions refer to a revision this client has not received yet: hold it until then.
            deferredPresence.put(u.clientId(), u);
        } else {
            outbox.addCoalesced(presenceKey(u), encoded);
        }
    }

    /** A roster entry at a revision the client does not have yet: shown once it does. */
    void deferPresence(PresenceUpdate p) {
        deferredPresence.put(p.clientId(), p);
    }

    private static String presenceKey(PresenceUpdate u) {
        return u.docId() + '\u0000' + u.clientId();
    }
}
