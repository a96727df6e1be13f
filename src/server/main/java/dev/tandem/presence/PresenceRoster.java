package dev.tandem.presence;

import dev.tandem.bus.BusMessages.PresenceUpdate;
import io.vertx.core.Future;
import java.util.List;

/**
 * Who is in each document, with caret, selection and typing state: what a client opening a
 * document is shown. Ephemeral: never stored in PostgreSQL.
 */
public interface PresenceRoster {

    /** Records a participant's latest presence; a {@code left} update removes them. */
    Future<Void> update(PresenceUpdate update);

    /** Everyone present in a document. */
    Future<List<PresenceUpdate>> list(String docId);

    /** Removes every participant of a session (its connection closed). */
    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
