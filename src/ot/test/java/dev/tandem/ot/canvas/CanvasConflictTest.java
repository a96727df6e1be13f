package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each conflict rule of the canvas type, as two or three people meet it through the server. */
class CanvasConflictTest {
    private final TestRoom room = new TestRoom();

    private static String text(CanvasObject o) {
        return ((PropertyValue.StringValue) o.props().get("text")).value();
    }

    private static Object value(CanvasObject o, String prop) {
        PropertyValue v = o.props().get(prop);
        return v instanceof PropertyValue.StringValue s ? s.value() : v instanceof PropertyValue.NumberValue n ? n.value() : v;
    }

    private void board(String json) {
        TestRoom.Person setup = room.join("setup");
        setup.edit(json);
        room.settle();
    }

    @Test
    void aSetIsLastWriterWinsInTheServersOrder() {
        board("{\"changes\":[{\"create\":\"r1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\",\"props\":{\"fill\":\"#fff\"}}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"set\":\"r1\",\"prop\":\"fill\",\"value\":\"#f00\"}]}");
        bob.edit("{\"changes\":[{\"set\":\"r1\",\"prop\":\"fill\",\"value\":\"#00f\"}]}");
        bob.sendAndCommit();
        ann.sendAndCommit(); // later in the server's order: wins
        room.settle();
        assertEquals("#f00", value(room.truth().get("r1"), "fill"));
        assertEquals("#f00", value(bob.get("r1"), "fill"));
    }

    @Test
    void aChangeToADeletedObjectIsDroppedAndItsAuthorIsToldSo() {
        board("{\"changes\":[{\"create\":\"r1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\"}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"delete\":\"r1\"}]}");
        bob.edit("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":40},{\"set\":\"r1\",\"prop\":\"y\",\"value\":50}]}");
        ann.sendAndCommit();
        MiniSequencer.Result late = bob.sendAndCommit();
        assertTrue(late.committed().isEmpty(), "committed as " + late.committed());
        room.settle();
        assertNull(bob.get("r1"));
        assertEquals(0, room.truth().size());
    }

    @Test
    void aChangeToAnObjectNeverCreatedIsDropped() {
        CanvasDocument doc = CanvasType.INSTANCE.open(CanvasType.INSTANCE.emptySnapshot());
        CanvasOperation applied = doc.apply(CanvasType.INSTANCE.parse("{\"changes\":[{\"set\":\"ghost\",\"prop\":\"x\",\"value\":1},"
                + "{\"edit\":\"ghost\",\"prop\":\"text\",\"op\":[\"hi\"]},{\"move\":\"ghost\",\"parent\":null,\"index\":\"a0\"},"
                + "{\"delete\":\"ghost\"},{\"create\":\"child\",\"kind\":\"text\",\"parent\":\"ghost\",\"index\":\"a0\"}]}"));
        assertTrue(applied.isEmpty(), applied.toString());
        assertEquals(0, doc.size());
    }

    @Test
    void aSetOfATextReplacesConcurrentEditsOfIt() {
        board("{\"changes\":[{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a0\",\"props\":{\"text\":\"draft\"}}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"set\":\"s1\",\"prop\":\"text\",\"value\":\"final\"}]}");
        bob.edit("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[5,\" two\"]}]}");
        ann.sendAndCommit();
        MiniSequencer.Result edit = bob.sendAndCommit();
        assertTrue(edit.committed().isEmpty(), "the edit past the set is dropped: " + edit.committed());
        room.settle();
        assertEquals("final", text(room.truth().get("s1")));
    }

    @Test
    void aSetIsUnchangedByAnEditCommittedBeforeIt() {
        board("{\"changes\":[{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a0\",\"props\":{\"text\":\"draft\"}}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"set\":\"s1\",\"prop\":\"text\",\"value\":\"final\"}]}");
        bob.edit("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[5,\" two\"]}]}");
        bob.sendAndCommit();
        MiniSequencer.Result set = ann.sendAndCommit();
        assertEquals("{\"changes\":[{\"set\":\"s1\",\"prop\":\"text\",\"value\":\"final\"}]}", set.committed().toJson());
        room.settle();
        assertEquals("final", text(room.truth().get("s1")));
    }

