package dev.tandem.client.model;

import dev.tandem.ot.Operation;
import dev.tandem.protocol.ServerMessage;

/**
 * Receives what happens to one open document. Every method has a no-op default, so a listener
 * overrides only what it needs. Callbacks must not block: they run on the thread that drives
 * the document (the client's Vert.x context for {@code TandemClient}).
 *
 * @param <O> the operation class of the document's type
 * @param <S> its selections (see {@link Participant})
 */
public interface DocumentListener<O extends Operation, S> {

    /** Someone else's edit was applied to the local copy. */
    default void remoteChange(RemoteChange<O> change) {
    }

    /** This client's submission {@code seq} became revision {@code rev}. */
    default void acknowledged(long seq, long rev) {
    }

    /** Every local edit is confirmed: the local copy is the server's revision. */
    default void synced(long rev) {
    }

    /** A participant joined, moved their caret or pointer, started or stopped typing, or was moved by an edit. */
    default void presence(Participant<S> participant) {
    }

    /** A participant left. */
    default void left(String clientId) {
    }

    /**
     * The local copy was replaced by the server's (after {@code opened} with {@code reset}, or an
     * error that required a resync): {@code snapshot} is the new document at {@code rev} in the
     * type's stored form (for text the text itself).
     */
    default void reset(String snapshot, long rev) {
    }

    /** Unconfirmed local edits were dropped (see {@link LostEdits}); called before {@link #reset}. */
    default void editsLost(LostEdits<O> lost) {
    }

    /** The server refused something about this document. */
    default void error(ServerMessage.Error error) {
    }

    /** The document is open again after a reconnect or a resync, at revision {@code rev}. */
    default void reopened(long rev) {
    }
}
