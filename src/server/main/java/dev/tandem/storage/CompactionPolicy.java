package dev.tandem.storage;

/**
 * How one compaction batch may rewrite a document's old history.
 *
 * @param keepRevisions revisions this close to the head are never touched: clients may still
 *     catch up from them (at least the sequencers' catch-up limit)
 * @param runMillis consecutive revisions of one client are joined only while they lie within this
 *     span of time, so the timeline keeps a point at least every {@code runMillis} of typing
 * @param batchRows most rows one batch reads (and rewrites), in one transaction
 */
public record CompactionPolicy(long keepRevisions, long runMillis, int batchRows) {

    public CompactionPolicy {
        if (keepRevisions < 0 || runMillis < 0 || batchRows < 2) {
            throw new IllegalArgumentException("compaction keeps >= 0 revisions, joins runs of >= 0 ms and reads >= 2 rows a batch");
        }
    }
}
