package dev.tandem.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.text.TextOperation;
import org.junit.jupiter.api.Test;

/** Each transition of the client state machine, with the exact operations it must produce. */
class ClientStateTest {

    private static TextOperation op(String json) {
        return OperationJson.parse(json);
    }

    private static Pending<TextOperation> pending(long seq, String json) {
        return new Pending<>(seq, op(json));
    }

    @Test
    void synchronizedSendsALocalEditAtOnce() {
        Step<TextOperation> s = Synchronized.<TextOperation>instance().localEdit(op("[1,\"X\",2]"), 7);
        assertEquals(new Step<>(new AwaitingConfirm<>(pending(7, "[1,\"X\",2]")), pending(7, "[1,\"X\",2]"), null), s);
    }

    @Test
    void synchronizedAppliesARemoteOpAsIs() {
        assertEquals(new Step<>(Synchronized.<TextOperation>instance(), null, op("[\"Y\",3]")), Synchronized.<TextOperation>instance().remoteOp(op("[\"Y\",3]")));
    }

    @Test
    void synchronizedRefusesAnAck() {
        assertThrows(IllegalStateException.class, Synchronized.<TextOperation>instance()::ack);
    }

    @Test
    void synchronizedHasNothingToResend() {
        assertEquals(new Step<>(Synchronized.<TextOperation>instance(), null, null), Synchronized.<TextOperation>instance().reconnect());
        assertNull(Synchronized.<TextOperation>instance().unconfirmed());
    }

    @Test
    void awaitingConfirmBuffersTheNextEditWithoutSending() {
        AwaitingConfirm<TextOperation> state = new AwaitingConfirm<>(pending(1, "[1,\"X\",2]"));
        Step<TextOperation> s = state.localEdit(op("[4,\"Z\"]"), 2);
        assertEquals(new Step<>(new AwaitingWithBuffer<>(pending(1, "[1,\"X\",2]"), pending(2, "[4,\"Z\"]")), null, null), s);
    }

    @Test
    void awaitingConfirmTransformsARemoteInsertAtTheSamePlaceAfterItsOwn() {
        // "abc": I inserted X at 1 (in flight), the server committed Y at 1 first. On the server my
        // X goes first (I am transform's first argument there too), so locally Y lands after X.
        AwaitingConfirm<TextOperation> state = new AwaitingConfirm<>(pending(1, "[1,\"X\",2]"));
        Step<TextOperation> s = state.remoteOp(op("[1,\"Y\",2]"));
        assertEquals(new AwaitingConfirm<>(pending(1, "[1,\"X\",3]")), s.next());
        assertEquals(op("[2,\"Y\",2]"), s.apply());
        assertNull(s.send());
        assertEquals("aXYbc", s.apply().apply("aXbc"));
        assertEquals("aXYbc", op("[1,\"X\",3]").apply("aYbc"));
    }

    @Test
    void awaitingConfirmBecomesSynchronizedOnAck() {
        assertEquals(new Step<>(Synchronized.<TextOperation>instance(), null, null), new AwaitingConfirm<>(pending(1, "[\"a\"]")).ack());
    }

    @Test
    void awaitingConfirmResendsItsEditOnReconnect() {
        AwaitingConfirm<TextOperation> state = new AwaitingConfirm<>(pending(3, "[\"a\"]"));
        assertEquals(new Step<>(state, pending(3, "[\"a\"]"), null), state.reconnect());
    }

    @Test
    void awaitingWithBufferComposesLaterEditsUnderTheBuffersSeq() {
        AwaitingWithBuffer<TextOperation> state = new AwaitingWithBuffer<>(pending(1, "[1,\"X\",2]"), pending(2, "[4,\"Z\"]"));
        Step<TextOperation> s = state.localEdit(op("[5,\"W\"]"), 3);
        assertEquals(new Step<>(new AwaitingWithBuffer<>(pending(1, "[1,\"X\",2]"), pending(2, "[4,\"ZW\"]")), null, null), s);
    }

    @Test
    void awaitingWithBufferTransformsARemoteOpPastInFlightThenBuffer() {
        // "abc": in flight X at 0+1, buffered Z at the end; the server deleted the "a".
        AwaitingWithBuffer<TextOperation> state = new AwaitingWithBuffer<>(pending(1, "[1,\"X\",2]"), pending(2, "[4,\"Z\"]"));
        Step<TextOperation> s = state.remoteOp(op("[-1,2]"));
        assertEquals(new AwaitingWithBuffer<>(pending(1, "[\"X\",2]"), pending(2, "[3,\"Z\"]")), s.next());
        assertEquals(op("[-1,4]"), s.apply());
        assertEquals("XbcZ", s.apply().apply("aXbcZ"));
        assertEquals("XbcZ", op("[3,\"Z\"]").apply(op("[\"X\",2]").apply("bc")));
    }

    @Test
    void awaitingWithBufferSendsTheBufferOnAck() {
        AwaitingWithBuffer<TextOperation> state = new AwaitingWithBuffer<>(pending(1, "[1,\"X\",2]"), pending(2, "[4,\"Z\"]"));
        assertEquals(new Step<>(new AwaitingConfirm<>(pending(2, "[4,\"Z\"]")), pending(2, "[4,\"Z\"]"), null), state.ack());
    }

    @Test
    void awaitingWithBufferResendsOnlyTheInFlightEditOnReconnect() {
        AwaitingWithBuffer<TextOperation> state = new AwaitingWithBuffer<>(pending(1, "[1,\"X\",2]"), pending(2, "[4,\"Z\"]"));
        assertEquals(new Step<>(state, pending(1, "[1,\"X\",2]"), null), state.reconnect());
    }

    @Test
    void unconfirmedIsInFlightFollowedByBuffer() {
        AwaitingWithBuffer<TextOperation> state = new AwaitingWithBuffer<>(pending(1, "[1,\"X\",2]"), pending(2, "[4,\"Z\"]"));
        assertEquals(op("[1,\"X\",2,\"Z\"]"), state.unconfirmed());
        assertEquals(op("[1,\"X\",2]"), new AwaitingConfirm<>(pending(1, "[1,\"X\",2]")).unconfirmed());
    }
}
