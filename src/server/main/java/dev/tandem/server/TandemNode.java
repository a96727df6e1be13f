package dev.tandem.server;

import dev.tandem.ot.DocumentTypes;
import java.util.ArrayList;
import java.util.List;
import dev.tandem.bus.Codecs;
import dev.tandem.cluster.Cluster;
import dev.tandem.cluster.HazelcastOwnership;
import dev.tandem.access.AccessControl;
import dev.tandem.gateway.ConnectionLimiter;
import dev.tandem.gateway.Drain;
import dev.tandem.gateway.GatewayContext;
import dev.tandem.gateway.GatewayVerticle;
import dev.tandem.gateway.Readiness;
import dev.tandem.history.HistoryCompactor;
import dev.tandem.limits.WindowRateLimits;
import dev.tandem.metrics.TandemMetrics;
import dev.tandem.presence.EmbeddedRedis;
import dev.tandem.presence.LocalPresenceRoster;
import dev.tandem.presence.RedisPresenceRoster;
import dev.tandem.presence.PresenceRoster;
import dev.tandem.sequencer.DocumentOwnership;
import dev.tandem.sequencer.LocalOwnership;
import dev.tandem.sequencer.SequencerClient;
import dev.tandem.sequencer.SequencerManager;
import dev.tandem.storage.DocumentStore;
import dev.tandem.storage.GroupCommitter;
import dev.tandem.storage.HistoryStore;
import dev.tandem.storage.PgStorage;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Tandem node, wired: storage (embedded or external PostgreSQL), the group committer, the
 * sequencer manager, and the gateway verticles. {@link #start} brings it up, {@link #stop} takes
 * it down in the reverse order, writing snapshots of the active documents.
 */
public final class TandemNode {
    private static final Logger LOG = LoggerFactory.getLogger(TandemNode.class);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final TandemOptions options;
    private final TandemMetrics metrics;
    private final DocumentTypes types = dev.tandem.ot.types.StandardTypes.registry();
    private Readiness readiness;
    private PgStorage storage;
    private Cluster cluster;
    private EmbeddedRedis embeddedRedis;
    private Redis redis;
    private PresenceRoster roster;
    private WindowRateLimits limits;
    private HazelcastOwnership clusterOwnership;
    private DocumentStore store;
    private HistoryStore history;
    private SequencerManager manager;
    private GroupCommitter committer;
    private String gatewayDeployment;
    private HistoryCompactor compactor;
    private String compactorDeployment;
    private volatile boolean warm;
    private final Drain drain = new Drain();
    private AccessControl access;

    private TandemNode(Vertx vertx, boolean ownsVertx, TandemOptions options, TandemMetrics metrics) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.options = options;
        this.metrics = metrics;
    }

    /** Starts a node on a Vert.x instance of its own (reporting Vert.x's metrics too), clustered if the options say so. */
    public static Future<TandemNode> start(TandemOptions options) {
        TandemMetrics metrics = TandemMetrics.create(options.nodeId(), options.metrics());
        VertxOptions vertxOptions = metrics.configure(new VertxOptions()).setEventLoopPoolSize(options.eventLoops());
        if (!options.cluster().enabled()) {
            return start(metrics.instrument(Vertx.builder().with(vertxOptions)).build(), true, options, metrics);
        }
        DocumentOwnership.NodeInfo self = new DocumentOwnership.NodeInfo(options.nodeId(), options.gateway().publicWsUrl());
        return Cluster.join(options.cluster(), vertxOptions, self, metrics::instrument, options.warmUpOps() > 0)
                .compose(cluster -> {
            TandemNode node = new TandemNode(cluster.vertx(), true, options, metrics);
            node.cluster = cluster;
            return node.startUp().map(v -> node).recover(e -> node.stop().transform(x -> {
                new Thread(() -> {
                    try {
                        cluster.leave(10_000);
                    } catch (Exception ignored) {
                        // already failing
                    }
                }).start();
                return Future.failedFuture(e);
            }));
        });
    }

    /** Starts a node on {@code vertx} (which the caller closes); Tandem's metrics only, not Vert.x's. */
    public static Future<TandemNode> start(Vertx vertx, TandemOptions options) {
        return start(vertx, options, TandemMetrics.create(options.nodeId(), options.metrics()));
    }

    /** Starts a node on {@code vertx} reporting into {@code metrics} (Vert.x's too if {@code vertx} was built with them). */
    public static Future<TandemNode> start(Vertx vertx, TandemOptions options, TandemMetrics metrics) {
        return start(vertx, false, options, metrics);
    }

    private static Future<TandemNode> start(Vertx vertx, boolean ownsVertx, TandemOptions options, TandemMetrics metrics) {
        TandemNode node = new TandemNode(vertx, ownsVertx, options, metrics);
        return node.startUp().map(v -> node).recover(e -> node.stop().transform(x -> {
            if (ownsVertx) {
                vertx.close();
            }
            return Future.failedFuture(e);
        }));
    }

    private Future<Void> startUp() {
        Codecs.register(vertx.eventBus(), types);
        return PgStorage.start(vertx, options.storage()).compose(pg -> {
            storage = pg;
            store = pg.store();
            history = pg.history();
            LOG.info("database schema at version {}", pg.schemaVersion());
            committer = new GroupCommitter(vertx, store, options.commitLanes(), options.commitMaxBatch(), metrics.commits());
            manager = new SequencerManager(vertx, store, committer, options.sequencer(), metrics.sequencers());
            metrics.attach(vertx, manager, committer);
            pg.supervisor().ifPresent(metrics::attach);
            readiness = NodeReadiness.create(vertx, store, pg.supervisor(), () -> warm);
            DocumentOwnership.NodeInfo self = new DocumentOwnership.NodeInfo(options.nodeId(),
                    options.gateway().publicWsUrl());
            if (cluster == null) {
                return Future.succeededFuture(new LocalOwnership(manager, self));
            }
            return HazelcastOwnership.start(vertx, cluster.hazelcast(), manager, self,
                    options.gateway().requestTimeoutMs()).map(o -> {
                        clusterOwnership = o;
                        return (DocumentOwnership) o;
                    });
        }).compose(ownership -> startRedis().map(v -> ownership)).compose(ownership -> vertx.executeBlocking(() -> {
            access = AccessControl.create(vertx, options.access()); // reads key files
            if (access.openMode()) {
                LOG.warn("OPEN MODE: no access-token key is configured (--jwt-secret, --jwt-public-key, --jwks-file), "
                        + "so anyone who reaches this node may read and edit every document");
            } else {
                LOG.info("access tokens required; allowed browser origins besides the node's own: {}",
                        options.access().allowedOrigins().isEmpty() ? "none" : options.access().allowedOrigins());
            }
            return ownership;
        })).compose(ownership -> {
            SequencerClient sequencers = new SequencerClient(vertx, ownership, options.gateway().requestTimeoutMs());
            roster = redis == null ? new LocalPresenceRoster()
                    : new RedisPresenceRoster(vertx, redis, options.presenceTtlMs(), metrics.redis()::redisError);
            limits = new WindowRateLimits(vertx, redis, options.gateway().opsPerSecond(), options.presencePerSecond(),
                    metrics.redis()::redisError);
            GatewayContext ctx = new GatewayContext(options.nodeId(), options.gateway(), types, sequencers, store, history, roster,
                    limits, metrics.gateway(), metrics, readiness, access,
                    new ConnectionLimiter(options.gateway().maxConnectionsPerIp(), options.gateway().connectionLimitExempt()),
                    drain);
            return vertx.deployVerticle(() -> new GatewayVerticle(ctx),
                    new DeploymentOptions().setInstances(options.gateway().instances() > 0
                            ? options.gateway().instances() : options.eventLoops()));
        }).compose(id -> {
            gatewayDeployment = id;
            return startCompactor();
        }).compose(v -> {
            LOG.info("Tandem node {} listening on http://{}:{}", options.nodeId(), options.gateway().host(),
                    options.gateway().port());
            return warmUp();
        });
    }

    /**
     * Runs the start-up warm-up (when configured), then says ready; a clustered node that joined
     * as a lite member is promoted only now, so the cluster hands it documents warm.
     */
    private Future<Void> warmUp() {
        if (options.warmUpOps() <= 0) {
            warm = true;
            return promoteIfLite();
        }
        String host = "0.0.0.0".equals(options.gateway().host()) ? "127.0.0.1" : options.gateway().host();
        WarmUp.Shape shape = WarmUp.Shape.DEFAULT;
        WarmUp w = new WarmUp(vertx, host, options.gateway().port(), options.nodeId(), shape, options.warmUpOps(),
                options.warmUpSeconds() * 1000L).withTokens(access.openMode() ? null : access::internalToken);
        return w.run().compose(result -> {
            metrics.warmedUp(result.millis(), result.operations());
            List<Future<Void>> unloads = new ArrayList<>();
            for (int i = 0; i < shape.documents(); i++) {
                unloads.add(manager.stop(DocumentOwnership.scratchDocument(options.nodeId(), i)));
            }
            return Future.join(unloads).transform(ar -> Future.<Void>succeededFuture());
        }).compose(v -> {
            warm = true;
            return promoteIfLite();
        });
    }

    private Future<Void> promoteIfLite() {
        if (cluster == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            cluster.promote();
            return null;
        });
    }

    /**
     * Deploys the background compaction of old history (docs/OPERATIONS.md): it never touches
     * what a client may still catch up from, so it keeps at least the catch-up limit.
     */
    private Future<Void> startCompactor() {
        if (!options.history().compaction()) {
            return Future.succeededFuture();
        }
        long keep = Math.max(options.sequencer().limits().maxCatchUp(), options.sequencer().limits().historyWindow());
        compactor = new HistoryCompactor(history, options.history(), keep, metrics.history(), System::currentTimeMillis);
        return vertx.deployVerticle(compactor).map(id -> {
            compactorDeployment = id;
            return (Void) null;
        });
    }

    /** Connects to Redis: the configured one, or an embedded one started here; none if "none". */
    private Future<Void> startRedis() {
        String url = options.redisUrl();
        if ("none".equalsIgnoreCase(url)) {
            return Future.succeededFuture();
        }
        Future<String> resolved = url != null ? Future.succeededFuture(url)
                : vertx.executeBlocking(() -> {
                    embeddedRedis = EmbeddedRedis.start(0);
                    return embeddedRedis.url();
                });
        return resolved.map(u -> {
            RedisOptions redisOptions = new RedisOptions().setConnectionString(u).setMaxPoolSize(8)
                    .setMaxPoolWaiting(2048).setMaxWaitingHandlers(4096);
            redisOptions.getNetClientOptions().setMetricsName("tandem-redis"); // the client_name label of its TCP meters
            redis = Redis.createClient(vertx, redisOptions);
            return null;
        });
    }

    /**
     * Drains and stops the node (what SIGTERM does): from now on it refuses new sessions and REST
     * calls and {@code /ready} says 503; its sessions are closed with 1001, so clients reconnect
     * to another node; its sequencers refuse new requests (senders retry and reach the document's
     * next owner), let their commits land and write snapshots; then storage closes.
     */
    public Future<Void> stop() {
        drain.start();
        LOG.info("node {} draining: no new sessions, clients told to reconnect elsewhere", options.nodeId());
        Future<Void> f = gatewayDeployment == null ? Future.succeededFuture()
                : vertx.undeploy(gatewayDeployment).recover(e -> Future.succeededFuture());
        f = f.compose(v -> compactorDeployment == null ? Future.succeededFuture()
                : vertx.undeploy(compactorDeployment).recover(e -> Future.succeededFuture()));
        f = f.compose(v -> manager == null ? Future.succeededFuture() : manager.close());
        f = f.compose(v -> clusterOwnership == null ? Future.succeededFuture()
                : clusterOwnership.close().recover(e -> Future.succeededFuture()));
        f = f.compose(v -> {
            if (limits != null) {
                limits.close();
            }
            return roster == null ? Future.succeededFuture() : roster.close().recover(e -> Future.succeededFuture());
        });
        f = f.compose(v -> embeddedRedis == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
            embeddedRedis.close();
            return null;
        }));
        f = f.compose(v -> storage == null ? Future.succeededFuture() : storage.close().recover(e -> Future.succeededFuture()));
        return f.onComplete(v -> metrics.close());
    }

    /**
     * Stops the node and, if it made its own Vert.x instance, closes that too. Blocking: call it
     * from a plain thread (closing Vert.x from one of its own threads would cut the branch it sits on).
     */
    public void close(long timeout, java.util.concurrent.TimeUnit unit) throws Exception {
        try {
            stop().await(timeout, unit);
        } finally {
            if (cluster != null) {
                cluster.leave(unit.toMillis(timeout));
            } else if (ownsVertx) {
                vertx.close().await(timeout, unit);
            }
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    public TandemOptions options() {
        return options;
    }

    public DocumentStore store() {
        return store;
    }

    /** Named versions, authors, the timeline and compaction. */
    public HistoryStore history() {
        return history;
    }

    public SequencerManager sequencers() {
        return manager;
    }

    public TandemMetrics metrics() {
        return metrics;
    }

    /** The checks behind {@code /ready}; components add theirs with {@link Readiness#add}. */
    public Readiness readiness() {
        return readiness;
    }

    public int port() {
        return options.gateway().port();
    }

    /** Whether anyone may edit (no access-token key configured). */
    public boolean openMode() {
        return access == null || access.openMode();
    }

    /** The node's drain switch: on, it refuses new sessions and REST calls while it shuts down. */
    public Drain drain() {
        return drain;
    }
}
