package dev.tandem.load;

import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.client.model.LostEdits;
import dev.tandem.client.model.RemoteChange;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.ot.Operation;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One copy of one document in the scale test: mostly idle, now and then editing it (if it is its
 * document's typist: a character typed into text, a shape moved on a canvas), and timing the
 * other copy's edits like {@link SimUser}.
 *
 * @param <O> the operation class of the documents' type
 * @param <S> its selections
 */
final class ScaleDoc<O extends Operation, S> implements DocumentListener<O, S> {
    private final LoadConnection connection;
    private final RunStats stats;
    private final Map<String, SentTimes> keystrokesByClient;
    private final SentTimes keystrokes;
    private final BiFunction<DocumentModel<O, S>, Integer, O> edits;
    private DocumentModel<O, S> model;

    /** {@code edits}: the edit a keystroke makes on the model, from a random number. */
    ScaleDoc(LoadConnection connection, RunStats stats, Map<String, SentTimes> keystrokesByClient,
            BiFunction<DocumentModel<O, S>, Integer, O> edits) {
        this.edits = edits;
        this.connection = connection;
        this.stats = stats;
        this.keystrokesByClient = keystrokesByClient;
        this.keystrokes = keystrokesByClient.get(connection.publicId());
    }

    void opened(DocumentModel<O, S> m) {
        model = m;
    }

    DocumentModel<O, S> model() {
        return model;
    }

    LoadConnection connection() {
        return connection;
    }

    /** Makes one edit ({@code random} picks where); on the connection's context. */
    void keystroke(int random) {
        if (model == null || model.phase() != DocumentModel.Phase.LIVE) {
            return;
        }
        // Seqs are per client and document, so key the time by document too.
        keystrokes.put(key(model.docId(), model.lastSeq() + 1), System.nanoTime());
        stats.keystrokes.increment();
        model.edit(edits.apply(model, random));
    }

    private static long key(String doc, long seq) {
        return (doc.hashCode() * 0x9E3779B97F4A7C15L) ^ seq; // mixed into the low bits, which pick the slot
    }

    @Override
    public void remoteChange(RemoteChange<O> change) {
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
    public void editsLost(LostEdits<O> lost) {
        stats.editsLost.increment();
    }
}
