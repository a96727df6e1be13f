package dev.tandem.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tandem.server.TandemNode;
import dev.tandem.server.TestNodes;
import dev.tandem.vertx.VertxInternals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session asks the sequencers from its own event loop and goes on to write to its outbox,
 * which only that event loop may touch. So every answer comes back on the context that asked,
 * also when the document had no sequencer yet and the request went on from wherever its
 * activation completed (the bug: a session's first open of a document answered on the new
 * sequencer's context).
 */
class SequencerClientContextTest {
    private final Vertx vertx = Vertx.vertx();
    private TandemNode node;

    @AfterEach
    void tearDown() throws Exception {
        if (node != null) {
            TestNodes.stop(node);
        }
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    private record Answer(String doc, Context asked, Context answered, String thread) {
    }

    @Test
    void opensAndSubmitsAnswerOnTheContextThatAsked() throws Exception {
        node = TestNodes.start(vertx, TestNodes.options(TestNodes.newDatabaseUrl()));
        SequencerClient client = new SequencerClient(vertx,
                new LocalOwnership(node.sequencers(), new DocumentOwnership.NodeInfo("n", "ws://127.0.0.1")), 5_000);
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Context asker = VertxInternals.newEventLoopContext(vertx);
            String doc = "context-" + i;
            // Fresh documents: each open has to activate a sequencer first (created on the way).
            answers.add(ask(asker, doc, () -> client.open(doc, -1, "text", null)));
            // Two askers on one fresh document: the second may find the activation in progress.
            Context other = VertxInternals.newEventLoopContext(vertx);
            answers.add(ask(other, doc, () -> client.open(doc, -1, "text", null)));
        }
        for (Future<Answer> f : answers) {
            Answer a = f.await(30, TimeUnit.SECONDS);
            assertSame(a.asked(), a.answered(), a.doc() + ": the answer ran on " + a.thread());
        }
        assertEquals(12, node.sequencers().activeCount());
    }

    private static Future<Answer> ask(Context asker, String doc, java.util.function.Supplier<Future<?>> call) {
        Promise<Answer> p = Promise.promise();
        asker.runOnContext(v -> call.get().onComplete(ar -> {
            if (ar.failed()) {
                p.fail(ar.cause());
            } else {
                p.complete(new Answer(doc, asker, Vertx.currentContext(), Thread.currentThread().getName()));
            }
        }));
        return p.future();
    }
}
