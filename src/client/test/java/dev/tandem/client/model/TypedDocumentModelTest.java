package dev.tandem.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tandem.ot.canvas.CanvasDocument;
import dev.tandem.ot.canvas.CanvasOperation;
import dev.tandem.ot.canvas.CanvasType;
import dev.tandem.ot.richtext.Delta;
import dev.tandem.ot.richtext.RichTextDocument;
import dev.tandem.ot.richtext.RichTextType;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The document model on rich-text and canvas documents: what differs from text, message by message. */
class TypedDocumentModelTest {
    private static final String ME = "me-12345678";
    private static final String BO = "bo-12345678";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<ClientMessage> sent = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Delta delta(String s) {
        return RichTextType.INSTANCE.parse(s);
    }

    private static CanvasOperation batch(String s) {
        return CanvasType.INSTANCE.parse(s);
    }

    private <O extends dev.tandem.ot.Operation, S> DocumentModel<O, S> model(ClientType<O, S> type) {
        DocumentModel<O, S> m = new DocumentModel<>(type, "d", ME, 0, sent::add, (delay, task) -> { });
        m.addListener(new DocumentListener<>() {
            @Override
            public void editsLost(LostEdits<O> lost) {
                events.add(lost);
            }

            @Override
            public void remoteChange(RemoteChange<O> change) {
                events.add(change.op());
            }
        });
        return m;
    }

    @Test
    void aRichTextDocumentOpensByItsTypeAndTransformsConcurrentTypingWithTheServersSides() {
        DocumentModel<Delta, Selection> m = model(ClientTypes.RICH_TEXT);
        m.open(true);
        assertEquals(new ClientMessage.Open("d", null, true, "rich-text"), sent.get(0));
        m.receive(new ServerMessage.Opened("d", "rich-text", 3, json("{\"ops\":[{\"insert\":\"ab\\n\"}]}"), false, List.of(),
                null, List.of()));
        sent.clear();
        m.edit(delta("{\"ops\":[{\"retain\":1},{\"insert\":\"X\",\"attributes\":{\"bold\":true}}]}"));
        assertEquals(List.of(new ClientMessage.Submit("d", 3, json("{\"ops\":[{\"retain\":1},{\"insert\":\"X\",\"attributes\":{\"bold\":true}}]}"), 1)), sent);
        // Bo's Y at the same place was committed first; the server will put my X (the submission) before it.
        m.receive(new ServerMessage.Op("d", 4, json("{\"ops\":[{\"retain\":1},{\"insert\":\"Y\"}]}"), BO, 7));
        assertEquals("aXYb\n", ((RichTextDocument) m.document()).plainText());
        assertEquals(delta("{\"ops\":[{\"retain\":2},{\"insert\":\"Y\"}]}"), events.get(0));
        m.receive(new ServerMessage.Ack("d", 1, 5, null));
        assertTrue(m.isSynced());
        assertEquals("{\"ops\":[{\"insert\":\"a\"},{\"insert\":\"X\",\"attributes\":{\"bold\":true}},{\"insert\":\"Yb\\n\"}]}", m.snapshot());
    }

    @Test
    void richTextCaretsAreUtf16AndMyOwnTypingPushesMineButNotTheOthers() {
        DocumentModel<Delta, Selection> m = model(ClientTypes.RICH_TEXT);
        m.open(true);
        m.receive(new ServerMessage.Opened("d", "rich-text", 1, json("{\"ops\":[{\"insert\":\"\\ud83d\\ude00b\\n\"}]}"), false,
                List.of(), null, List.of()));
        m.receive(new ServerMessage.Presence("d", new ServerMessage.PresenceEntry(BO, null, 1, json("[2,2]"), false)));
        m.setSelection(Selection.caret(2), true);
        m.edit(delta("{\"ops\":[{\"retain\":2},{\"insert\":\"zz\"}]}"));
        assertEquals(Selection.caret(4), m.selection());
        assertEquals(Selection.caret(2), m.participants().iterator().next().selection(), "Bo's caret stays before my text");
        sent.clear();
        m.sendPresence(); // waits for the ack of my edit, then goes out on its revision
        assertEquals(List.of(), sent);
        m.receive(new ServerMessage.Ack("d", 1, 2, null));
        assertEquals(List.of(new ClientMessage.Presence("d", 2, json("[4,4]"), true)), sent);
    }

