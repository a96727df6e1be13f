package dev.tandem.metrics;

import dev.tandem.vertx.VertxInternals;
import dev.tandem.gateway.GatewayMetrics;
import dev.tandem.gateway.MetricsEndpoint;
import dev.tandem.history.HistoryMetrics;
import dev.tandem.presence.RedisMetrics;
import dev.tandem.sequencer.SequencerManager;
import dev.tandem.sequencer.SequencerMetrics;
import dev.tandem.storage.EmbeddedPostgresSupervisor;
import dev.tandem.storage.GroupCommitter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's metrics: one Prometheus registry with Tandem's own meters (connections, operations,
 * sequencers, group commits, Redis errors, event-loop lag, memory per document), the JVM's, and,
 * when the node's Vert.x was built through {@link #instrument}, Vert.x's own (HTTP server, event
 * bus, pools). Every meter is described in docs/OPERATIONS.md.
 *
 * <p>Life cycle: {@link #create} before Vert.x (to {@link #configure} and {@link #instrument} it), {@link #attach} once the
 * sequencer manager and committer exist, {@link #close} when the node stops. A disabled instance
 * hands out the no-op reporters and serves no {@code /metrics}.
 */
public final class TandemMetrics implements MetricsEndpoint, AutoCloseable {
    private volatile double warmUpSeconds;
    private volatile long warmUpOperations;
    private static final Logger LOG = LoggerFactory.getLogger(TandemMetrics.class);
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final AtomicInteger REGISTRIES = new AtomicInteger();

    private final PrometheusMeterRegistry registry;
    private final GatewayMetrics gateway;
    private final SequencerMetrics sequencers;
    private final GroupCommitter.CommitListener commits;
    private final RedisMetrics redis;
    private final HistoryMetrics history;
    private final JvmGcMetrics gcMetrics;
    private EventLoopLag lag;
    private HeapPerDocument heap;

    private TandemMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        if (registry == null) {
            gateway = GatewayMetrics.NONE;
            sequencers = SequencerMetrics.NONE;
            commits = GroupCommitter.CommitListener.NONE;
            redis = RedisMetrics.NONE;
            history = HistoryMetrics.NONE;
            gcMetrics = null;
            return;
        }
        gateway = new GatewayMeters(registry);
        sequencers = new SequencerMeters(registry);
        commits = new CommitMeters(registry);
        redis = new RedisMeters(registry);
        history = new HistoryMeters(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Metrics for node {@code nodeId} (a {@code node} label on every series), or the no-op set when not {@code enabled}. */
    public static TandemMetrics create(String nodeId, boolean enabled) {
        if (!enabled) {
            return new TandemMetrics(null);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", nodeId);
        return new TandemMetrics(registry);
    }

    /**
     * Turns Vert.x's own metrics (HTTP server, event bus, client pools) on in {@code options};
     * build the instance with them and a builder passed through {@link #instrument}.
     */
    public VertxOptions configure(VertxOptions options) {
        if (registry == null) {
            return options;
        }
        // Vert.x keeps backends in a JVM-wide map by registry name: one name per node, or a second
        // node in the same JVM would report into the first one's registry.
        // TCP clients (Redis: "tandem-redis"; PostgreSQL: "", its driver passes no name) are told
        // apart by a client_name label: without it both registered the same vertx_net_client_*
        // gauges, Micrometer kept the first one's and warned.
        return options.setMetricsOptions(new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(false) // bound here already, once
                .addLabels(Label.CLIENT_NAME)
                .setRegistryName("tandem-" + REGISTRIES.incrementAndGet()));
    }

    /** Makes the Vert.x instance {@code builder} builds report into this registry (with options from {@link #configure}). */
    public VertxBuilder instrument(VertxBuilder builder) {
        return registry == null ? builder : builder.withMetrics(new MicrometerMetricsFactory(registry));
    }

    /**
     * Starts what needs the running node: gauges of active documents and the commit queue, the
     * event-loop lag probes, and the memory-per-document estimate (its baseline is taken now, on
     * a worker thread, so call this before any document is loaded).
     */
    public void attach(Vertx vertx, SequencerManager manager, GroupCommitter committer) {
        if (registry == null) {
            return;
        }
        Gauge.builder("tandem_active_documents", manager::activeCount)
                .description("Documents whose sequencer runs on this node (loaded, in memory)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("tandem_commit_queue_revisions", committer::pending)
                .description("Revisions sequenced but not yet committed (queued or in flight to PostgreSQL)")
                .strongReference(true)
                .register(registry);
        heap = new HeapPerDocument(manager::activeCount);
        Gauge.builder("memory_per_active_doc", heap::bytesPerDocument)
                .description("SLI: estimated heap per active document = (heap used after the last GC - heap used "
                        + "after GC with no document active, measured at start-up) / active documents; NaN with none")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        Gauge.builder("tandem_heap_after_gc", heap::afterLastGc)
                .description("Heap used right after the last garbage collection (live data plus old garbage)")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        Gauge.builder("tandem_heap_baseline", heap::baseline)
                .description("Heap used after GC with no document active: the baseline of memory_per_active_doc")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        HeapPerDocument h = heap;
        vertx.executeBlocking(() -> {
            h.measureBaseline();
            return null;
        }, false).onFailure(e -> LOG.warn("could not measure the heap baseline: {}", e.toString()));
        lag = new EventLoopLag(registry, VertxInternals.eventLoops(vertx), EventLoopLag.DEFAULT_INTERVAL_MS);
        lag.start();
    }

    /**
     * Reports the supervision of the node's embedded PostgreSQL ({@code tandem_embedded_postgres_*});
     * a node on an external database has none.
     */
    public void attach(EmbeddedPostgresSupervisor supervisor) {
        if (registry != null) {
            EmbeddedPostgresMeters.register(registry, supervisor);
        }
    }

    /**
     * The start-up warm-up took {@code millis} and ran {@code operations} acknowledged operations
     * ({@code tandem_warmup_seconds}, {@code tandem_warmup_operations}).
     */
    public void warmedUp(long millis, long operations) {
        warmUpSeconds = millis / 1000.0;
        warmUpOperations = operations;
        if (registry != null) {
            Gauge.builder("tandem_warmup_seconds", this, m -> m.warmUpSeconds)
                    .description("How long the start-up warm-up ran before the node said ready")
                    .baseUnit("seconds").register(registry);
            Gauge.builder("tandem_warmup_operations", this, m -> m.warmUpOperations)
                    .description("Operations the start-up warm-up ran through the node's own gateway")
                    .register(registry);
        }
    }

    public GatewayMetrics gateway() {
        return gateway;
    }

    public SequencerMetrics sequencers() {
        return sequencers;
    }

    public GroupCommitter.CommitListener commits() {
        return commits;
    }

    /** For the Redis-backed roster and rate limits. */
    public RedisMetrics redis() {
        return redis;
    }

    /** What the background compaction of old history reports. */
    public HistoryMetrics history() {
        return history;
    }

    /** The registry, for components that add meters of their own; empty when metrics are off. */
    public Optional<MeterRegistry> registry() {
        return Optional.ofNullable(registry);
    }

    @Override
    public boolean enabled() {
        return registry != null;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public String scrape() {
        return registry == null ? "" : registry.scrape(CONTENT_TYPE);
    }

    /** Stops the probes and listeners and closes the registry. */
    @Override
    public void close() {
        if (lag != null) {
            lag.close();
        }
        if (heap != null) {
            heap.close();
        }
        if (gcMetrics != null) {
            gcMetrics.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
