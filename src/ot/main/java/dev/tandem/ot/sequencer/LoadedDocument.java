package dev.tandem.ot.sequencer;

import java.util.List;

/** What loading a document reads: its latest snapshot and the revisions after it, in order. */
public record LoadedDocument(Snapshot snapshot, List<RevisionRecord> revisionsAfter) {

    /** The head revision: the last revision after the snapshot, or the snapshot's. */
    public long headRevision() {
        return revisionsAfter.isEmpty() ? snapshot.rev() : revisionsAfter.get(revisionsAfter.size() - 1).rev();
    }
}
