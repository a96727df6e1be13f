package dev.tandem.storage;

/**
 * What one compaction batch did to a document: rows it removed (revisions joined into the row of
 * their run's last revision), bytes of row data that freed (PostgreSQL's {@code pg_column_size} of
 * the removed rows, plus what the rewritten operations shrank by; indexes shrink too but are not
 * counted), whether the document has nothing more to compact for now, and whether another node
 * held the compaction lock (then nothing was done).
 */
public record CompactionResult(String docId, long rowsRemoved, long bytesReclaimed, boolean done, boolean busy) {

    /** Another node is compacting: nothing was done. */
    static CompactionResult busy(String docId) {
        return new CompactionResult(docId, 0, 0, false, true);
    }
}
