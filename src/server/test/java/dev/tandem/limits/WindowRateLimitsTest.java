package dev.tandem.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.limits.RateLimits.Kind;
import dev.tandem.presence.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster-wide limits against a real Redis: counts reach Redis only once a node's share of a
 * user's second is worth telling, and then another node sharing that Redis refuses what the first
 * one used up; without Redis a node limits on its own. The limiters run on a clock of the test's, held
 * inside one second, so no count slips into the next window on a slow machine.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowRateLimitsTest {
    private Vertx vertx;
    private Redis redis;
    private final AtomicInteger errors = new AtomicInteger();
    /** Somewhere inside a second; unique per run, so keys of earlier runs do not interfere. */
    private final long second = System.currentTimeMillis() / 1000 + 7 * 24 * 3600;
    private final LongSupplier clock = () -> second * 1000 + 500;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, TestRedis.url());
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aUserFarBelowTheLimitCostsNoRedisCommands() throws Exception {
        WindowRateLimits limits = new WindowRateLimits(vertx, redis, 2000, 25, e -> errors.incrementAndGet(), clock);
        String user = "quiet-" + System.nanoTime();
        for (int i = 0; i < WindowRateLimits.LOCAL_SHARE; i++) {
            assertEquals(0, limits.acquire(Kind.OPS, user));
        }
        // A presence update of someone else in the same second goes to Redis (25 / 10 = 2 reach it):
        // once that has arrived, a flush that would have carried the quiet user's count has run too.
        String mover = "mover-" + System.nanoTime();
        limits.acquire(Kind.PRESENCE, mover);
        limits.acquire(Kind.PRESENCE, mover);
        waitFor(() -> count("PRESENCE", mover, second) == 2, "the mover's count in Redis");
        assertEquals(0, count("OPS", user, second), "ten operations of a 2000/s limit stay on the node");
        limits.close();
        assertEquals(0, errors.get());
    }

    @Test
    void whatOneNodeUsedUpAnotherRefuses() throws Exception {
        WindowRateLimits a = new WindowRateLimits(vertx, redis, 20, 25, e -> errors.incrementAndGet(), clock);
        WindowRateLimits b = new WindowRateLimits(vertx, redis, 20, 25, e -> errors.incrementAndGet(), clock);
        String user = "spread-" + System.nanoTime();
        for (int i = 0; i < 15; i++) {
            assertEquals(0, a.acquire(Kind.OPS, user), "a is within the limit");
        }
        waitFor(() -> count("OPS", user, second) == 15, "a's count in Redis");
        assertEquals(0, b.acquire(Kind.OPS, user), "b does not know yet (the price of deciding locally)");
        b.acquire(Kind.OPS, user); // b's share reaches 20 / 10 = 2: from now on b reports it
        waitFor(() -> b.believedCount(Kind.OPS, user) == 17, () -> "b learning the total from Redis: b believes "
                + b.believedCount(Kind.OPS, user) + ", Redis has " + count("OPS", user, second));
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            if (b.acquire(Kind.OPS, user) == 0) {
                allowed++;
            }
        }
        assertEquals(3, allowed, "b let through only what was left of the 20");
        assertEquals(500, b.acquire(Kind.OPS, user), "and refuses until the next second");
        a.close();
        b.close();
        assertEquals(0, errors.get());
    }

    @Test
    void withoutRedisANodeLimitsOnItsOwn() throws Exception {
        WindowRateLimits limits = new WindowRateLimits(vertx, null, 20, 25, e -> errors.incrementAndGet(), clock);
        String user = "alone-" + System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertEquals(0, limits.acquire(Kind.OPS, user));
        }
        assertEquals(500, limits.acquire(Kind.OPS, user), "the 21st waits for the next second");
        limits.close();
    }

    private long count(String kind, String user, long second) {
        // (the window's second is the test clock's)
        try {
            Response r = redis.send(Request.cmd(Command.GET).arg("tandem:rate:{" + kind + ":" + user + "}:" + second))
                    .await(5, TimeUnit.SECONDS);
            return r == null ? 0 : r.toLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        waitFor(condition, () -> what);
    }

    private static void waitFor(BooleanSupplier condition, java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(2); // polling a condition
        }
    }
}
