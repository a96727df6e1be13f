package dev.tandem.storage;

/**
 * What one compaction batch did to a document: rows it removed (revisions joined into the row of
 * their run's last revision), bytes of row data that freed (PostgreSQL's {@code pg_column_size} of
 * the removed rows, plus what the rewritten operations shrank by; indexes shrink too but are not
 * counted; with the snapshots dropped by thinning), whether the document has nothing more to
 * compact for now, whether another node held the compaction lock (then nothing was done), and how
 * many old snapshots were dropped.
 */
public record CompactionResult(String docId, long rowsRemoved, long bytesReclaimed, boolean done, boolean busy,
        long snapshotsDropped) {

    public CompactionResult(String docId, long rowsRemoved, long bytesReclaimed, boolean done, boolean busy) {
        this(docId, rowsRemoved, bytesReclaimed, done, busy, 0);
    }

    /** Another node is compacting: nothing was done. */
    static CompactionResult busy(String docId) {
        return new CompactionResult(docId, 0, 0, false, true);
    }
}
