package dev.tandem.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Recovery;
import dev.tandem.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Java client follows docs/PROTOCOL.md's recovery table for every code: the same table the
 * browser client's tests read (exported from {@link ErrorCode}). Each case: a live document at
 * revision 5 with an edit in flight (seq 1) and one buffered, then the error about that edit.
 */
class RecoveryPolicyTest {
    private static final String ME = "me-12345678";

    private final List<ClientMessage> sent = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<LostEdits<TextOperation>> lost = new ArrayList<>();
    private final DocumentModel<TextOperation, Selection> model = DocumentModel.text("d", ME, 0, sent::add, (delay, task) -> tasks.add(task));

    private void liveWithAnEditInFlight() {
        model.addListener(new DocumentListener<TextOperation, Selection>() {
            @Override
            public void editsLost(LostEdits<TextOperation> edits) {
                lost.add(edits);
            }
        });
        model.open(true);
        model.receive(new ServerMessage.Opened("d", "text", 5, TextNode.valueOf("abc"), false, List.of(), null, List.of()));
        model.edit(OperationJson.parse("[3,\"d\"]"));
        model.edit(OperationJson.parse("[4,\"e\"]"));
        sent.clear();
    }

    private void runScheduled() {
        List<Runnable> now = new ArrayList<>(tasks);
        tasks.clear();
        now.forEach(Runnable::run);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorIsHandledAsTheTableSays(ErrorCode code) {
        liveWithAnEditInFlight();
        model.receive(new ServerMessage.Error(code.name(), "test", code.resync(), "d", 1L, 10L, null));
        runScheduled();
        Recovery action = code.recovery();
        switch (action) {
            case RETRY -> assertEquals(List.of(new ClientMessage.Submit("d", 5, OperationJson.toTree(OperationJson.parse("[3,\"d\"]")), 1)),
                    sent, "the same submission again");
            case CATCH_UP, RECONNECT -> assertEquals(List.of(new ClientMessage.Open("d", 5L, true, "text")), sent,
                    "an open from our revision: our edits stay");
            case RESYNC, REPORT -> {
                assertEquals(List.of(new ClientMessage.Open("d", null, true, "text")), sent, "a snapshot");
                model.receive(new ServerMessage.Opened("d", "text", 9, TextNode.valueOf("xyz"), false, List.of(), null, List.of()));
                assertEquals(1, lost.size(), "the unacknowledged edits are offered, not dropped");
                assertEquals("abcde", lost.get(0).seen());
                assertEquals("abcde", lost.get(0).edits().apply("abc"), "both edits, on the text they were made on");
            }
            case STOP -> {
                assertEquals(List.of(), sent);
                assertEquals(DocumentModel.Phase.CLOSED, model.phase());
            }
            case REAUTHENTICATE -> {
                assertEquals(List.of(), sent, "nothing until the client has a new token and a new session");
                model.connectionLost();
                model.reconnected();
                assertEquals(List.of(new ClientMessage.Open("d", 5L, true, "text")), sent,
                        "then an open from our revision: our edits stay");
            }
            default -> throw new AssertionError(action);
        }
        assertTrue(lost.isEmpty() || action == Recovery.RESYNC || action == Recovery.REPORT, code + " lost edits");
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"UNAVAILABLE", "INTERNAL_ERROR"})
    void aCatchUpThatKeepsFailingResyncsAndOffersTheEdits(ErrorCode code) {
        liveWithAnEditInFlight();
        for (int i = 0; i < DocumentModel.MAX_TRANSIENT_RETRIES; i++) {
            model.receive(new ServerMessage.Error(code.name(), "test", false, "d", 1L, 10L, null));
            runScheduled();
            assertEquals(new ClientMessage.Open("d", 5L, true, "text"), sent.get(sent.size() - 1), "catch-up " + i);
            model.receive(new ServerMessage.Opened("d", "text", 5, null, false, List.of(), null, List.of()));
        }
        model.receive(new ServerMessage.Error(code.name(), "test", false, "d", 1L, 10L, null));
        runScheduled();
        assertInstanceOf(ClientMessage.Open.class, sent.get(sent.size() - 1));
        assertEquals(null, ((ClientMessage.Open) sent.get(sent.size() - 1)).rev(), "a snapshot at last");
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"UNAVAILABLE", "INTERNAL_ERROR"})
    void aCatchUpThatIsItselfRefusedIsTriedAgainWithTheEditsHeld(ErrorCode code) {
        liveWithAnEditInFlight();
        model.receive(new ServerMessage.Error(code.name(), "test", false, "d", 1L, 10L, null));
        runScheduled();
        assertEquals(List.of(new ClientMessage.Open("d", 5L, true, "text")), sent, "the catch-up");
        // The server answers the open itself with the error (no seq): its storage is still away.
        model.receive(new ServerMessage.Error(code.name(), "test", false, "d", null, 10L, null));
        assertEquals(DocumentModel.Phase.OPENING, model.phase(), "still holding the edits");
        runScheduled();
        assertEquals(List.of(new ClientMessage.Open("d", 5L, true, "text"), new ClientMessage.Open("d", 5L, true, "text")),
                sent, "another catch-up from our revision, not a snapshot");
        model.receive(new ServerMessage.Opened("d", "text", 5, null, false, List.of(), null, List.of()));
        assertEquals(new ClientMessage.Submit("d", 5, OperationJson.toTree(OperationJson.parse("[3,\"d\"]")), 1),
                sent.get(sent.size() - 1), "the edit in flight, resubmitted under its seq");
        assertTrue(lost.isEmpty());
    }
}
