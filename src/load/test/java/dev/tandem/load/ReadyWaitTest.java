package dev.tandem.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.server.TandemNode;
import dev.tandem.server.TandemOptions;
import dev.tandem.server.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --cold}'s wait: it returns only once a starting node (warming up, so 503 at first) says ready. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadyWaitTest {

    @Test
    void returnsOnceAWarmingNodeSaysReadyAndNotBefore() throws Exception {
        Vertx vertx = Vertx.vertx();
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl()).setWarmUpOps(2000).setWarmUpSeconds(60);
        Future<TandemNode> starting = TandemNode.start(vertx, options);
        TandemNode node = null;
        try {
            ReadyWait.Ready ready = new ReadyWait().await(List.of("http://127.0.0.1:" + options.gateway().port()), 90);
            assertTrue(ready.polls() > 1, "the node was not ready at the first poll (it warms up first): " + ready);
            assertTrue(ready.waitedSeconds() > 0, ready.toString());
            // The node says ready as its start-up ends: the start must be (about to be) complete.
            node = starting.await(5, TimeUnit.SECONDS);
            double warmUpOps = node.metrics().registry().orElseThrow().find("tandem_warmup_operations").gauge().value();
            assertTrue(warmUpOps >= 2000, "the warm-up ran before ready: " + warmUpOps);
        } finally {
            if (node == null) {
                node = starting.await(60, TimeUnit.SECONDS);
            }
            TestNodes.stop(node);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aNodeThatNeverAnswersIsAnErrorNamingItsUrl() {
        int port = TestNodes.freePort(); // nothing listens there
        IOException e = assertThrows(IOException.class,
                () -> new ReadyWait().await(List.of("http://127.0.0.1:" + port), 1));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port + "/ready"), e.getMessage());
        assertEquals(true, e.getMessage().contains("within 1 s"), e.getMessage());
    }
}
