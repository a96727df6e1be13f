package dev.tandem.metrics;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.sequencer.SequencerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * What the sequencers of this node do: loads (the {@code document_load_time} SLI), unloads,
 * queueing, duplicates and rejections. Rejections here are the sequencer's own verdicts; the
 * gateway counts what clients were told in {@code tandem_ops_rejected}.
 */
final class SequencerMeters implements SequencerMetrics {
    private final MeterRegistry registry;
    private final Timer loadTime;
    private final DistributionSummary replayed;
    private final Counter unloaded;
    private final DistributionSummary queueDepth;
    private final Counter duplicates;
    private final Counter[] rejected = new Counter[ErrorCode.values().length];

    SequencerMeters(MeterRegistry registry) {
        this.registry = registry;
        loadTime = Timer.builder("document_load_time")
                .description("SLI: time to load a document into its sequencer (latest snapshot plus the revisions after it)")
                .serviceLevelObjectives(Slo.LOAD)
                .register(registry);
        replayed = DistributionSummary.builder("tandem_document_load_revisions")
                .description("Revisions replayed on top of the snapshot when a document loads (snapshots keep it small)")
                .serviceLevelObjectives(Slo.COUNTS)
                .register(registry);
        unloaded = Counter.builder("tandem_documents_unloaded")
                .description("Sequencers stopped: idle documents unloaded, failed commits, shutdown")
                .register(registry);
        queueDepth = DistributionSummary.builder("tandem_sequencer_queue_depth")
                .description("Requests waiting in a document's sequencer queue, seen by each arriving request "
                        + "(itself included; 1 = no wait); _max is the longest queue of the last minutes")
                .serviceLevelObjectives(Slo.COUNTS)
                .register(registry);
        duplicates = Counter.builder("tandem_ops_duplicate")
                .description("Resubmitted operations recognised as already committed and acknowledged again")
                .register(registry);
    }

    @Override
    public void documentLoaded(long nanos, int revisionsReplayed) {
        loadTime.record(nanos, TimeUnit.NANOSECONDS);
        replayed.record(revisionsReplayed);
    }

    @Override
    public void documentUnloaded() {
        unloaded.increment();
    }

    @Override
    public void queueDepth(int depth) {
        queueDepth.record(depth);
    }

    @Override
    public void duplicate() {
        duplicates.increment();
    }

    @Override
    public void rejected(ErrorCode code) {
        Counter c = rejected[code.ordinal()];
        if (c == null) {
            c = Counter.builder("tandem_sequencer_rejected")
                    .description("Operations the sequencer refused (stale, does not fit, too large...), by code")
                    .tag("code", code.name())
                    .register(registry);
            rejected[code.ordinal()] = c;
        }
        c.increment();
    }
}
