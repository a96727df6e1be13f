package dev.tandem.load;

import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.client.model.LostEdits;
import dev.tandem.client.model.RemoteChange;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import java.util.Map;

/**
 * One copy of one document in the scale test: mostly idle, now and then typing a character at
 * the end (if it is its document's typist), and timing the other copy's edits like {@link SimUser}.
 */
final class ScaleDoc implements DocumentListener<TextOperation, Selection> {
    private final LoadConnection connection;
    private final RunStats stats;
    private final Map<String, SentTimes> keystrokesByClient;
    private final SentTimes keystrokes;
    private DocumentModel<TextOperation, Selection> model;

    ScaleDoc(LoadConnection connection, RunStats stats, Map<String, SentTimes> keystrokesByClient) {
        this.connection = connection;
        this.stats = stats;
        this.keystrokesByClient = keystrokesByClient;
        this.keystrokes = keystrokesByClient.get(connection.clientId());
    }

    void opened(DocumentModel<TextOperation, Selection> m) {
        model = m;
    }

    DocumentModel<TextOperation, Selection> model() {
        return model;
    }

    LoadConnection connection() {
        return connection;
    }

    /** Types one character at a random place; on the connection's context. */
    void keystroke(int position) {
        if (model == null || model.phase() != DocumentModel.Phase.LIVE) {
            return;
        }
        int length = model.length();
        // Seqs are per client and document, so key the time by document too.
        keystrokes.put(key(model.docId(), model.lastSeq() + 1), System.nanoTime());
        stats.keystrokes.increment();
        model.edit(TextOperation.splice(length, Math.min(position, length), 0, "s"));
    }

    private static long key(String doc, long seq) {
        return (doc.hashCode() * 0x9E3779B97F4A7C15L) ^ seq; // mixed into the low bits, which pick the slot
    }

    @Override
    public void remoteChange(RemoteChange<TextOperation> change) {
        stats.received.increment();
        SentTimes author = keystrokesByClient.get(change.client());
        if (author != null) {
            long t = author.get(key(change.doc(), change.seq()));
            if (t > 0) {
                stats.e2e.record(System.nanoTime() - t);
            }
        }
    }

    @Override
    public void acknowledged(long seq, long rev) {
        stats.acked.increment();
    }

    @Override
    public void error(ServerMessage.Error error) {
        stats.error(error.code());
    }

    @Override
    public void editsLost(LostEdits<TextOperation> lost) {
        stats.editsLost.increment();
    }
}
