package dev.tandem.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A message a server sends (docs/PROTOCOL.md). Type-specific parts (operations, snapshots,
 * selections) stay JSON here: only a document's {@code DocumentType} reads them.
 */
public sealed interface ServerMessage {

    /** The document a message is about, or null for session-level messages. */
    default String doc() {
        return null;
    }

    /**
     * Answer to {@code hello}. {@code client} is the client's public id: the id the others see
     * in its revisions and presence, derived by the server from the client's own id and its user
     * (null from servers before access control: then it is the client's own id). {@code user} is
     * the identity the others see; {@code access} is {@code "open"} (anyone may edit) or
     * {@code "token"}.
     */
    record Welcome(String session, String node, Limits limits, String client, User user, String access)
            implements ServerMessage {
        public Welcome(String session, String node, Limits limits) {
            this(session, node, limits, null, null, null);
        }
    }

    /**
     * Answer to {@code open}: either the revisions after the client's {@code rev} ({@code ops}),
     * or the whole content ({@code snapshot}, with {@code reset} when the client's revision was too old).
     */
    record Opened(String doc, String docType, long rev, JsonNode snapshot, boolean reset, List<Revision> ops,
            Owner owner, List<PresenceEntry> presence) implements ServerMessage {
        public Opened {
            ops = ops == null ? List.of() : List.copyOf(ops);
            presence = presence == null ? List.of() : List.copyOf(presence);
        }
    }

    /**
     * The submission {@code seq} of this client became revision {@code rev}; {@code op} is the
     * operation as committed where the document's type sends it (canvas), else null.
     */
    record Ack(String doc, long seq, long rev, JsonNode op) implements ServerMessage {
    }

    /** Another client's committed edit, made on revision {@code rev - 1}. */
    record Op(String doc, long rev, JsonNode op, String client, long seq) implements ServerMessage {
    }

    /** Another participant's caret or selection at revision {@code rev}. */
    record Presence(String doc, PresenceEntry entry) implements ServerMessage {
    }

    /** A participant closed the document or went away. */
    record Left(String doc, String client) implements ServerMessage {
    }

    /** Answer to {@code close}. */
    record Closed(String doc) implements ServerMessage {
    }

    /**
     * A refused request. {@code code} is kept as sent (an unknown code from a newer server is not
     * an error); {@code doc}, {@code seq}, {@code retryAfterMs} and {@code detail} are null when absent.
     */
    record Error(String code, String message, boolean resync, String doc, Long seq, Long retryAfterMs,
            String detail) implements ServerMessage {

        /** The code as a known {@link ErrorCode}, or null if this side does not know it. */
        public ErrorCode knownCode() {
            return ErrorCode.byName(code);
        }
    }

    /** Answer to {@code ping}, echoing its {@code t}. */
    record Pong(JsonNode t) implements ServerMessage {
    }

    /** A message type this side does not know; ignored, for forward compatibility. */
    record Unknown(String type) implements ServerMessage {
    }

    /** The server's limits, announced in {@code welcome}. */
    record Limits(long maxMessageBytes, long maxDocumentLength, int maxOpenDocuments, int presencePerSecond,
            int opsPerSecond, long maxOperationBytes) {
        public static final Limits DEFAULTS = new Limits(1 << 20, 10_000_000, 100, 20, 2000, 256 * 1024);

        public Limits(long maxMessageBytes, long maxDocumentLength, int maxOpenDocuments, int presencePerSecond,
                int opsPerSecond) {
            this(maxMessageBytes, maxDocumentLength, maxOpenDocuments, presencePerSecond, opsPerSecond,
                    Math.min(maxMessageBytes, 256 * 1024));
        }
    }

    /** One committed revision as listed in {@code opened.ops}. */
    record Revision(long rev, JsonNode op, String client, long seq) {
    }

    /** A participant's presence: {@code sel} is null when their caret is hidden. */
    record PresenceEntry(String client, User user, long rev, JsonNode sel, boolean typing) {
    }

    /** The node running a document's sequencer, and where to reach it. */
    record Owner(String node, String ws) {
    }
}
