package dev.tandem.gateway;

import dev.tandem.bus.BusMessages.PresenceUpdate;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.sequencer.RevisionRecord;
import dev.tandem.protocol.ServerCodec;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.TandemException;
import dev.tandem.protocol.User;
import dev.tandem.sequencer.DocumentOwnership.NodeInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's messages (docs/PROTOCOL.md) made from the server's own records, through the
 * protocol's codec ({@link ServerCodec}): its tree encoder for the rare messages, its
 * concatenating encoders for those every keystroke produces.
 */
final class ServerMessages {
    private ServerMessages() {
    }

    static String welcome(String session, String node, GatewayOptions o, String client, User user, String access) {
        return ServerCodec.encode(new ServerMessage.Welcome(session, node, new ServerMessage.Limits(o.maxMessageBytes(),
                o.maxDocumentLength(), o.maxOpenDocuments(), 20, o.opsPerSecond(), o.maxOperationBytes()),
                client, user, access));
    }

    static String op(RevisionRecord r) {
        return ServerCodec.op(r.docId(), r.rev(), r.op().toJson(), r.clientId(), r.seq());
    }

    /** The ack of revision {@code r}, with the committed operation where {@code type} sends it. */
    static String ack(DocumentType<?> type, RevisionRecord r) {
        return ServerCodec.ack(r.docId(), r.seq(), r.rev(), type.acksCarryOperation() ? r.op().toJson() : null);
    }

    /** The ack of a resubmission recognised as revision {@code rev}. */
    static String ack(String doc, long seq, long rev) {
        return ServerCodec.ack(doc, seq, rev, null);
    }

    static String opened(String doc, DocumentType<?> type, long rev, String snapshot, List<RevisionRecord> ops,
            boolean reset, NodeInfo owner, List<PresenceUpdate> roster, String role) {
        List<String> revisions = null;
        if (ops != null) {
            revisions = new ArrayList<>(ops.size());
            for (RevisionRecord r : ops) {
                revisions.add(ServerCodec.revision(r.rev(), r.op().toJson(), r.clientId(), r.seq()));
            }
        }
        List<String> presence = new ArrayList<>(roster.size());
        for (PresenceUpdate p : roster) {
            presence.add(ServerCodec.presenceEntry(p.clientId(), user(p), p.rev(), p.sel(), p.typing()));
        }
        return ServerCodec.opened(doc, type.name(), rev, snapshot == null ? null : type.snapshotJson(snapshot), revisions,
                reset, new ServerMessage.Owner(owner.nodeId(), owner.wsUrl()), presence, role);
    }

    static String presence(PresenceUpdate u) {
        return ServerCodec.presence(u.docId(), u.clientId(), user(u), u.rev(), u.sel(), u.typing());
    }

    static String left(String doc, String client) {
        return ServerCodec.encode(new ServerMessage.Left(doc, client));
    }

    static String closed(String doc) {
        return ServerCodec.encode(new ServerMessage.Closed(doc));
    }

    static String pong(com.fasterxml.jackson.databind.JsonNode t) {
        return ServerCodec.encode(new ServerMessage.Pong(t));
    }

    static String error(TandemException e, String doc, Long seq, Long retryAfterMs) {
        return ServerCodec.encode(ServerCodec.error(e, doc, seq, retryAfterMs));
    }

    private static User user(PresenceUpdate u) {
        return new User(u.name(), u.color());
    }
}
