package dev.tandem.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.tandem.sequencer.DocumentOwnership.NodeInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clustered Vert.x on a Hazelcast member configured from {@code cluster.xml}: the event bus
 * spans the nodes, and Hazelcast's partition table decides which node owns which document.
 */
public final class Cluster {
    /** Hazelcast member attribute holding a member's Vert.x node id (set by vertx-hazelcast). */
    static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";
    /** Hazelcast member attribute: the Tandem node's id (as in logs and {@code opened.owner}). */
    static final String TANDEM_NODE_ATTRIBUTE = "tandem.node";
    /** Hazelcast member attribute: the WebSocket URL clients of this node use. */
    static final String TANDEM_WS_ATTRIBUTE = "tandem.ws";

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    private final Vertx vertx;
    private final HazelcastClusterManager manager;
    private final HazelcastInstance hazelcast;

    private Cluster(Vertx vertx, HazelcastClusterManager manager, HazelcastInstance hazelcast) {
        this.vertx = vertx;
        this.manager = manager;
        this.hazelcast = hazelcast;
    }


    /**
     * Starts a Hazelcast member for Tandem node {@code self} and a clustered Vert.x on it,
     * {@code customize} adding to the Vert.x builder (metrics, say). With {@code lite}, the member
     * joins as a Hazelcast lite member, which owns no partition (so no document) until
     * {@link #promote()}: a node warms up before the cluster hands it documents. A member that
     * finds no data member in the cluster (the first one) is promoted at once, as the cluster's
     * shared maps need one.
     */
    public static Future<Cluster> join(ClusterOptions options, VertxOptions vertxOptions, NodeInfo self,
            UnaryOperator<VertxBuilder> customize, boolean lite) {
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
        config.getMemberAttributeConfig().setAttribute(TANDEM_NODE_ATTRIBUTE, self.nodeId())
                .setAttribute(TANDEM_WS_ATTRIBUTE, self.wsUrl());
        if (!lite) {
            HazelcastClusterManager manager = new HazelcastClusterManager(config);
            return customize.apply(Vertx.builder().with(vertxOptions).withClusterManager(manager))
                    .buildClustered()
                    .map(v -> new Cluster(v, manager, null));
        }
        // Our own Hazelcast instance, as a lite member: what vertx-hazelcast would set up itself,
        // plus the lite flag (it reads the Vert.x node id from this member attribute).
        config.setLiteMember(true);
        config.getMemberAttributeConfig().setAttribute(NODE_ID_ATTRIBUTE, UUID.randomUUID().toString());
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        HazelcastInstance instance;
        try {
            instance = Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        if (!hasDataMember(instance)) {
            LOG.info("no data member in the cluster yet: this node becomes one at once");
            instance.getCluster().promoteLocalLiteMember();
        }
        HazelcastClusterManager manager = new HazelcastClusterManager(instance);
        return customize.apply(Vertx.builder().with(vertxOptions).withClusterManager(manager))
                .buildClustered()
                .map(v -> new Cluster(v, manager, instance))
                .onFailure(e -> instance.shutdown());
    }

    private static boolean hasDataMember(HazelcastInstance instance) {
        for (Member m : instance.getCluster().getMembers()) {
            if (!m.isLiteMember()) {
                return true;
            }
        }
        return false;
    }

    /** Whether this member owns no partitions yet (joined as a lite member, not promoted). */
    public boolean isLite() {
        return manager.getHazelcastInstance().getCluster().getLocalMember().isLiteMember();
    }

    /** Makes this lite member a data member: the cluster starts handing it partitions, and so documents. Blocking. */
    public void promote() {
        if (isLite()) {
            manager.getHazelcastInstance().getCluster().promoteLocalLiteMember();
            LOG.info("this node now takes documents (promoted from lite member)");
        }
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

    /** Closes Vert.x, which leaves the event bus, and shuts the Hazelcast member down. Blocking. */
    public void leave(long timeoutMs) throws Exception {
        try {
            vertx.close().await(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } finally {
            if (hazelcast != null) {
                hazelcast.shutdown(); // ours, not Vert.x's: it does not shut down an instance it was given
            }
        }
    }
}
