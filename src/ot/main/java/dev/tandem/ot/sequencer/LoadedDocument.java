package dev.tandem.ot.sequencer;

import dev.tandem.ot.DocumentType;
import dev.tandem.ot.text.TextType;
import java.util.List;

/** What loading a document reads: its type, its latest snapshot and the revisions after it, in order. */
public record LoadedDocument(DocumentType<?> type, Snapshot snapshot, List<RevisionRecord> revisionsAfter) {

    /** A plain-text document. */
    public LoadedDocument(Snapshot snapshot, List<RevisionRecord> revisionsAfter) {
        this(TextType.INSTANCE, snapshot, revisionsAfter);
    }

    /** The head revision: the last revision after the snapshot, or the snapshot's. */
    public long headRevision() {
        return revisionsAfter.isEmpty() ? snapshot.rev() : revisionsAfter.get(revisionsAfter.size() - 1).rev();
    }
}
