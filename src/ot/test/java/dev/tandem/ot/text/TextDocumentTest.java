package dev.tandem.ot.text;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rope must behave exactly like a String, whatever the edits and sizes. */
class TextDocumentTest {

    @Test
    void ropeMatchesAStringModelUnderRandomOperations() {
        Properties.forAll(20261202L, 300, seed -> {
            Random r = new Random(seed);
            String model = RandomEdits.text(r, 200 + r.nextInt(3000));
            TextDocument doc = TextDocument.of(model);
            for (int step = 0; step < 60; step++) {
                TextOperation op = bigOperation(r, RandomEdits.length(model));
                model = op.apply(model);
                doc.apply(op);
                assertEquals(RandomEdits.length(model), doc.length());
                assertEquals(model.length(), doc.charLength());
            }
            assertEquals(model, doc.toString());
            int len = doc.length();
            int from = r.nextInt(len + 1);
            int to = from + r.nextInt(len - from + 1);
            assertEquals(model.substring(model.offsetByCodePoints(0, from), model.offsetByCodePoints(0, to)),
                    doc.slice(from, to));
        });
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

    /** Operations with long runs, so edits span many leaves. */
    private static TextOperation bigOperation(Random r, int length) {
        TextOperation.Builder b = TextOperation.builder();
        int left = length;
        while (left > 0) {
            int n = 1 + r.nextInt(Math.min(left, r.nextBoolean() ? 20 : 3000));
            double p = r.nextDouble();
            if (p < 0.15) {
                b.insert(RandomEdits.nonEmptyText(r, r.nextBoolean() ? 3 : 1500));
            } else if (p < 0.35) {
                b.delete(n);
                left -= n;
            } else {
                b.retain(n);
                left -= n;
            }
        }
        return b.build();
    }
}
