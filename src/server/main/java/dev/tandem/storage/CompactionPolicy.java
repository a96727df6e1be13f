package dev.tandem.storage;

/**
 * How one compaction batch may rewrite a document's old history.
 *
 * @param keepRevisions revisions this close to the head are never touched: clients may still
 *     catch up from them (at least the sequencers' catch-up limit)
 * @param runMillis consecutive revisions of one client are joined only while they lie within this
 *     span of time, so the timeline keeps a point at least every {@code runMillis} of typing
 * @param batchRows most rows one batch reads (and rewrites), in one transaction
 * @param snapshotSpacing snapshots in the compacted history are thinned to the first one of
 *     every {@code snapshotSpacing} revisions (0: all are kept); the latest is always kept
 */
public record CompactionPolicy(long keepRevisions, long runMillis, int batchRows, long snapshotSpacing) {

    public CompactionPolicy {
        if (keepRevisions < 0 || runMillis < 0 || batchRows < 2 || snapshotSpacing < 0) {
            throw new IllegalArgumentException("compaction keeps >= 0 revisions, joins runs of >= 0 ms, reads >= 2 rows a batch "
                    + "and spaces snapshots >= 0 revisions apart");
        }
    }

    /** Every snapshot kept. */
    public CompactionPolicy(long keepRevisions, long runMillis, int batchRows) {
        this(keepRevisions, runMillis, batchRows, 0);
    }
}
