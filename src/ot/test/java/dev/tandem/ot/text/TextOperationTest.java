package dev.tandem.ot.text;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Worked examples of the OT core, with emoji, combining marks and astral characters. */
class TextOperationTest {
    static final String GRINNING = "\ud83d\ude00"; // U+1F600, one code point, two UTF-16 chars
    static final String CLEF = "\ud834\udd1e"; // U+1D11E
    static final String E_ACUTE_COMBINING = "e\u0301"; // two code points

    @Test
    void normalFormMergesNeighboursAndPutsInsertBeforeDelete() {
        TextOperation a = TextOperation.builder().retain(2).retain(3).delete(1).insert("x").insert("y").delete(2).build();
        TextOperation b = TextOperation.builder().retain(5).insert("xy").delete(3).build();
        assertEquals(b, a);
        assertEquals("[5,\"xy\",-3]", a.toString());
        assertEquals(8, a.baseLength());
        assertEquals(7, a.targetLength());
    }

    @Test
    void emptyPiecesAreDropped() {
        TextOperation op = TextOperation.builder().retain(0).insert("").delete(0).retain(4).build();
        assertEquals(TextOperation.identity(4), op);
        assertTrue(op.isNoop());
    }

    @Test
    void lengthsCountCodePointsNotUtf16Units() {
        String doc = "a" + GRINNING + "b" + CLEF;
        TextOperation op = TextOperation.builder().retain(1).delete(1).insert(CLEF).retain(2).build();
        assertEquals(4, op.baseLength());
        assertEquals("a" + CLEF + "b" + CLEF, op.apply(doc));
        assertEquals(doc, op.invert(doc).apply(op.apply(doc)));
    }

    @Test
    void combiningMarksAreSeparateCodePoints() {
        String doc = "caf" + E_ACUTE_COMBINING;
        TextOperation dropAccent = TextOperation.builder().retain(4).delete(1).build();
        assertEquals("cafe", dropAccent.apply(doc));
    }

    @Test
    void concurrentInsertsAtTheSamePlaceBreakTiesForTheFirstArgument() {
        String doc = "ab";
        TextOperation a = TextOperation.splice(2, 1, 0, GRINNING);
        TextOperation b = TextOperation.splice(2, 1, 0, "X");
        OperationPair p = TextOperation.transform(a, b);
        assertEquals("a" + GRINNING + "Xb", p.bPrime().apply(a.apply(doc)));
        assertEquals("a" + GRINNING + "Xb", p.aPrime().apply(b.apply(doc)));
    }

    @Test
    void overlappingDeletesDeleteOnce() {
        String doc = "hello world";
        TextOperation a = TextOperation.splice(11, 2, 5, ""); // "he world"
        TextOperation b = TextOperation.splice(11, 4, 4, ""); // "hellorld"
        OperationPair p = TextOperation.transform(a, b);
        assertEquals("herld", p.bPrime().apply(a.apply(doc)));
        assertEquals("herld", p.aPrime().apply(b.apply(doc)));
    }

    @Test
    void caretStickinessDecidesWhetherInsertAtTheCaretPushesIt() {
        TextOperation op = TextOperation.splice(5, 2, 0, GRINNING + "!");
        assertEquals(2, op.transformPosition(2, TextOperation.Bias.BEFORE));
        assertEquals(4, op.transformPosition(2, TextOperation.Bias.AFTER));
        assertEquals(1, op.transformPosition(1, TextOperation.Bias.AFTER));
        assertEquals(5, op.transformPosition(3, TextOperation.Bias.BEFORE));
    }

    @Test
    void caretInsideADeletedRangeMovesToItsStart() {
        TextOperation op = TextOperation.splice(10, 2, 5, "");
        assertEquals(2, op.transformPosition(4, TextOperation.Bias.BEFORE));
        assertEquals(5, op.transformPosition(10, TextOperation.Bias.BEFORE));
    }

