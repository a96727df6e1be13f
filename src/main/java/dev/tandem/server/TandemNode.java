package dev.tandem.server;

import dev.tandem.bus.Codecs;
import dev.tandem.cluster.Cluster;
import dev.tandem.cluster.HazelcastOwnership;
import dev.tandem.gateway.GatewayContext;
import dev.tandem.gateway.GatewayMetrics;
import dev.tandem.gateway.GatewayVerticle;
import dev.tandem.limits.WindowRateLimits;
import dev.tandem.presence.EmbeddedRedis;
import dev.tandem.presence.LocalPresenceRoster;
import dev.tandem.presence.RedisPresenceRoster;
import dev.tandem.presence.PresenceRoster;
import dev.tandem.sequencer.DocumentOwnership;
import dev.tandem.sequencer.LocalOwnership;
import dev.tandem.sequencer.SequencerClient;
import dev.tandem.sequencer.SequencerManager;
import dev.tandem.sequencer.SequencerMetrics;
import dev.tandem.storage.DocumentStore;
import dev.tandem.storage.GroupCommitter;
import dev.tandem.storage.PgStorage;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.function.Consumer;
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
    private PgStorage storage;
    private Cluster cluster;
    private EmbeddedRedis embeddedRedis;
    private Redis redis;
    private PresenceRoster roster;
    private WindowRateLimits limits;
    private HazelcastOwnership clusterOwnership;
    private DocumentStore store;
    private SequencerManager manager;
    private GroupCommitter committer;
    private String gatewayDeployment;

    private TandemNode(Vertx vertx, boolean ownsVertx, TandemOptions options) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.options = options;
    }

    /** Starts a node on a Vert.x instance of its own, clustered if the options say so. */
    public static Future<TandemNode> start(TandemOptions options) {
        if (!options.cluster().enabled()) {
            return start(Vertx.vertx(), true, options);
        }
        return Cluster.join(options.cluster(), new VertxOptions()).compose(cluster -> {
            TandemNode node = new TandemNode(cluster.vertx(), true, options);
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

    /** Starts a node on {@code vertx} (which the caller closes). */
    public static Future<TandemNode> start(Vertx vertx, TandemOptions options) {
        return start(vertx, false, options);
    }

    private static Future<TandemNode> start(Vertx vertx, boolean ownsVertx, TandemOptions options) {
        TandemNode node = new TandemNode(vertx, ownsVertx, options);
        return node.startUp().map(v -> node).recover(e -> node.stop().transform(x -> {
            if (ownsVertx) {
                vertx.close();
            }
            return Future.failedFuture(e);
        }));
    }

    private Future<Void> startUp() {
        Codecs.register(vertx.eventBus());
        return PgStorage.start(vertx, options.storage()).compose(pg -> {
            storage = pg;
            store = pg.store();
            LOG.info("database schema at version {}", pg.schemaVersion());
            committer = new GroupCommitter(vertx, store, options.commitLanes(), options.commitMaxBatch(),
                    new GroupCommitter.CommitListener() {
                        @Override
                        public void batchCommitted(int size, long nanos) {
                        }

                        @Override
                        public void batchFailed(int size, Throwable cause) {
                        }
                    });
            manager = new SequencerManager(vertx, store, committer, options.sequencer(), SequencerMetrics.NONE);
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
        }).compose(ownership -> startRedis().map(v -> ownership)).compose(ownership -> {
            SequencerClient sequencers = new SequencerClient(vertx, ownership, options.gateway().requestTimeoutMs());
            Consumer<String> redisError = what -> { };
            roster = redis == null ? new LocalPresenceRoster()
                    : new RedisPresenceRoster(vertx, redis, options.presenceTtlMs(), redisError);
            limits = new WindowRateLimits(vertx, redis, options.gateway().opsPerSecond(), options.presencePerSecond(),
                    redisError);
            GatewayContext ctx = new GatewayContext(options.nodeId(), options.gateway(), sequencers, store, roster,
                    limits, GatewayMetrics.NONE);
            return vertx.deployVerticle(() -> new GatewayVerticle(ctx),
                    new DeploymentOptions().setInstances(options.gateway().instances()));
        }).map(id -> {
            gatewayDeployment = id;
            LOG.info("Tandem node {} listening on http://{}:{}", options.nodeId(), options.gateway().host(),
                    options.gateway().port());
            return null;
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
            redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(u).setMaxPoolSize(8)
                    .setMaxPoolWaiting(2048).setMaxWaitingHandlers(4096));
            return null;
        });
    }

    /** Stops the gateways (clients are told to reconnect), the sequencers (snapshots), storage. */
    public Future<Void> stop() {
        Future<Void> f = gatewayDeployment == null ? Future.succeededFuture()
                : vertx.undeploy(gatewayDeployment).recover(e -> Future.succeededFuture());
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
        return f;
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

    public SequencerManager sequencers() {
        return manager;
    }

    public int port() {
        return options.gateway().port();
    }
}
