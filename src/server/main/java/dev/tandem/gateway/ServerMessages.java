package dev.tandem.gateway;

import dev.tandem.bus.BusMessages.PresenceUpdate;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.protocol.TandemException;
import dev.tandem.sequencer.DocumentOwnership.NodeInfo;
import dev.tandem.ot.sequencer.RevisionRecord;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Encodes the server's messages (docs/PROTOCOL.md). Document and client ids are validated on
 * the way in to a charset that needs no JSON escaping, so hot messages are built by
 * concatenation; anything a person typed (names, text) goes through the JSON encoder.
 */
final class ServerMessages {
    private ServerMessages() {
    }

    static String welcome(String session, String node, GatewayOptions o) {
        return new JsonObject().put("type", "welcome").put("v", 1).put("session", session).put("node", node)
                .put("limits", new JsonObject()
                        .put("maxMessageBytes", o.maxMessageBytes())
                        .put("maxDocumentLength", o.maxDocumentLength())
                        .put("maxOpenDocuments", o.maxOpenDocuments())
                        .put("presencePerSecond", 20)
                        .put("opsPerSecond", o.opsPerSecond()))
                .encode();
    }

    static String op(RevisionRecord r) {
        return "{\"type\":\"op\",\"doc\":\"" + r.docId() + "\",\"rev\":" + r.rev() + ",\"op\":"
                + OperationJson.write(r.op()) + ",\"client\":\"" + r.clientId() + "\",\"seq\":" + r.seq() + "}";
    }

    static String ack(String doc, long seq, long rev) {
        return "{\"type\":\"ack\",\"doc\":\"" + doc + "\",\"seq\":" + seq + ",\"rev\":" + rev + "}";
    }

    static String opened(String doc, long rev, String snapshot, List<RevisionRecord> ops, boolean reset,
            NodeInfo owner, List<PresenceUpdate> roster) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"type\":\"opened\",\"doc\":\"").append(doc).append("\",\"rev\":").append(rev);
        if (snapshot != null) {
            sb.append(",\"snapshot\":").append(Json.encode(snapshot));
        }
        if (ops != null) {
            sb.append(",\"ops\":[");
            for (int i = 0; i < ops.size(); i++) {
                RevisionRecord r = ops.get(i);
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("{\"rev\":").append(r.rev()).append(",\"op\":").append(OperationJson.write(r.op()))
                        .append(",\"client\":\"").append(r.clientId()).append("\",\"seq\":").append(r.seq()).append('}');
            }
            sb.append(']');
        }
        if (reset) {
            sb.append(",\"reset\":true");
        }
        sb.append(",\"owner\":").append(owner(owner));
        sb.append(",\"presence\":[");
        for (int i = 0; i < roster.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(presenceBody(roster.get(i)).encode());
        }
        return sb.append("]}").toString();
    }

    static String owner(NodeInfo owner) {
        return new JsonObject().put("node", owner.nodeId()).put("ws", owner.wsUrl()).encode();
    }

    static String presence(PresenceUpdate u) {
        return presenceBody(u).put("type", "presence").put("doc", u.docId()).encode();
    }

    private static JsonObject presenceBody(PresenceUpdate u) {
        JsonObject o = new JsonObject().put("client", u.clientId())
                .put("user", new JsonObject().put("name", u.name()).put("color", u.color()))
                .put("rev", u.rev())
                .put("sel", u.anchor() < 0 ? null : new JsonArray().add(u.anchor()).add(u.head()))
                .put("typing", u.typing());
        return o;
    }

    static String left(String doc, String client) {
        return "{\"type\":\"left\",\"doc\":\"" + doc + "\",\"client\":\"" + client + "\"}";
    }

    static String closed(String doc) {
        return "{\"type\":\"closed\",\"doc\":\"" + doc + "\"}";
    }

    static String pong(Object t) {
        return new JsonObject().put("type", "pong").put("t", t).encode();
    }

    static String error(TandemException e, String doc, Long seq, Long retryAfterMs) {
        JsonObject o = new JsonObject().put("type", "error").put("code", e.code().name())
                .put("message", e.getMessage()).put("resync", e.code().resync());
        if (e.detail() != null) {
            o.put("detail", e.detail());
        }
        if (doc != null) {
            o.put("doc", doc);
        }
        if (seq != null) {
            o.put("seq", seq);
        }
        if (retryAfterMs != null) {
            o.put("retryAfterMs", retryAfterMs);
        }
        return o.encode();
    }
}
