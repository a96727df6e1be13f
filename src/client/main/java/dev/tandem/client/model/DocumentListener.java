package dev.tandem.client.model;

import dev.tandem.protocol.ServerMessage;

/**
 * Receives what happens to one open document. Every method has a no-op default, so a listener
 * overrides only what it needs. Callbacks must not block: they run on the thread that drives
 * the document (the client's Vert.x context for {@code TandemClient}).
 */
public interface DocumentListener {

    /** Someone else's edit was applied to the local text. */
    default void remoteChange(RemoteChange change) {
    }

    /** This client's submission {@code seq} became revision {@code rev}. */
    default void acknowledged(long seq, long rev) {
    }

    /** Every local edit is confirmed: the local text is the server's revision. */
    default void synced(long rev) {
    }

    /** A participant joined, moved their caret, started or stopped typing, or was moved by an edit. */
    default void presence(Participant participant) {
    }

    /** A participant left. */
    default void left(String clientId) {
    }

    /**
     * The local text was replaced by the server's (after {@code opened} with {@code reset}, or an
     * error that required a resync): {@code text} is the new text at {@code rev}.
     */
    default void reset(String text, long rev) {
    }

    /** Unconfirmed local edits were dropped (see {@link LostEdits}); called before {@link #reset}. */
    default void editsLost(LostEdits lost) {
    }

    /** The server refused something about this document. */
    default void error(ServerMessage.Error error) {
    }

    /** The document is open again after a reconnect or a resync, at revision {@code rev}. */
    default void reopened(long rev) {
    }
}
