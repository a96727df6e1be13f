package dev.tandem.ot.text;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The rope must behave exactly like a String, whatever the edits and sizes. */
class TextDocumentTest {

    /** A start text, operations to apply in turn (as steps, fitted to the text at that moment), and a slice to read. */
    record RopeCase(String start, List<List<TextArbitraries.Step>> edits, List<Boolean> deleteRest, double from, double to) {
    }

    @Provide
    Arbitrary<RopeCase> ropeCases() {
        // Small edits and big ones (runs up to 3000 code points, inserts up to 1500 pieces) mixed.
        Arbitrary<List<TextArbitraries.Step>> edit = Arbitraries.oneOf(
                TextArbitraries.steps(40, 20, 3), TextArbitraries.steps(12, 3000, 1500));
        return Combinators.combine(TextArbitraries.texts(200, 3200), edit.list().ofSize(60),
                Arbitraries.of(true, false).list().ofSize(60), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1)).as(RopeCase::new);
    }

    @Property(tries = 300, seed = "20261202")
    void ropeMatchesAStringModelUnderRandomOperations(@ForAll("ropeCases") RopeCase c) {
        String model = c.start();
        TextDocument doc = TextDocument.of(model);
        for (int step = 0; step < c.edits().size(); step++) {
            TextOperation op = TextArbitraries.fit(c.edits().get(step), RandomEdits.length(model), c.deleteRest().get(step));
            model = op.apply(model);
            doc.apply(op);
            assertEquals(RandomEdits.length(model), doc.length());
            assertEquals(model.length(), doc.charLength());
        }
        assertEquals(model, doc.toString());
        int len = doc.length();
        int from = (int) Math.floor(c.from() * len);
        int to = from + (int) Math.floor(c.to() * (len - from));
        assertEquals(model.substring(model.offsetByCodePoints(0, from), model.offsetByCodePoints(0, to)),
                doc.slice(from, to));
    }

    @Test
    void manySmallEditsKeepTheTreeShallow() {
        Random r = new Random(7);
        TextDocument doc = TextDocument.empty();
        StringBuilder model = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            int pos = r.nextInt(model.length() + 1);
            doc.insert(pos, "x");
            model.insert(pos, 'x');
        }
        assertTrue(doc.depth() <= 4, "depth " + doc.depth());
        for (int i = 0; i < 199_000; i++) {
            int pos = r.nextInt(model.length());
            doc.delete(pos, 1);
            model.deleteCharAt(pos);
        }
        assertEquals(model.toString(), doc.toString());
        assertTrue(doc.depth() <= 3, "depth after deleting most text " + doc.depth());
    }

    @Test
    void hugeInsertsAndDeletesAcrossManyLeaves() {
        String big = "\ud83d\ude00ab".repeat(100_000);
        TextDocument doc = TextDocument.of("start end");
        doc.insert(6, big);
        assertEquals(9 + 300_000, doc.length());
        doc.delete(5, 250_000);
        String expected = ("start " + big + "end");
        int cut = expected.offsetByCodePoints(0, 5);
        expected = expected.substring(0, cut) + expected.substring(expected.offsetByCodePoints(cut, 250_000));
        assertEquals(expected, doc.toString());
        doc.delete(0, doc.length());
        assertEquals("", doc.toString());
        doc.insert(0, "again");
        assertEquals("again", doc.toString());
    }

    @Test
    void rangesOutsideTheDocumentAreRejected() {
        TextDocument doc = TextDocument.of("abc");
        assertEquals(OtError.PAST_END, assertThrows(OtException.class, () -> doc.delete(2, 2)).code());
        assertEquals(OtError.PAST_END, assertThrows(OtException.class, () -> doc.insert(4, "x")).code());
        assertEquals(OtError.LONE_SURROGATE, assertThrows(OtException.class, () -> doc.insert(1, "\ud800")).code());
        assertEquals("abc", doc.toString());
    }

}
