package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a client library reads of the replica to resend after a reconnect: the in-flight batch as it stands, and all it has not confirmed. */
class CanvasReplicaInFlightTest {
    private static final CanvasType TYPE = CanvasType.INSTANCE;

    private static CanvasOperation op(String json) {
        return TYPE.parse(json);
    }

    @Test
    void theInFlightBatchFollowsWhatArrivesAndUnconfirmedJoinsEveryPendingBatch() {
        String board = "{\"objects\":[{\"id\":\"s1\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a0\",\"props\":{\"text\":\"Hello\"}}]}";
        CanvasReplica replica = new CanvasReplica(TYPE, board, 3);
        assertNull(replica.inFlight());
        assertTrue(replica.unconfirmed().isEmpty());

        replica.edit(op("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[5,\" world\"]}]}"));
        CanvasReplica.Outgoing sent = replica.takeOutgoing();
        assertEquals(3, sent.base());
        replica.edit(op("{\"changes\":[{\"set\":\"s1\",\"prop\":\"x\",\"value\":7}]}")); // waits behind the one in flight

        replica.remote(4, op("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[\"Oh, \",5]}]}"));
        CanvasReplica.Outgoing now = replica.inFlight();
        assertEquals(4, now.base());
        assertEquals("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[9,\" world\"]}]}", now.op().toJson());
        assertEquals("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[9,\" world\"]},"
                + "{\"set\":\"s1\",\"prop\":\"x\",\"value\":7}]}", replica.unconfirmed().toJson());

        replica.ack(5, now.op());
        assertNull(replica.inFlight());
        assertEquals("{\"changes\":[{\"set\":\"s1\",\"prop\":\"x\",\"value\":7}]}", replica.unconfirmed().toJson());
    }
}
