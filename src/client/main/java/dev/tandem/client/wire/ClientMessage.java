package dev.tandem.client.wire;

import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;

/** A message the client sends to the server (docs/PROTOCOL.md), before JSON encoding. */
public sealed interface ClientMessage {

    /** First message of every connection. */
    record Hello(int version, String clientId, User user) implements ClientMessage {
    }

    /** Opens {@code doc}; {@code rev} is the revision the client already has, or null to get a snapshot. */
    record Open(String doc, Long rev, boolean create) implements ClientMessage {
    }

    /** An edit made on revision {@code base}, identified forever by the client id and {@code seq}. */
    record Submit(String doc, long base, TextOperation op, long seq) implements ClientMessage {
    }

    /** The client's caret or selection ({@code null}: hidden) in the document at revision {@code rev}. */
    record Presence(String doc, long rev, Selection sel, boolean typing) implements ClientMessage {
    }

    /** Stops receiving a document. */
    record Close(String doc) implements ClientMessage {
    }

    /** Asks for a {@code pong} echoing {@code t}, to measure the round trip. */
    record Ping(long t) implements ClientMessage {
    }

    /** Changes the display name or colour shown to the others. */
    record UserUpdate(User user) implements ClientMessage {
    }
}
