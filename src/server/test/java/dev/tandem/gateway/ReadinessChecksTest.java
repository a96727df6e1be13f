package dev.tandem.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReadinessChecksTest {

    @Test
    void readyOnlyWhenEveryProbePasses(Vertx vertx, VertxTestContext ctx) {
        Readiness r = new Readiness(200)
                .add("database", Future::succeededFuture)
                .add("cluster", () -> Future.failedFuture("not a member of the cluster"));
        r.check(vertx).onComplete(ctx.succeeding(report -> ctx.verify(() -> {
            assertFalse(report.ready());
            assertEquals("ok", report.checks().get("database"));
            assertEquals("not a member of the cluster", report.checks().get("cluster"));
            assertEquals("not ready", report.toJson().getString("status"));
            ctx.completeNow();
        })));
    }

    @Test
    void aProbeThatNeverAnswersFailsAtTheTimeout(Vertx vertx, VertxTestContext ctx) {
        long started = System.nanoTime();
        Readiness r = new Readiness(100).add("database", () -> Promise.promise().future());
        r.check(vertx).onComplete(ctx.succeeding(report -> ctx.verify(() -> {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertFalse(report.ready());
            assertEquals("no answer within 100 ms", report.checks().get("database"));
            assertTrue(ms >= 90 && ms < 5_000, "answered after " + ms + " ms");
            ctx.completeNow();
        })));
    }

    @Test
    void aThrowingProbeFailsAndAProbeUnderTheSameNameReplacesIt(Vertx vertx, VertxTestContext ctx) {
        Readiness r = new Readiness(200).add("cluster", () -> {
            throw new IllegalStateException("boom");
        });
        r.check(vertx).compose(first -> {
            ctx.verify(() -> assertEquals("boom", first.checks().get("cluster")));
            r.add("cluster", Future::succeededFuture);
            return r.check(vertx);
        }).onComplete(ctx.succeeding(second -> ctx.verify(() -> {
            assertTrue(second.ready());
            assertEquals(1, second.checks().size());
            assertEquals("ready", second.toJson().getString("status"));
            ctx.completeNow();
        })));
    }

    @Test
    void closeCodesFromTheClientTellAGoodbyeFromADrop() {
        assertEquals(CloseCause.CLIENT, CloseCause.fromClientCode((short) 1000));
        assertEquals(CloseCause.CLIENT, CloseCause.fromClientCode((short) 1001));
        assertEquals(CloseCause.CLIENT, CloseCause.fromClientCode((short) 1005));
        assertEquals(CloseCause.NETWORK, CloseCause.fromClientCode(null));
        assertEquals(CloseCause.NETWORK, CloseCause.fromClientCode((short) 1006));
        assertEquals(CloseCause.CLIENT_ERROR, CloseCause.fromClientCode((short) 1002));
        assertFalse(CloseCause.CLIENT.dropped());
        for (CloseCause c : CloseCause.values()) {
            assertEquals(c != CloseCause.CLIENT, c.dropped(), c.name());
        }
    }
}
