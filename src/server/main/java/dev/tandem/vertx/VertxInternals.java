package dev.tandem.vertx;

import io.netty.channel.EventLoopGroup;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;

/**
 * The node's one door to Vert.x internal APIs ({@code io.vertx.core.internal}), which a Vert.x
 * minor release may change: every use in the server goes through here, and
 * {@code VertxInternalsTest} calls each one, so such a change fails one test by name instead of
 * breaking the node silently.
 */
public final class VertxInternals {
    private VertxInternals() {
    }

    /** A new event-loop context (the next event loop, round robin), for work not owned by a verticle. */
    public static Context newEventLoopContext(Vertx vertx) {
        return ((VertxInternal) vertx).createEventLoopContext();
    }

    /** A promise whose callbacks run on {@code context}. */
    public static <T> Promise<T> promiseOn(Context context) {
        return ((ContextInternal) context).promise();
    }

    /** The event loops themselves (to measure how late their tasks start). */
    public static EventLoopGroup eventLoops(Vertx vertx) {
        return ((VertxInternal) vertx).eventLoopGroup();
    }

    /** The cluster manager of a clustered instance, or null. */
    public static ClusterManager clusterManager(Vertx vertx) {
        return ((VertxInternal) vertx).clusterManager();
    }
}
