package dev.tandem.metrics;

import dev.tandem.history.HistoryMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The background compaction of old history: revision rows and bytes it freed, batches by outcome. */
final class HistoryMeters implements HistoryMetrics {
    private final MeterRegistry registry;
    private final Counter rows;
    private final Counter bytes;
    private final Counter snapshots;
    private final Map<String, Counter> batches = new ConcurrentHashMap<>();

    HistoryMeters(MeterRegistry registry) {
        this.registry = registry;
        rows = Counter.builder("tandem_history_compacted_revisions")
                .description("Revision rows compaction removed (joined into the row of their run's last revision)")
                .register(registry);
        bytes = Counter.builder("tandem_history_compacted_bytes")
                .description("Bytes of row data compaction freed (pg_column_size of removed rows, less what rewritten rows grew)")
                .baseUnit("bytes")
                .register(registry);
        snapshots = Counter.builder("tandem_history_snapshots_dropped")
                .description("Old snapshots compaction dropped, keeping one per --compaction-snapshot-spacing revisions")
                .register(registry);
        for (String outcome : new String[] {"done", "more", "busy", "failed"}) {
            batch(outcome, 0);
        }
    }

    @Override
    public void compacted(long removed, long freed) {
        rows.increment(removed);
        bytes.increment(freed);
    }

    @Override
    public void snapshotsDropped(long n) {
        snapshots.increment(n);
    }

    @Override
    public void batch(String outcome) {
        batch(outcome, 1);
    }

    private void batch(String outcome, double n) {
        batches.computeIfAbsent(outcome, o -> Counter.builder("tandem_history_compaction_batches")
                .description("Compaction batches by outcome: done (the document has nothing more to compact for now), "
                        + "more, busy (another node compacts), failed")
                .tag("outcome", o)
                .register(registry)).increment(n);
    }
}
