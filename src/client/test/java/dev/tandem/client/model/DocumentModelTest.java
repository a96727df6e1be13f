package dev.tandem.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tandem.ot.text.OperationJson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.User;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.OtException;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The document model's protocol behaviour: opening, submitting, reconnecting, resyncing, presence. */
class DocumentModelTest {
    private static final String ME = "me-12345678";
    private static final String BO = "bo-12345678";

    private final List<ClientMessage> sent = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();
    private final DocumentModel<TextOperation, Selection> model = DocumentModel.text("d", ME, 0, sent::add, (delay, task) -> {
        delays.add(delay);
        tasks.add(task);
    });

    {
        model.addListener(new DocumentListener<TextOperation, Selection>() {
            @Override
            public void editsLost(LostEdits<TextOperation> lost) {
                events.add(lost);
            }

            @Override
            public void reset(String text, long rev) {
                events.add("reset " + rev + " " + text);
            }

            @Override
            public void acknowledged(long seq, long rev) {
                events.add("ack " + seq + "@" + rev);
            }

            @Override
            public void remoteChange(RemoteChange<TextOperation> change) {
                events.add(change);
            }
        });
    }

    private static TextOperation op(String json) {
        return OperationJson.parse(json);
    }

    private static JsonNode wire(String json) {
        return OperationJson.toTree(op(json));
    }

    private static JsonNode sel(Selection s) {
        return JsonNodeFactory.instance.arrayNode().add(s.anchor()).add(s.head());
    }

    private static ServerMessage.Opened snapshot(long rev, String text) {
        return new ServerMessage.Opened("d", "text", rev, TextNode.valueOf(text), false, List.of(), null, List.of());
    }

    private static ServerMessage.Opened catchUp(long rev, ServerMessage.Revision... ops) {
        return new ServerMessage.Opened("d", "text", rev, null, false, List.of(ops), null, List.of());
    }

    private static ServerMessage.Error error(String code, boolean resync, Long seq, Long retryAfter) {
        return new ServerMessage.Error(code, "test", resync, "d", seq, retryAfter, null);
    }

    private void openAt(long rev, String text) {
        model.open(true);
        model.receive(snapshot(rev, text));
        sent.clear();
    }

    @Test
    void firstOpenAsksForASnapshotAndThenSubmitsOneEditAtATime() {
        model.open(true);
        assertEquals(List.of(new ClientMessage.Open("d", null, true, "text")), sent);
        model.receive(snapshot(5, "abc"));
        assertEquals("abc", model.snapshot());
        assertEquals(5, model.revision());
        sent.clear();

        model.edit(op("[3,\"d\"]"));
        model.edit(op("[4,\"e\"]"));
        model.edit(op("[5,\"f\"]"));
        assertEquals(List.of(new ClientMessage.Submit("d", 5, wire("[3,\"d\"]"), 1)), sent);
        model.receive(new ServerMessage.Ack("d", 1, 6, null));
        assertEquals(new ClientMessage.Submit("d", 6, wire("[4,\"ef\"]"), 2), sent.get(1));
        model.receive(new ServerMessage.Ack("d", 2, 7, null));
        assertTrue(model.isSynced());
        assertEquals("abcdef", model.snapshot());
    }

    @Test
    void anEditThatDoesNotFitChangesNothing() {
        openAt(1, "abc");
        assertThrows(OtException.class, () -> model.edit(op("[5,\"x\"]")));
        assertEquals("abc", model.snapshot());
        assertEquals(List.of(), sent);
    }

    @Test
    void reconnectCountsItsOwnEditInOpenedOpsAsTheAck() {
        openAt(5, "abc");
        model.edit(op("[3,\"d\"]")); // seq 1, in flight
        model.connectionLost();
        model.edit(op("[\"X\",4]")); // seq 2, buffered while offline
        assertEquals(List.of(new ClientMessage.Submit("d", 5, wire("[3,\"d\"]"), 1)), sent);
        sent.clear();

        model.reconnected();
        assertEquals(List.of(new ClientMessage.Open("d", 5L, true, "text")), sent);
        model.receive(catchUp(7,
                new ServerMessage.Revision(6, wire("[\"Y\",3]"), BO, 4),
                new ServerMessage.Revision(7, wire("[4,\"d\"]"), ME, 1)));
        assertEquals(7, model.revision());
        assertEquals("XYabcd", model.snapshot());
        // The in-flight edit was committed, so only the buffer goes out, transformed past Bo's Y.
        assertEquals(new ClientMessage.Submit("d", 7, wire("[\"X\",5]"), 2), sent.get(1));
        assertEquals(2, sent.size());
        assertTrue(events.contains("ack 1@7"));
    }

