package dev.tandem.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every Vert.x internal API the node uses still works as the node needs it (a Vert.x upgrade that changes one fails here). */
class VertxInternalsTest {

    @Test
    void everyInternalTheNodeUsesStillDoesWhatItNeeds() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            Context a = VertxInternals.newEventLoopContext(vertx);
            Context b = VertxInternals.newEventLoopContext(vertx);
            assertTrue(a.isEventLoopContext() && b.isEventLoopContext());
            assertNotSame(a, b);
            assertEquals(2, VertxInternals.eventLoops(vertx).iterator().hasNext() ? count(vertx) : 0);
            assertNull(VertxInternals.clusterManager(vertx), "not clustered");

            Promise<String> promise = VertxInternals.promiseOn(a);
            CompletableFuture<Context> ranOn = new CompletableFuture<>();
            promise.future().onComplete(ar -> ranOn.complete(Vertx.currentContext()));
            b.runOnContext(v -> promise.complete("done"));
            Context ctx = ranOn.get(10, TimeUnit.SECONDS);
            assertNotNull(ctx);
            assertTrue(ctx == a || ((io.vertx.core.internal.ContextInternal) ctx).unwrap() == a,
                    "callbacks of the promise run on the context it was made for");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static int count(Vertx vertx) {
        int n = 0;
        for (var ignored : VertxInternals.eventLoops(vertx)) {
            n++;
        }
        return n;
    }
}
