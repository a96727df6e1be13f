package dev.tandem.gateway;

import dev.tandem.ot.text.TextType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.bus.BusMessages.PresenceUpdate;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.sequencer.RevisionRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ordering rules of one document's stream to one client, on a real event loop. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DocumentStreamTest {
    private Vertx vertx;
    private final List<JsonObject> sent = new ArrayList<>();

    /** A transport that keeps what the session sends. */
    private final Connection recorder = new Connection() {
        @Override
        public void send(String frame) {
            for (Object o : new JsonArray(frame)) {
                sent.add((JsonObject) o);
            }
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public void drainHandler(Runnable handler) {
        }

        @Override
        public void close(short code, String reason) {
        }

        @Override
        public String kind() {
            return "test";
        }
    };

    private final DocumentStream.Owner owner = new DocumentStream.Owner() {
        @Override
        public boolean isCurrent(DocumentStream stream) {
            return true;
        }

        @Override
        public void lost(DocumentStream stream) {
        }
    };

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static RevisionRecord rev(long n, String client, long seq) {
        return new RevisionRecord("d", n, OperationJson.parse("[\"x\"]"), client, seq, 0);
    }

    /** Runs {@code body} on an event loop and returns what was sent once it has been flushed. */
    private List<JsonObject> onLoop(java.util.function.Consumer<DocumentStream> body) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            Outbox outbox = new Outbox(vertx, recorder, 0, 1 << 20, () -> { });
            DocumentStream stream = new DocumentStream("d", null, "me-client", outbox, vertx, null, owner);
            body.accept(stream);
            vertx.setTimer(20, id -> done.complete(null));
        });
        done.get(10, TimeUnit.SECONDS);
        return sent;
    }

    @Test
    void revisionsBeforeTheOpenReplyAreHeldAndThoseItCoveredDropped() throws Exception {
        List<JsonObject> out = onLoop(s -> {
            s.onRevision(rev(5, "other-client", 1), ServerMessages.op(rev(5, "other-client", 1)));
            s.onRevision(rev(6, "other-client", 2), ServerMessages.op(rev(6, "other-client", 2)));
            s.opened(TextType.INSTANCE, 5);
        });
        assertEquals(1, out.size());
        assertEquals(6, out.get(0).getLong("rev"));
    }

    @Test
    void outOfOrderRevisionsWaitForTheGapAndOwnEditsBecomeAcks() throws Exception {
        List<JsonObject> out = onLoop(s -> {
            s.opened(TextType.INSTANCE, 0);
            s.expectAck(7);
            s.onRevision(rev(2, "me-client", 7), ServerMessages.op(rev(2, "me-client", 7)));
            s.onRevision(rev(3, "other-client", 1), ServerMessages.op(rev(3, "other-client", 1)));
            s.onRevision(rev(1, "other-client", 9), ServerMessages.op(rev(1, "other-client", 9)));
        });
        assertEquals(List.of("op", "ack", "op"), out.stream().map(m -> m.getString("type")).toList());
        assertEquals(List.of(1L, 2L, 3L), out.stream().map(m -> m.getLong("rev")).toList());
        assertEquals(7, out.get(1).getLong("seq"));
    }

    @Test
    void aDuplicateIsAckedOnlyOnceTheClientHasItsRevisionAndNeverSentAsAnOp() throws Exception {
        List<JsonObject> out = onLoop(s -> {
            s.opened(TextType.INSTANCE, 0);
            s.expectAck(3);
            s.duplicate(3, 2); // a retry answered before revision 2 (the edit's own) reached this stream
            s.onRevision(rev(1, "other-client", 1), ServerMessages.op(rev(1, "other-client", 1)));
            s.onRevision(rev(2, "me-client", 3), ServerMessages.op(rev(2, "me-client", 3)));
            s.duplicate(3, 2); // another late retry: answered already
        });
        assertEquals(List.of("op", "ack"), out.stream().map(m -> m.getString("type")).toList());
        assertEquals(2, out.get(1).getLong("rev"));
        assertEquals(3, out.get(1).getLong("seq"));
    }

    @Test
    void aDuplicateOfARevisionTheClientHasIsAckedAtOnce() throws Exception {
        List<JsonObject> out = onLoop(s -> {
            s.opened(TextType.INSTANCE, 4); // reopened after a reconnect: revision 2 came with the open reply
            s.expectAck(3);
            s.duplicate(3, 2);
        });
        assertEquals(List.of("ack"), out.stream().map(m -> m.getString("type")).toList());
        assertEquals(2, out.get(0).getLong("rev"));
    }

    @Test
    void presenceAtARevisionTheClientLacksWaitsForIt() throws Exception {
        PresenceUpdate ahead = new PresenceUpdate("d", "ana-client", "s-1", "Ana", "#123456", 2, "[1,1]", true, false, 0);
        List<JsonObject> out = onLoop(s -> {
            s.opened(TextType.INSTANCE, 1);
            s.onPresence(ahead, ServerMessages.presence(ahead));
            s.onRevision(rev(2, "other-client", 1), ServerMessages.op(rev(2, "other-client", 1)));
        });
        assertEquals(List.of("op", "presence"), out.stream().map(m -> m.getString("type")).toList());
        assertTrue(out.get(1).getBoolean("typing"));
    }
}