    @Test
    void twoPeopleTypingInOneStickyKeepBothTexts() {
        board("{\"changes\":[{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a0\",\"props\":{\"text\":\"Hello\"}}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[5,\" world\"]}]}");
        ann.edit("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[11,\"!\"]}]}");
        bob.edit("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[\"Oh, \",5]}]}");
        bob.edit("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[4,-1,\"h\",4]}]}");
        ann.sendAndCommit();
        bob.sendAndCommit();
        room.settle();
        assertEquals("Oh, hello world!", text(room.truth().get("s1")));
        assertEquals("Oh, hello world!", text(ann.get("s1")));
    }

    @Test
    void twoPeopleTypingAtTheSamePlaceKeepBothWordsInTheSameOrderEverywhere() {
        board("{\"changes\":[{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a0\",\"props\":{\"text\":\"ab\"}}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[1,\"ANN\",1]}]}");
        bob.edit("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[1,\"BOB\",1]}]}");
        ann.sendAndCommit();
        bob.sendAndCommit();
        room.settle();
        String t = text(room.truth().get("s1"));
        assertTrue(t.equals("aBOBANNb") || t.equals("aANNBOBb"), t);
    }

    @Test
    void moveIntoOwnDescendantIsDroppedAndAuthorIsToldByTheCommittedOp() {
        board("{\"changes\":[{\"create\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\"},"
                + "{\"create\":\"f2\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a1\"}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"move\":\"f1\",\"parent\":\"f2\",\"index\":\"a0\"}]}");
        bob.edit("{\"changes\":[{\"move\":\"f2\",\"parent\":\"f1\",\"index\":\"a0\"},{\"set\":\"f2\",\"prop\":\"name\",\"value\":\"inner\"}]}");
        assertEquals("f1", bob.get("f2").parent(), "bob sees his own move at once");
        ann.sendAndCommit();
        MiniSequencer.Result cycle = bob.sendAndCommit();
        assertEquals("{\"changes\":[{\"set\":\"f2\",\"prop\":\"name\",\"value\":\"inner\"}]}", cycle.committed().toJson(),
                "the committed batch, sent to bob with his ack, has no move");
        assertTrue(CanvasType.INSTANCE.acksCarryOperation());
        room.settle();
        assertEquals("f2", bob.get("f1").parent());
        assertNull(bob.get("f2").parent());
        CanvasInvariants.check(room.truth());
    }

    @Test
    void aMoveIntoItselfIsDropped() {
        CanvasDocument doc = CanvasType.INSTANCE.open("{\"objects\":[{\"id\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\"}]}");
        assertTrue(doc.apply(CanvasType.INSTANCE.parse("{\"changes\":[{\"move\":\"f1\",\"parent\":\"f1\",\"index\":\"a0\"}]}")).isEmpty());
    }

