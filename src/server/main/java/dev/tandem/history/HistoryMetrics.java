package dev.tandem.history;

/**
 * What the compaction of old history reports; the metrics layer implements it as
 * {@code tandem_history_compacted_revisions_total}, {@code tandem_history_compacted_bytes_total}
 * {@code tandem_history_snapshots_dropped_total} and {@code tandem_history_compaction_batches_total{outcome}}.
 */
public interface HistoryMetrics {
    HistoryMetrics NONE = new HistoryMetrics() {
    };

    /** A batch ran: it removed {@code rows} revision rows and freed {@code bytes} of row data. */
    default void compacted(long rows, long bytes) {
    }

    /** A batch dropped {@code n} old snapshots (thinned to one per snapshot spacing). */
    default void snapshotsDropped(long n) {
    }

    /** A batch ended with {@code outcome}: {@code done}, {@code more}, {@code busy} (another node compacts) or {@code failed}. */
    default void batch(String outcome) {
    }
}
