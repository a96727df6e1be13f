package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Undo and redo in the replica, after Figma: undo then redo leaves the document as it was, and
 * undo never overwrites what someone else did in the meantime.
 */
class CanvasUndoTest {
    private final TestRoom room = new TestRoom();

    private static Object value(CanvasObject o, String prop) {
        PropertyValue v = o.props().get(prop);
        return v instanceof PropertyValue.StringValue s ? s.value() : v instanceof PropertyValue.NumberValue n ? n.value() : v;
    }

    private void board(String json) {
        room.join("setup").edit(json);
        room.settle();
    }

    @Test
    void undoThenRedoLeavesTheDocumentAsItWas() {
        board("{\"changes\":[{\"create\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\"},"
                + "{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":\"f1\",\"index\":\"a0\",\"props\":{\"text\":\"one\",\"x\":1}},"
                + "{\"create\":\"r1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a1\",\"props\":{\"fill\":\"#fff\"}}]}");
        TestRoom.Person ann = room.join("ann");
        List<String> states = new ArrayList<>();
        states.add(ann.view().snapshot());
        String[] edits = {
            "{\"changes\":[{\"set\":\"r1\",\"prop\":\"fill\",\"value\":\"#f00\"},{\"set\":\"s1\",\"prop\":\"x\",\"value\":null}]}",
            "{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[3,\" two\"]}]}",
            "{\"changes\":[{\"move\":\"s1\",\"parent\":null,\"index\":\"a2\"}]}",
            "{\"changes\":[{\"create\":\"e1\",\"kind\":\"ellipse\",\"parent\":\"f1\",\"index\":\"a5\",\"props\":{\"y\":3}}]}",
            "{\"changes\":[{\"move\":\"r1\",\"parent\":\"f1\",\"index\":\"Zz\"},{\"delete\":\"f1\"}]}",
        };
        for (String e : edits) {
            ann.edit(e);
            states.add(ann.view().snapshot());
        }
        for (int i = edits.length; i > 0; i--) {
            assertTrue(ann.replica.canUndo());
            ann.replica.undo();
            assertEquals(states.get(i - 1), ann.view().snapshot(), "after undoing edit " + i);
        }
        for (int i = 1; i <= edits.length; i++) {
            assertTrue(ann.replica.canRedo());
            ann.replica.redo();
            assertEquals(states.get(i), ann.view().snapshot(), "after redoing edit " + i);
        }
        assertFalse(ann.replica.canRedo());
        room.settle();
        assertEquals(states.get(edits.length), room.truth().snapshot());
    }

    @Test
    void undoDoesNotOverwriteAValueSomeoneElseSetSince() {
        board("{\"changes\":[{\"create\":\"r1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\",\"props\":{\"fill\":\"#fff\"}}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"set\":\"r1\",\"prop\":\"fill\",\"value\":\"#f00\"}]}");
        room.settle();
        bob.edit("{\"changes\":[{\"set\":\"r1\",\"prop\":\"fill\",\"value\":\"#00f\"}]}");
        room.settle();
        assertTrue(ann.replica.undo().isEmpty(), "nothing of ann's shows any more");
        room.settle();
        assertEquals("#00f", value(room.truth().get("r1"), "fill"));
    }