    @Test
    void aCanvasAckCarriesTheCommittedBatchAndTheCopyTakesItInsteadOfOurs() {
        DocumentModel<CanvasOperation, CanvasPresence> m = model(ClientTypes.CANVAS);
        m.open(true);
        assertEquals(new ClientMessage.Open("d", null, true, "canvas"), sent.get(0));
        m.receive(new ServerMessage.Opened("d", "canvas", 2, json("{\"objects\":[{\"id\":\"r1\",\"kind\":\"rectangle\","
                + "\"parent\":null,\"index\":\"a0\",\"props\":{\"x\":1}}]}"), false, List.of(), null, List.of()));
        sent.clear();
        m.edit(batch("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":5},{\"set\":\"r1\",\"prop\":\"y\",\"value\":6}]}"));
        m.edit(batch("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":9}]}")); // waits behind the first
        assertEquals(1, sent.size());
        ClientMessage.Submit first = (ClientMessage.Submit) sent.get(0);
        assertEquals(1, first.seq());
        // Someone set x meanwhile: our pending value masks it until our batches are confirmed.
        m.receive(new ServerMessage.Op("d", 3, json("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":100}]}"), BO, 4));
        assertEquals(9.0, x((CanvasDocument) m.document()));
        // The server committed our first batch without the y change (say a limit dropped it).
        m.receive(new ServerMessage.Ack("d", 1, 4, json("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":5}]}")));
        assertEquals(new ClientMessage.Submit("d", 4, json("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":9}]}"), 2),
                sent.get(1));
        m.receive(new ServerMessage.Ack("d", 2, 5, json("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":9}]}")));
        assertTrue(m.isSynced());
        assertEquals("{\"objects\":[{\"id\":\"r1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\",\"props\":{\"x\":9}}]}",
                m.snapshot());
    }

    @Test
    void aCanvasAckWithoutTheCommittedBatchResyncsAndOffersTheEdits() {
        DocumentModel<CanvasOperation, CanvasPresence> m = model(ClientTypes.CANVAS);
        m.open(true);
        m.receive(new ServerMessage.Opened("d", "canvas", 0, json("{\"objects\":[]}"), false, List.of(), null, List.of()));
        m.edit(batch("{\"changes\":[{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a0\"}]}"));
        sent.clear();
        m.receive(new ServerMessage.Ack("d", 1, 1, null));
        assertEquals(List.of(new ClientMessage.Open("d", null, true, "canvas")), sent);
        m.receive(new ServerMessage.Opened("d", "canvas", 1, json("{\"objects\":[]}"), false, List.of(), null, List.of()));
        assertEquals("INVALID_ACK", ((LostEdits<?>) events.get(0)).reason());
    }

    @Test
    void aCanvasPointerGoesOutAtOnceEvenWithABatchInFlight() {
        DocumentModel<CanvasOperation, CanvasPresence> m = model(ClientTypes.CANVAS);
        m.open(true);
        m.receive(new ServerMessage.Opened("d", "canvas", 0, json("{\"objects\":[]}"), false, List.of(),
                null, List.of(new ServerMessage.PresenceEntry(BO, null, 0, json("{\"pointer\":[1.5,2],\"selected\":[\"s9\"]}"), false))));
        assertEquals(new CanvasPresence(new CanvasPresence.Pointer(1.5, 2), List.of("s9")),
                m.participants().iterator().next().selection());
        m.edit(batch("{\"changes\":[{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a0\"}]}"));
        sent.clear();
        m.setSelection(CanvasPresence.pointer(10, 20), false);
        m.sendPresence();
        assertEquals(List.of(new ClientMessage.Presence("d", 0, json("{\"pointer\":[10.0,20.0],\"selected\":[]}"), false)), sent);
    }

    @Test
    void canvasUndoIsSubmittedLikeAnEdit() {
        DocumentModel<CanvasOperation, CanvasPresence> m = model(ClientTypes.CANVAS);
        m.open(true);
        m.receive(new ServerMessage.Opened("d", "canvas", 0, json("{\"objects\":[]}"), false, List.of(), null, List.of()));
        m.edit(batch("{\"changes\":[{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a0\"}]}"));
        m.receive(new ServerMessage.Ack("d", 1, 1, json("{\"changes\":[{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a0\"}]}")));
        sent.clear();
        assertTrue(m.canUndo());
        assertEquals(batch("{\"changes\":[{\"delete\":\"s1\"}]}"), m.undo());
        assertEquals(List.of(new ClientMessage.Submit("d", 1, json("{\"changes\":[{\"delete\":\"s1\"}]}"), 2)), sent);
        assertEquals(0, m.length());
    }

    @Test
    void aTextModelRefusesADocumentOfAnotherType() {
        DocumentModel<TextOperation, Selection> m = DocumentModel.text("d", ME, 0, sent::add, (delay, task) -> { });
        m.open(false);
        m.receive(new ServerMessage.Opened("d", "rich-text", 1, json("{\"ops\":[{\"insert\":\"\\n\"}]}"), false, List.of(),
                null, List.of()));
        assertEquals(DocumentModel.Phase.CLOSED, m.phase());
        assertNull(m.inFlight());
        assertEquals(-1, m.revision());
        m.receive(new ServerMessage.Opened("d", "text", 1, TextNode.valueOf("late"), false, List.of(), null, List.of()));
        assertEquals(-1, m.revision(), "a closed model takes nothing");
    }

    private static double x(CanvasDocument doc) {
        return ((dev.tandem.ot.canvas.PropertyValue.NumberValue) doc.get("r1").props().get("x")).value();
    }
}