    @Test
    void selectionKeepsTextTypedAtItsEdgesOutside() {
        TextOperation atStart = TextOperation.splice(10, 2, 0, "xx");
        TextOperation atEnd = TextOperation.splice(10, 6, 0, "yy");
        Selection sel = new Selection(6, 2); // selected backwards
        assertEquals(new Selection(8, 4), sel.transform(atStart, TextOperation.Bias.BEFORE));
        assertEquals(new Selection(6, 2), sel.transform(atEnd, TextOperation.Bias.BEFORE));
        assertEquals(Selection.caret(5), Selection.caret(3).transform(atStart, TextOperation.Bias.AFTER));
    }

    @Test
    void composeRejectsMismatchedLengths() {
        OtException e = assertThrows(OtException.class,
                () -> TextOperation.identity(3).compose(TextOperation.identity(4)));
        assertEquals(OtError.COMPOSE_MISMATCH, e.code());
    }

    @Test
    void transformRejectsOperationsOnDifferentDocuments() {
        OtException e = assertThrows(OtException.class,
                () -> TextOperation.transform(TextOperation.identity(3), TextOperation.identity(4)));
        assertEquals(OtError.TRANSFORM_MISMATCH, e.code());
    }

    @Test
    void applyRejectsOperationsThatDoNotFitAndLeavesTheDocumentAlone() {
        TextDocument doc = TextDocument.of("abc");
        OtException tooLong = assertThrows(OtException.class,
                () -> doc.apply(TextOperation.builder().retain(2).delete(2).build()));
        assertEquals(OtError.PAST_END, tooLong.code());
        OtException tooShort = assertThrows(OtException.class,
                () -> doc.apply(TextOperation.builder().insert("x").retain(2).build()));
        assertEquals(OtError.BASE_LENGTH_MISMATCH, tooShort.code());
        assertEquals("abc", doc.toString());
        assertEquals(OtError.PAST_END, assertThrows(OtException.class,
                () -> TextOperation.identity(5).apply("abc")).code());
    }

    @Test
    void caretOutsideTheDocumentIsRejected() {
        assertEquals(OtError.POSITION_OUT_OF_RANGE, assertThrows(OtException.class,
                () -> TextOperation.identity(3).transformPosition(4, TextOperation.Bias.BEFORE)).code());
        assertEquals(OtError.POSITION_OUT_OF_RANGE, assertThrows(OtException.class,
                () -> TextOperation.identity(3).transformPosition(-1, TextOperation.Bias.BEFORE)).code());
    }

    @Test
    void loneSurrogatesAreRejectedInInserts() {
        assertEquals(OtError.LONE_SURROGATE, assertThrows(OtException.class,
                () -> TextOperation.builder().insert("a\ud83d").build()).code());
        assertEquals(OtError.LONE_SURROGATE, assertThrows(OtException.class,
                () -> TextOperation.builder().insert("\ude00b").build()).code());
        assertEquals(OtError.LONE_SURROGATE, assertThrows(OtException.class,
                () -> OperationJson.parse("[\"\\ud83d\"]")).code());
    }

    @Test
    void negativeCountsAreRejected() {
        assertEquals(OtError.NON_POSITIVE_LENGTH, assertThrows(OtException.class,
                () -> TextOperation.builder().retain(-1)).code());
        assertEquals(OtError.NON_POSITIVE_LENGTH, assertThrows(OtException.class,
                () -> Component.delete(0)).code());
    }

    @Test
    void hugeLengthsAreRejectedNotWrapped() {
        assertEquals(OtError.TOO_LONG, assertThrows(OtException.class,
                () -> TextOperation.builder().retain(Integer.MAX_VALUE).retain(1).build()).code());
    }

    @Test
    void equalEditsAreEqualValues() {
        TextOperation a = OperationJson.parse("[1,\"a\",\"b\",-1,-1,2]");
        TextOperation b = OperationJson.parse("[1,\"ab\",-2,2]");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(TextOperation.identity(5)));
    }
}