    @Test
    void undoRestoresTheOldValueWhenNobodyChangedIt() {
        board("{\"changes\":[{\"create\":\"r1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\",\"props\":{\"fill\":\"#fff\",\"x\":5}}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"set\":\"r1\",\"prop\":\"fill\",\"value\":\"#f00\"}]}");
        room.settle();
        bob.edit("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":70}]}"); // another property: no conflict
        room.settle();
        ann.replica.undo();
        room.settle();
        assertEquals("#fff", value(room.truth().get("r1"), "fill"));
        assertEquals(70.0, value(room.truth().get("r1"), "x"));
    }

    @Test
    void undoOfTypingRemovesOnlyMyCharactersAfterOthersTyped() {
        board("{\"changes\":[{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a0\",\"props\":{\"text\":\"Hello\"}}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[5,\" world\"]}]}");
        bob.edit("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[\"Oh, \",5]}]}");
        bob.sendAndCommit();
        ann.receiveAll(); // bob's typing arrives while ann's is still pending
        room.settle();
        assertEquals("Oh, Hello world", value(room.truth().get("s1"), "text"));
        ann.replica.undo();
        room.settle();
        assertEquals("Oh, Hello", value(room.truth().get("s1"), "text"));
        ann.replica.redo();
        room.settle();
        assertEquals("Oh, Hello world", value(room.truth().get("s1"), "text"));
    }

    @Test
    void undoOfTypingIsDroppedWhenSomeoneReplacedTheText() {
        board("{\"changes\":[{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a0\",\"props\":{\"text\":\"Hello\"}}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[5,\" world\"]}]}");
        room.settle();
        bob.edit("{\"changes\":[{\"set\":\"s1\",\"prop\":\"text\",\"value\":\"Bye\"}]}");
        room.settle();
        assertTrue(ann.replica.undo().isEmpty());
        room.settle();
        assertEquals("Bye", value(room.truth().get("s1"), "text"));
    }

    @Test
    void undoOfADeleteRecreatesTheFrameWithItsContentsAndIds() {
        board("{\"changes\":[{\"create\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\",\"props\":{\"name\":\"Ideas\"}},"
                + "{\"create\":\"f2\",\"kind\":\"frame\",\"parent\":\"f1\",\"index\":\"a0\"},"
                + "{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":\"f2\",\"index\":\"a0\",\"props\":{\"text\":\"keep me\"}},"
                + "{\"create\":\"s2\",\"kind\":\"sticky\",\"parent\":\"f1\",\"index\":\"a1\"}]}");
        String before = room.truth().snapshot();
        TestRoom.Person ann = room.join("ann");
        ann.edit("{\"changes\":[{\"delete\":\"s1\"},{\"delete\":\"f1\"}]}");
        room.settle();
        assertEquals(0, room.truth().size());
        ann.replica.undo();
        room.settle();
        assertEquals(before, room.truth().snapshot());
    }

    @Test
    void undoOfAMoveLeavesAnObjectSomeoneElseMovedSince() {
        board("{\"changes\":[{\"create\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\"},"
                + "{\"create\":\"r1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a1\"}]}");
        TestRoom.Person ann = room.join("ann");
        TestRoom.Person bob = room.join("bob");
        ann.edit("{\"changes\":[{\"move\":\"r1\",\"parent\":\"f1\",\"index\":\"a0\"}]}");
        room.settle();
        bob.edit("{\"changes\":[{\"move\":\"r1\",\"parent\":null,\"index\":\"a5\"}]}");
        room.settle();
        assertTrue(ann.replica.undo().isEmpty());
        room.settle();
        assertEquals("a5", room.truth().get("r1").index());
    }

    @Test
    void undoOfACreateDeletesItAndRedoBringsItBack() {
        TestRoom.Person ann = room.join("ann");
        ann.edit("{\"changes\":[{\"create\":\"r1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\",\"props\":{\"x\":3}}]}");
        room.settle();
        String made = room.truth().snapshot();
        ann.replica.undo();
        room.settle();
        assertNull(room.truth().get("r1"));
        ann.replica.redo();
        room.settle();
        assertEquals(made, room.truth().snapshot());
    }

    @Test
    void aNewChangeClearsRedo() {
        TestRoom.Person ann = room.join("ann");
        ann.edit("{\"changes\":[{\"create\":\"r1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\"}]}");
        ann.replica.undo();
        assertTrue(ann.replica.canRedo());
        ann.edit("{\"changes\":[{\"create\":\"r2\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\"}]}");
        assertFalse(ann.replica.canRedo());
    }

    /** Seeded: any run of one person's changes undone completely restores the start, and redone restores the end. */
    @Test
    void undoingEverythingRestoresTheStartAndRedoingEverythingTheEnd() {
        for (long seed = 1; seed <= 150; seed++) {
            TestRoom solo = new TestRoom();
            TestRoom.Person ann = solo.join("ann");
            RandomCanvas random = new RandomCanvas(new Random(seed), "o");
            ann.replica.edit(random.batch(ann.view(), 6));
            ann.replica.edit(random.batch(ann.view(), 6));
            solo.settle();
            TestRoom.Person me = solo.join("me");
            String start = me.view().snapshot();
            int n = 0;
            for (int i = 0; i < 12; i++) {
                CanvasOperation batch = random.batch(me.view(), 5);
                me.replica.edit(batch);
                n++;
            }
            String end = me.view().snapshot();
            for (int i = 0; i < n; i++) {
                me.replica.undo();
            }
            assertEquals(start, me.view().snapshot(), "seed " + seed + ": undo everything");
            for (int i = 0; i < n; i++) {
                me.replica.redo();
            }
            assertEquals(end, me.view().snapshot(), "seed " + seed + ": redo everything");
            solo.settle();
            assertEquals(end, solo.truth().snapshot(), "seed " + seed);
        }
    }
}