    @Test
    void concurrentCreatesWithTheSameIdKeepTheFirst() {
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"create\":\"x1\",\"kind\":\"ellipse\",\"parent\":null,\"index\":\"a0\",\"props\":{\"fill\":\"#f00\"}}]}");
        bob.edit("{\"changes\":[{\"create\":\"x1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a5\",\"props\":{\"fill\":\"#00f\"}}]}");
        ann.sendAndCommit();
        MiniSequencer.Result second = bob.sendAndCommit();
        assertTrue(second.committed().isEmpty());
        room.settle();
        assertEquals(Kind.ELLIPSE, bob.get("x1").kind());
        assertEquals("#f00", value(bob.get("x1"), "fill"));
        assertEquals(1, room.truth().size());
    }

    @Test
    void equalIndexesFromTwoClientsOrderByIdEverywhere() {
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"create\":\"zed\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a1\"}]}");
        bob.edit("{\"changes\":[{\"create\":\"amy\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a1\"}]}");
        ann.sendAndCommit();
        bob.sendAndCommit();
        room.settle();
        for (CanvasDocument d : List.of(room.truth(), ann.view(), bob.view())) {
            assertEquals(List.of("amy", "zed"), d.children(null).stream().map(CanvasObject::id).toList());
        }
    }

    @Test
    void aDraggedShapeNeverJumpsBackWhileItsMovesAreUnacknowledged() {
        board("{\"changes\":[{\"create\":\"r1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\",\"props\":{\"x\":0}}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":10}]}");
        ann.send();
        ann.edit("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":20}]}");
        bob.edit("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":99}]}");
        bob.sendAndCommit(); // before ann's: ann receives it while hers are pending
        ann.receiveAll();
        assertEquals(20.0, value(ann.get("r1"), "x"), "ann's own values mask bob's until acknowledged");
        ann.commit();
        ann.receiveAll();
        assertEquals(20.0, value(ann.get("r1"), "x"), "still 20 after the first ack, the second is pending");
        room.settle();
        assertEquals(20.0, value(room.truth().get("r1"), "x"));
        assertEquals(20.0, value(bob.get("r1"), "x"));
    }

    @Test
    void aCreateInAFrameDeletedConcurrentlyIsDroppedWithWhatWasMadeOnIt() {
        board("{\"changes\":[{\"create\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\"}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"delete\":\"f1\"}]}");
        bob.edit("{\"changes\":[{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":\"f1\",\"index\":\"a0\",\"props\":{\"text\":\"hi\"}}]}");
        bob.edit("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[2,\" there\"]}]}");
        ann.sendAndCommit();
        room.settle();
        assertEquals(0, room.truth().size());
        assertEquals(0, bob.view().size());
    }

    @Test
    void aMoveIntoAFrameDeletedConcurrentlyLeavesTheObjectWhereItWas() {
        board("{\"changes\":[{\"create\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\"},"
                + "{\"create\":\"r1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a1\"}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"delete\":\"f1\"}]}");
        bob.edit("{\"changes\":[{\"move\":\"r1\",\"parent\":\"f1\",\"index\":\"a0\"}]}");
        ann.sendAndCommit();
        room.settle();
        assertNull(room.truth().get("r1").parent());
        assertEquals("a1", bob.get("r1").index());
    }

    @Test
    void aDeleteTakesTheWholeSubtree() {
        board("{\"changes\":[{\"create\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\"},"
                + "{\"create\":\"f2\",\"kind\":\"frame\",\"parent\":\"f1\",\"index\":\"a0\"},"
                + "{\"create\":\"r1\",\"kind\":\"rectangle\",\"parent\":\"f2\",\"index\":\"a0\"},"
                + "{\"create\":\"r2\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a1\"}]}");
        TestRoom.Person ann = room.join("ann");
        ann.edit("{\"changes\":[{\"delete\":\"f1\"}]}");
        room.settle();
        assertEquals(List.of("r2"), room.truth().inTreeOrder().stream().map(CanvasObject::id).toList());
    }

    @Test
    void aBatchIsAppliedInOrderSoLaterChangesSeeEarlierOnes() {
        TestRoom.Person ann = room.join("ann");
        ann.edit("{\"changes\":[{\"create\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\"},"
                + "{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":\"f1\",\"index\":\"a0\"},"
                + "{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[\"note\"]},{\"set\":\"s1\",\"prop\":\"fill\",\"value\":\"#ffeb3b\"},"
                + "{\"move\":\"s1\",\"parent\":null,\"index\":\"a1\"},{\"delete\":\"f1\"}]}");
        room.settle();
        CanvasObject s1 = room.truth().get("s1");
        assertEquals("note", text(s1));
        assertNull(s1.parent());
        assertEquals(1, room.truth().size());
    }
}
