package dev.tandem.storage;

import dev.tandem.ot.Operation;

/**
 * One stored row of a document's history: revision {@code rev}, or, once compaction has joined
 * consecutive revisions of one client, the {@code span} revisions {@code firstRev()..rev}, which
 * were that client's submissions {@code firstSeq()..seq}. {@code op} (null where only the
 * timeline was read) takes the document from revision {@code firstRev() - 1} to {@code rev};
 * {@code timeMillis} is when its first revision was sequenced (the others followed within the
 * compaction's run span).
 */
public record HistoryEntry(long rev, int span, Operation op, String clientId, long seq, long timeMillis) {

    public HistoryEntry {
        if (span < 1 || rev - span < 0) {
            throw new IllegalArgumentException("a history entry spans 1 or more revisions after 0: rev " + rev + ", span " + span);
        }
    }

    /** The first revision this entry stands for. */
    public long firstRev() {
        return rev - span + 1;
    }

    /** The client's first submission in this entry. */
    public long firstSeq() {
        return seq - span + 1;
    }

    /** Whether compaction joined several revisions into this entry. */
    public boolean compacted() {
        return span > 1;
    }
}
