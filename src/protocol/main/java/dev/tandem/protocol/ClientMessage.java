package dev.tandem.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message a client sends to a server (docs/PROTOCOL.md). Type-specific parts (operations,
 * selections) stay JSON here: only a document's {@code DocumentType} reads them.
 */
public sealed interface ClientMessage {

    /** The document the message is about, or null for session-level messages. */
    default String doc() {
        return null;
    }

    /**
     * First message of every connection; {@code token} is the signed access token (a JWT), null
     * in open mode or when the token came with the WebSocket handshake.
     */
    record Hello(long version, String clientId, User user, String token) implements ClientMessage {
        public Hello(long version, String clientId, User user) {
            this(version, clientId, user, null);
        }

        @Override
        public String toString() {
            // Never log a bearer token.
            return "Hello[v=" + version + ", clientId=" + clientId + ", user=" + user + (token == null ? "" : ", token=...") + "]";
        }
    }

    /**
     * Opens {@code doc}; {@code rev} is the revision the client already has, or null to get a
     * snapshot; {@code docType} is the type to create it with (null: {@code text}).
     */
    record Open(String doc, Long rev, boolean create, String docType) implements ClientMessage {
    }

    /** An edit made on revision {@code base}, identified forever by the client id and {@code seq}. */
    record Submit(String doc, long base, JsonNode op, long seq) implements ClientMessage {
    }

    /** The client's caret or selection ({@code sel} null: hidden) in the document at revision {@code rev}. */
    record Presence(String doc, long rev, JsonNode sel, boolean typing) implements ClientMessage {
    }

    /** Stops receiving a document. */
    record Close(String doc) implements ClientMessage {
    }

    /** Asks for a {@code pong} echoing {@code t} (any JSON value), to measure the round trip. */
    record Ping(JsonNode t) implements ClientMessage {
    }

    /** Changes the display name or colour shown to the others. */
    record UserUpdate(User user) implements ClientMessage {
    }
}
