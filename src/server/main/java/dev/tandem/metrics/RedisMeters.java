package dev.tandem.metrics;

import dev.tandem.presence.RedisMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Redis failures by operation, for the Redis-backed roster and rate limits. */
final class RedisMeters implements RedisMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    RedisMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void redisError(String operation) {
        errors.computeIfAbsent(operation, op -> Counter.builder("tandem_redis_errors")
                .description("Redis commands that failed or timed out, by what the node was doing")
                .tag("operation", op)
                .register(registry)).increment();
    }
}
