package dev.tandem.metrics;

import dev.tandem.storage.GroupCommitter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Group commits to PostgreSQL: how long each statement took, how many revisions it carried, how many failed. */
final class CommitMeters implements GroupCommitter.CommitListener {
    private final Timer latency;
    private final DistributionSummary batchSize;
    private final Counter failures;
    private final Counter failedRevisions;

    CommitMeters(MeterRegistry registry) {
        latency = Timer.builder("tandem_pg_commit")
                .description("PostgreSQL group commit latency: one INSERT of a batch of revisions, durable on return")
                .serviceLevelObjectives(Slo.LATENCY)
                .register(registry);
        batchSize = DistributionSummary.builder("tandem_pg_commit_batch_size")
                .description("Revisions per group commit")
                .serviceLevelObjectives(Slo.COUNTS)
                .register(registry);
        failures = Counter.builder("tandem_pg_commit_failures")
                .description("Group commits that failed (their documents reload and their clients resubmit)")
                .register(registry);
        failedRevisions = Counter.builder("tandem_pg_commit_failed_revisions")
                .description("Revisions in group commits that failed")
                .register(registry);
    }

    @Override
    public void batchCommitted(int size, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        batchSize.record(size);
    }

    @Override
    public void batchFailed(int size, Throwable cause) {
        failures.increment();
        failedRevisions.increment(size);
    }
}
