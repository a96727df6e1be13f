package dev.tandem.ot.sequencer;

/**
 * Bounds of one document's sequencer.
 *
 * @param historyWindow revisions kept in memory to transform against (older ones come from storage)
 * @param maxCatchUp how far behind the head a base revision may be before it is refused
 * @param maxDocumentLength longest document, in code points
 * @param snapshotEvery write a snapshot every this many revisions
 * @param maxClients clients whose last submission is remembered in memory (older ones are looked up)
 * @param historyKeepMillis revisions younger than this are kept in memory too, however many (up to
 *     {@code maxCatchUp}); 0 keeps exactly {@code historyWindow}
 */
public record SequencerLimits(int historyWindow, int maxCatchUp, int maxDocumentLength, int snapshotEvery,
        int maxClients, long historyKeepMillis) {

    public static final SequencerLimits DEFAULTS = new SequencerLimits(128, 10_000, 10_000_000, 200, 4096, 10_000);

    public SequencerLimits {
        if (historyWindow < 1 || maxCatchUp < 1 || maxDocumentLength < 1 || snapshotEvery < 1 || maxClients < 1
                || historyKeepMillis < 0) {
            throw new IllegalArgumentException("sequencer limits must be positive");
        }
    }

    /** Limits that keep exactly {@code historyWindow} revisions in memory. */
    public SequencerLimits(int historyWindow, int maxCatchUp, int maxDocumentLength, int snapshotEvery, int maxClients) {
        this(historyWindow, maxCatchUp, maxDocumentLength, snapshotEvery, maxClients, 0);
    }
}
