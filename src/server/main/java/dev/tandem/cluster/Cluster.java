package dev.tandem.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A clustered Vert.x on a Hazelcast member configured from {@code cluster.xml}: the event bus
 * spans the nodes, and Hazelcast's partition table decides which node owns which document.
 */
public final class Cluster {
    /** Hazelcast member attribute holding a member's Vert.x node id (set by vertx-hazelcast). */
    static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

    private final Vertx vertx;
    private final HazelcastClusterManager manager;

    private Cluster(Vertx vertx, HazelcastClusterManager manager) {
        this.vertx = vertx;
        this.manager = manager;
    }

    /** Starts a Hazelcast member and a clustered Vert.x on it. Blocks a worker thread while joining. */
    public static Future<Cluster> join(ClusterOptions options, VertxOptions vertxOptions) {
        return join(options, vertxOptions, UnaryOperator.identity());
    }

    /** As {@link #join(ClusterOptions, VertxOptions)}, {@code customize} adding to the builder (metrics, say). */
    public static Future<Cluster> join(ClusterOptions options, VertxOptions vertxOptions,
            UnaryOperator<VertxBuilder> customize) {
        Path configFile = Path.of(options.config()).toAbsolutePath();
        if (!Files.isRegularFile(configFile)) {
            return Future.failedFuture(new IllegalArgumentException("cluster configuration " + configFile
                    + " not found (set TANDEM_CLUSTER_CONFIG)"));
        }
        Config config;
        try {
            config = new FileSystemXmlConfig(configFile.toFile());
        } catch (FileNotFoundException e) {
            return Future.failedFuture(e);
        }
        if (options.name() != null) {
            config.setClusterName(options.name());
        }
        vertxOptions.getEventBusOptions().setHost(options.host()).setPort(options.port());
        HazelcastClusterManager manager = new HazelcastClusterManager(config);
        return customize.apply(Vertx.builder().with(vertxOptions).withClusterManager(manager))
                .buildClustered()
                .map(v -> new Cluster(v, manager));
    }

    public Vertx vertx() {
        return vertx;
    }

    public HazelcastInstance hazelcast() {
        return manager.getHazelcastInstance();
    }

    /** This node's Vert.x node id. */
    public String nodeId() {
        return manager.getNodeId();
    }

    /** Closes Vert.x, which leaves the event bus and shuts the Hazelcast member down. Blocking. */
    public void leave(long timeoutMs) throws Exception {
        vertx.close().await(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
