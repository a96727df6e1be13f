package dev.tandem.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import dev.tandem.server.TandemNode;
import dev.tandem.server.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A read of a document that does not exist (REST {@code GET /api/docs/{id}}) starts an activation
 * that does not create it; an {@code open} with {@code create} that arrives while that one is
 * still loading must not inherit its DOCUMENT_NOT_FOUND. The bug: two people opened a fresh link
 * at once, one page's type lookup (a REST read) raced the other's create, and that person got
 * DOCUMENT_NOT_FOUND for a document their own open was to create (the page sat at
 * "Connecting…").
 */
class SequencerActivationRaceTest {
    private final Vertx vertx = Vertx.vertx();
    private TandemNode node;

    @AfterEach
    void tearDown() throws Exception {
        if (node != null) {
            TestNodes.stop(node);
        }
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    @Test
    void aCreateThatJoinsAReadOfAMissingDocumentStillCreatesIt() throws Exception {
        node = TestNodes.start(vertx, TestNodes.options(TestNodes.newDatabaseUrl()));
        SequencerManager manager = node.sequencers();
        for (int i = 0; i < 10; i++) {
            String doc = "raced-" + i;
            // Back to back: the read's activation is still loading when the create arrives.
            Future<Void> read = manager.activate(doc, null);
            Future<Void> create = manager.activate(doc, "text");
            Throwable readFailure = read.transform(ar -> Future.succeededFuture(ar.cause())).await(20, TimeUnit.SECONDS);
            create.await(20, TimeUnit.SECONDS); // throws if the create inherited the read's failure
            assertTrue(readFailure instanceof TandemException t && t.code() == ErrorCode.DOCUMENT_NOT_FOUND,
                    doc + ": the read alone finds nothing, but failed with " + readFailure);
            assertTrue(manager.isActive(doc), doc + " has a sequencer");
            assertEquals(Optional.of("text"), node.store().documentType(doc).await(20, TimeUnit.SECONDS), doc + " exists");
        }
        // A create that joins a create, and a read that joins a create, both succeed.
        Future<Void> first = manager.activate("raced-both", "text");
        Future<Void> second = manager.activate("raced-both", "text");
        Future<Void> reader = manager.activate("raced-both", null);
        Future.all(first, second, reader).await(20, TimeUnit.SECONDS);
        assertTrue(manager.isActive("raced-both"));
    }
}