    @Test
    void reconnectResubmitsTheInFlightEditUnderItsSeqWhenItIsNotAmongTheOps() {
        openAt(5, "abc");
        model.edit(op("[3,\"d\"]"));
        model.connectionLost();
        model.reconnected();
        sent.clear();
        model.receive(catchUp(6, new ServerMessage.Revision(6, wire("[\"Y\",3]"), BO, 4)));
        assertEquals(List.of(new ClientMessage.Submit("d", 6, wire("[4,\"d\"]"), 1)), sent);
        assertEquals("Yabcd", model.snapshot());
    }

    @Test
    void aResetDropsUnconfirmedEditsAndReportsThem() {
        openAt(5, "abc");
        model.edit(op("[3,\"d\"]"));
        model.connectionLost();
        model.reconnected();
        model.receive(new ServerMessage.Opened("d", "text", 90, TextNode.valueOf("new text"), true, List.of(), null, List.of()));
        assertEquals(List.of(new LostEdits<>("d", "abcd", op("[3,\"d\"]"), "RESET"), "reset 90 new text"), events);
        assertEquals("new text", model.snapshot());
        assertTrue(model.isSynced());
    }

    @Test
    void anErrorAboutMyEditReopensFromASnapshot() {
        openAt(5, "abc");
        model.edit(op("[3,\"d\"]"));
        sent.clear();
        model.receive(error("OPERATION_DOES_NOT_FIT", true, 1L, null));
        assertEquals(List.of(new ClientMessage.Open("d", null, true, "text")), sent);
        model.receive(snapshot(6, "abcX"));
        assertEquals(new LostEdits<>("d", "abcd", op("[3,\"d\"]"), "OPERATION_DOES_NOT_FIT"), events.get(0));
        assertEquals("abcX", model.snapshot());
    }

    @Test
    void aTransientErrorCatchesUpAfterTheDelayAndLosesNothing() {
        openAt(5, "abc");
        model.edit(op("[3,\"d\"]"));
        sent.clear();
        model.receive(error("UNAVAILABLE", true, 1L, 250L));
        assertEquals(List.of(), sent);
        assertEquals(List.of(250L), delays);
        tasks.get(0).run();
        assertEquals(List.of(new ClientMessage.Open("d", 5L, true, "text")), sent);
        model.receive(catchUp(5));
        assertEquals(new ClientMessage.Submit("d", 5, wire("[3,\"d\"]"), 1), sent.get(1));
        assertEquals("abcd", model.snapshot());
    }

    @Test
    void aCatchUpOpenTheServerCouldNotServeIsTriedAgainAndLosesNothing() {
        openAt(5, "abc");
        model.edit(op("[3,\"d\"]"));
        model.connectionLost();
        model.reconnected();
        sent.clear();
        // The document was moving between nodes for longer than the server retries.
        model.receive(error("UNAVAILABLE", false, null, null));
        assertEquals(List.of(), sent);
        assertEquals(1, tasks.size());
        tasks.get(0).run();
        assertEquals(List.of(new ClientMessage.Open("d", 5L, true, "text")), sent);
        model.receive(catchUp(5));
        assertEquals(new ClientMessage.Submit("d", 5, wire("[3,\"d\"]"), 1), sent.get(1));
        assertEquals(List.of(), events);
    }

    @Test
    void rateLimitedEditIsResubmittedUnderTheSameSeqTransformedPastWhatArrived() {
        openAt(5, "abc");
        model.edit(op("[3,\"d\"]"));
        sent.clear();
        model.receive(error("RATE_LIMITED", false, 1L, 100L));
        model.receive(new ServerMessage.Op("d", 6, wire("[\"Y\",3]"), BO, 9));
        tasks.get(0).run();
        assertEquals(List.of(new ClientMessage.Submit("d", 6, wire("[4,\"d\"]"), 1)), sent);
    }

    @Test
    void aGapInLiveRevisionsTriggersACatchUp() {
        openAt(5, "abc");
        model.receive(new ServerMessage.Op("d", 7, wire("[\"Y\",3]"), BO, 9));
        assertEquals("abc", model.snapshot());
        assertEquals(List.of(new ClientMessage.Open("d", 5L, true, "text")), sent);
    }

    @Test
    void aSecondAckForARecognisedResubmissionIsIgnored() {
        openAt(5, "abc");
        model.edit(op("[3,\"d\"]"));
        model.receive(new ServerMessage.Ack("d", 1, 6, null));
        model.edit(op("[4,\"e\"]"));
        model.receive(new ServerMessage.Ack("d", 1, 6, null));
        assertEquals(6, model.revision());
        assertEquals(new Pending<>(2, op("[4,\"e\"]")), model.inFlight());
    }

