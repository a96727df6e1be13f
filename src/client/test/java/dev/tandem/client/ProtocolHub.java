package dev.tandem.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tandem.ot.Operation;
import dev.tandem.ot.OtException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.DocumentTypes;
import dev.tandem.ot.types.StandardTypes;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.User;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.ot.sequencer.Outcome;
import dev.tandem.ot.sequencer.Sequencer;
import dev.tandem.ot.sequencer.SequencerLimits;
import dev.tandem.ot.sequencer.Submission;
import dev.tandem.ot.sequencer.LoadedDocument;
import dev.tandem.ot.sequencer.RevisionRecord;
import dev.tandem.ot.sequencer.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The server side of PROTOCOL.md in memory for the client's tests, with the real
 * {@link Sequencer} doing the OT for every standard document type: one per document, its full
 * history kept as the "storage" the sequencer asks for when a base or a catch-up is older than
 * its window. Synchronous: every answer goes to the session sinks before {@link #receive}
 * returns. Not thread-safe.
 */
public final class ProtocolHub {
    private static final DocumentTypes TYPES = StandardTypes.registry();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SequencerLimits limits;
    private final Map<String, Doc> docs = new HashMap<>();
    private int sessions;

    public ProtocolHub(SequencerLimits limits) {
        this.limits = limits;
    }

    /** One connection; {@code sink} receives what the server sends it. */
    public final class Session {
        final String id = "s-" + (++sessions);
        final Consumer<ServerMessage> sink;
        final Set<String> open = new LinkedHashSet<>();
        String clientId;
        User user = User.ANONYMOUS;
        boolean gone;

        Session(Consumer<ServerMessage> sink) {
            this.sink = sink;
        }

        void send(ServerMessage m) {
            if (!gone) {
                sink.accept(m);
            }
        }
    }

    private static final class Doc {
        final Sequencer sequencer;
        final List<RevisionRecord> log = new ArrayList<>(); // revision r at index r - 1
        final Map<Session, ServerMessage.PresenceEntry> presence = new LinkedHashMap<>();
        final Set<Session> open = new LinkedHashSet<>();

        Doc(String id, DocumentType<?> type, SequencerLimits limits) {
            sequencer = new Sequencer(id, new LoadedDocument(type, new Snapshot(id, 0, type.emptySnapshot()), List.of()),
                    limits, () -> 0L);
        }

        DocumentType<?> type() {
            return sequencer.type();
        }
    }

    public Session connect(Consumer<ServerMessage> sink) {
        return new Session(sink);
    }

    /** The current content of a document in its type's stored form (null if it does not exist). */
    public String text(String doc) {
        Doc d = docs.get(doc);
        return d == null ? null : d.sequencer.snapshot();
    }

    public long head(String doc) {
        return docs.get(doc).sequencer.head();
    }

    public void receive(Session s, ClientMessage m) {
        if (m instanceof ClientMessage.Hello h) {
            s.clientId = h.clientId();
            s.user = h.user() == null ? User.ANONYMOUS : h.user();
            s.send(new ServerMessage.Welcome(s.id, "test-node", ServerMessage.Limits.DEFAULTS));
        } else if (s.clientId == null) {
            s.send(error(ErrorCode.HELLO_REQUIRED, "hello first", null, null));
        } else if (m instanceof ClientMessage.Open o) {
            open(s, o);
        } else if (m instanceof ClientMessage.Submit sub) {
            submit(s, sub);
        } else if (m instanceof ClientMessage.Presence p) {
            presence(s, p);
        } else if (m instanceof ClientMessage.Close c) {
            close(s, c.doc());
            s.send(new ServerMessage.Closed(c.doc()));
        } else if (m instanceof ClientMessage.Ping p) {
            s.send(new ServerMessage.Pong(p.t()));
        } else if (m instanceof ClientMessage.UserUpdate u) {
            s.user = u.user();
        }
    }

    /** The connection is gone: its documents close and the others see it leave. */
    public void disconnect(Session s) {
        for (String doc : List.copyOf(s.open)) {
            close(s, doc);
        }
        s.gone = true;
    }

    private void open(Session s, ClientMessage.Open o) {
        Doc d = docs.get(o.doc());
        if (d == null && !o.create()) {
            s.send(error(ErrorCode.DOCUMENT_NOT_FOUND, "no document " + o.doc(), o.doc(), null));
            return;
        }
        String typeName = o.docType() == null ? DocumentTypes.DEFAULT : o.docType();
        if (d == null) {
            DocumentType<?> type = TYPES.find(typeName);
            if (type == null) {
                s.send(error(ErrorCode.UNKNOWN_DOCUMENT_TYPE, "no type " + typeName, o.doc(), null));
                return;
            }
            d = new Doc(o.doc(), type, limits);
            docs.put(o.doc(), d);
        } else if (o.docType() != null && !o.docType().equals(d.type().name())) {
            s.send(error(ErrorCode.TYPE_MISMATCH, o.doc() + " is a " + d.type().name() + " document", o.doc(), null));
            return;
        }
        Sequencer seq = d.sequencer;
        List<ServerMessage.PresenceEntry> roster = new ArrayList<>();
        d.presence.forEach((who, entry) -> {
            if (who != s) {
                roster.add(entry);
            }
        });
        d.open.add(s);
        s.open.add(o.doc());
        if (o.rev() == null || o.rev() > seq.head() || seq.head() - o.rev() > limits.maxCatchUp()) {
            boolean reset = o.rev() != null;
            s.send(new ServerMessage.Opened(o.doc(), d.type().name(), seq.head(), snapshot(d.type(), seq.snapshot()), reset,
                    List.of(), null, roster));
            return;
        }
        List<RevisionRecord> missed = seq.revisionsFrom(o.rev() + 1);
        if (missed == null) {
            missed = d.log.subList((int) (long) o.rev(), (int) seq.head());
        }
        List<ServerMessage.Revision> ops = new ArrayList<>();
        for (RevisionRecord r : missed) {
            ops.add(new ServerMessage.Revision(r.rev(), tree(r.op()), r.clientId(), r.seq()));
        }
        s.send(new ServerMessage.Opened(o.doc(), d.type().name(), seq.head(), null, false, ops, null, roster));
    }

    private void submit(Session s, ClientMessage.Submit sub) {
        Doc d = docs.get(sub.doc());
        if (d == null || !s.open.contains(sub.doc())) {
            s.send(error(ErrorCode.DOCUMENT_NOT_OPEN, sub.doc() + " is not open", sub.doc(), sub.seq()));
            return;
        }
        Submission submission;
        try {
            submission = new Submission(s.clientId, sub.seq(), sub.base(), d.type().parse(sub.op()));
        } catch (OtException e) {
            s.send(error(ErrorCode.INVALID_OPERATION, e.getMessage(), sub.doc(), sub.seq()));
            return;
        }
        Outcome out = d.sequencer.submit(submission);
        if (out instanceof Outcome.NeedClient) {
            d.sequencer.learnClient(s.clientId, null);
            out = d.sequencer.submit(submission);
        }
        if (out instanceof Outcome.NeedSubmission n) {
            Long rev = d.log.stream().filter(r -> r.clientId().equals(n.clientId()) && r.seq() == n.seq())
                    .map(RevisionRecord::rev).findFirst().orElse(null);
            out = d.sequencer.earlierSubmission(submission, rev);
        }
        if (out instanceof Outcome.NeedHistory h) {
            out = d.sequencer.submit(submission, d.log.subList((int) h.fromRev() - 1, (int) h.toRev()));
        }
        if (out instanceof Outcome.Accepted a) {
            RevisionRecord r = a.revision();
            d.log.add(r);
            d.sequencer.markCommitted(r.rev());
            s.send(new ServerMessage.Ack(sub.doc(), sub.seq(), r.rev(), d.type().acksCarryOperation() ? tree(r.op()) : null));
            for (Session other : d.open) {
                if (other != s) {
                    other.send(new ServerMessage.Op(sub.doc(), r.rev(), tree(r.op()), r.clientId(), r.seq()));
                }
            }
        } else if (out instanceof Outcome.Duplicate dup) {
            JsonNode committed = d.type().acksCarryOperation() ? tree(d.log.get((int) dup.rev() - 1).op()) : null;
            s.send(new ServerMessage.Ack(sub.doc(), sub.seq(), dup.rev(), committed));
        } else if (out instanceof Outcome.Rejected rej) {
            s.send(new ServerMessage.Error(rej.reason().name(), rej.message(), ErrorCode.valueOf(rej.reason().name()).resync(), sub.doc(),
                    sub.seq(), null, rej.detail()));
        } else {
            throw new AssertionError("unexpected outcome " + out);
        }
    }

    private void presence(Session s, ClientMessage.Presence p) {
        Doc d = docs.get(p.doc());
        if (d == null || !s.open.contains(p.doc())) {
            s.send(error(ErrorCode.DOCUMENT_NOT_OPEN, p.doc() + " is not open", p.doc(), null));
            return;
        }
        ServerMessage.PresenceEntry entry = new ServerMessage.PresenceEntry(s.clientId, s.user, p.rev(), p.sel(), p.typing());
        d.presence.put(s, entry);
        for (Session other : d.open) {
            if (other != s) {
                other.send(new ServerMessage.Presence(p.doc(), entry));
            }
        }
    }

    private void close(Session s, String doc) {
        Doc d = docs.get(doc);
        if (d == null || !d.open.remove(s)) {
            return;
        }
        s.open.remove(doc);
        d.presence.remove(s);
        for (Session other : d.open) {
            other.send(new ServerMessage.Left(doc, s.clientId));
        }
    }

    private static JsonNode tree(Operation op) {
        return parse(op.toJson());
    }

    /** A stored snapshot as {@code opened.snapshot} carries it (text: a JSON string). */
    private static JsonNode snapshot(DocumentType<?> type, String stored) {
        return parse(type.snapshotJson(stored));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ServerMessage.Error error(ErrorCode code, String message, String doc, Long seq) {
        return new ServerMessage.Error(code.name(), message, code.resync(), doc, seq, null, null);
    }
}
