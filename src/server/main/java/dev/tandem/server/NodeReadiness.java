package dev.tandem.server;

import dev.tandem.vertx.VertxInternals;
import dev.tandem.gateway.Readiness;
import dev.tandem.storage.DocumentStore;
import dev.tandem.storage.EmbeddedPostgresSupervisor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.Optional;

/**
 * The readiness checks every node starts with: the database answers (an embedded one that died
 * is reported as such while it is restarted), a clustered node is a member of its cluster, and
 * the start-up warm-up is over. The cluster code may replace "cluster" with a finer check (ownership
 * table in sync, say) by adding its own probe under that name.
 */
final class NodeReadiness {
    private NodeReadiness() {
    }

    static Readiness create(Vertx vertx, DocumentStore store, Optional<EmbeddedPostgresSupervisor> embedded,
            java.util.function.BooleanSupplier warm) {
        return new Readiness()
                .add("database", () -> embedded.filter(s -> !s.up())
                        .<Future<?>>map(s -> Future.failedFuture("embedded PostgreSQL down for " + s.downForMs()
                                + " ms; the node is restarting it"))
                        .orElseGet(store::ping))
                .add("cluster", () -> clusterJoined(vertx))
                .add("warmup", () -> warm.getAsBoolean() ? Future.succeededFuture()
                        : Future.failedFuture("warming up: running the hot paths before taking users"));
    }

    private static Future<?> clusterJoined(Vertx vertx) {
        if (!vertx.isClustered()) {
            return Future.succeededFuture(); // a single node has nothing to join
        }
        ClusterManager cluster = VertxInternals.clusterManager(vertx);
        return cluster != null && cluster.isActive() ? Future.succeededFuture()
                : Future.failedFuture("not a member of the cluster");
    }
}
