package dev.tandem.presence;

/**
 * What the Redis-backed parts of a node (the cluster-wide presence roster, rate limits) report;
 * the metrics layer implements it as {@code tandem_redis_errors_total{operation}}.
 */
public interface RedisMetrics {
    RedisMetrics NONE = new RedisMetrics() {
    };

    /**
     * A Redis command failed or timed out. {@code operation} names what the node was doing from a
     * small fixed set ("roster.update", "ratelimit.acquire"), never a key or a document id: every
     * distinct value is a new time series.
     */
    default void redisError(String operation) {
    }
}
