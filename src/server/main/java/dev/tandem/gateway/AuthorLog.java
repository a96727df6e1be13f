package dev.tandem.gateway;

import dev.tandem.storage.Author;
import dev.tandem.storage.HistoryStore;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the history's record of who a session's client id is (docs/ARCHITECTURE.md, "History"):
 * revisions store only the client id, so the first committed edit to a document, and the first
 * after a change of name or colour, writes the display name and colour to storage. One write per
 * document and identity, off the edit's path (the ack does not wait for it).
 */
final class AuthorLog {
    private final HistoryStore history;
    /** Per open document, the identity last written. */
    private final Map<String, String> written = new HashMap<>();

    AuthorLog(HistoryStore history) {
        this.history = history;
    }

    /**
     * The session's client edited {@code docId} as {@code name} / {@code color}. {@code userId}
     * is the signed-in user once access tokens exist (null in the open demo mode).
     */
    void edited(String docId, String clientId, String name, String color, String userId) {
        String identity = name + '\u0000' + color + '\u0000' + userId;
        if (identity.equals(written.get(docId))) {
            return;
        }
        written.put(docId, identity);
        history.recordAuthor(docId, new Author(clientId, name, color, userId))
                .onFailure(e -> written.remove(docId, identity)); // try again with the next edit
    }

    /** The session closed the document. */
    void closed(String docId) {
        written.remove(docId);
    }
}