    @Test
    void aPresenceFromAnOlderRevisionIsMovedThroughTheLaterOps() {
        openAt(1, "hello");
        model.receive(new ServerMessage.Op("d", 2, wire("[\"XX\",5]"), BO, 1));
        model.receive(new ServerMessage.Presence("d", new ServerMessage.PresenceEntry(BO, new User("Bo", "#3949ab"), 1,
                sel(Selection.caret(5)), true)));
        Participant<Selection> bo = model.participants().iterator().next();
        assertEquals(new Participant<>(BO, new User("Bo", "#3949ab"), Selection.caret(7), true), bo);
    }

    @Test
    void aPresenceFromAFutureRevisionWaitsForIt() {
        openAt(1, "hello");
        model.receive(new ServerMessage.Presence("d", new ServerMessage.PresenceEntry(BO, null, 2, sel(Selection.caret(7)), false)));
        assertTrue(model.participants().isEmpty());
        model.receive(new ServerMessage.Op("d", 2, wire("[\"XX\",5]"), BO, 1));
        assertEquals(Selection.caret(7), model.participants().iterator().next().selection());
    }

    @Test
    void othersCaretsStayBeforeTextInsertedExactlyAtThem() {
        openAt(1, "hello");
        model.receive(new ServerMessage.Presence("d", new ServerMessage.PresenceEntry(BO, null, 1, sel(Selection.caret(2)), false)));
        model.edit(op("[2,\"ZZ\",3]"));
        assertEquals(Selection.caret(2), model.participants().iterator().next().selection());
        model.edit(op("[\"A\",7]"));
        assertEquals(Selection.caret(3), model.participants().iterator().next().selection());
    }

    @Test
    void othersCaretsFollowManyLocalEditsWhetherReadBetweenThemOrNot() {
        openAt(1, "hello");
        String cy = "c-cy";
        model.receive(new ServerMessage.Presence("d", new ServerMessage.PresenceEntry(BO, null, 1, sel(Selection.caret(2)), false)));
        model.receive(new ServerMessage.Presence("d", new ServerMessage.PresenceEntry(cy, null, 1, sel(Selection.caret(4)), false)));
        // More local edits than the roster keeps unsettled: each inserts one letter at the start.
        int edits = PresenceRoster.MAX_UNSETTLED_MOVES * 2 + 7;
        for (int i = 0; i < edits; i++) {
            model.edit(op("[\"a\"," + (5 + i) + "]"));
            if (i == 100) {
                assertEquals(Selection.caret(2 + 101), participant(BO).selection()); // read midway: BO settles early
            }
        }
        assertEquals(Selection.caret(2 + edits), participant(BO).selection());
        assertEquals(Selection.caret(4 + edits), participant(cy).selection());
        model.receive(new ServerMessage.Left("d", BO));
        assertEquals(1, model.participants().size());
        model.edit(op("[" + (5 + edits) + ",\"z\"]"));
        assertEquals(Selection.caret(4 + edits), participant(cy).selection()); // typed after it: stays
    }

    private Participant<Selection> participant(String clientId) {
        return model.participants().stream().filter(p -> p.clientId().equals(clientId)).findFirst().orElseThrow();
    }

    @Test
    void myPresenceWaitsForTheAckOfMyEditAndGoesOutAtItsRevision() {
        openAt(1, "abc");
        model.edit(op("[\"XY\",3]"));
        model.setSelection(Selection.caret(2), true);
        sent.clear();
        model.sendPresence();
        assertEquals(List.of(), sent);
        model.receive(new ServerMessage.Ack("d", 1, 2, null));
        assertEquals(List.of(new ClientMessage.Presence("d", 2, sel(Selection.caret(2)), true)), sent);
    }

    @Test
    void myPresenceInsideTheBufferIsMappedBackToTheBuffersStart() {
        openAt(1, "abc");
        model.edit(op("[\"XY\",3]")); // in flight
        model.edit(op("[5,\"Z\"]")); // buffered: "XYabcZ"
        model.setSelection(Selection.caret(6), false);
        model.sendPresence();
        sent.clear();
        model.receive(new ServerMessage.Ack("d", 1, 2, null));
        // The buffer goes out first, then the caret on revision 2 ("XYabc"), before the unplaced Z.
        assertEquals(List.of(new ClientMessage.Submit("d", 2, wire("[5,\"Z\"]"), 2),
                new ClientMessage.Presence("d", 2, sel(Selection.caret(5)), false)), sent);
    }

    @Test
    void aRefusedFirstOpenClosesTheModel() {
        model.open(false);
        model.receive(error("DOCUMENT_NOT_FOUND", false, null, null));
        assertEquals(DocumentModel.Phase.CLOSED, model.phase());
        assertThrows(IllegalStateException.class, () -> model.edit(op("[\"x\"]")));
        assertNull(model.inFlight());
    }
}
