package dev.tandem.ot.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The OT algebra's invariants, checked on seeded random documents and operations. */
class TextOperationPropertiesTest {

    @Test
    void transformConverges() {
        Properties.forAll(20261128L, 2000, seed -> {
            Random r = new Random(seed);
            String doc = RandomEdits.text(r, 30);
            int len = RandomEdits.length(doc);
            TextOperation a = RandomEdits.operation(r, len);
            TextOperation b = RandomEdits.operation(r, len);
            OperationPair pair = TextOperation.transform(a, b);
            String viaA = pair.bPrime().apply(a.apply(doc));
            String viaB = pair.aPrime().apply(b.apply(doc));
            assertEquals(viaA, viaB, () -> "a=" + a + " b=" + b + " doc=" + doc);
            // a' then is equivalent to a composed after b: the compose of both paths is one edit.
            assertEquals(a.compose(pair.bPrime()).apply(doc), b.compose(pair.aPrime()).apply(doc));
        });
    }

    @Test
    void composeIsEquivalentToApplyingInSequence() {
        Properties.forAll(20261129L, 2000, seed -> {
            Random r = new Random(seed);
            String doc = RandomEdits.text(r, 30);
            TextOperation a = RandomEdits.operation(r, RandomEdits.length(doc));
            String afterA = a.apply(doc);
            TextOperation b = RandomEdits.operation(r, RandomEdits.length(afterA));
            TextOperation ab = a.compose(b);
            assertEquals(b.apply(afterA), ab.apply(doc));
            assertEquals(a.baseLength(), ab.baseLength());
            assertEquals(b.targetLength(), ab.targetLength());
        });
    }

    @Test
    void invertRoundTrips() {
        Properties.forAll(20261130L, 2000, seed -> {
            Random r = new Random(seed);
            String doc = RandomEdits.text(r, 30);
            TextOperation op = RandomEdits.operation(r, RandomEdits.length(doc));
            TextOperation inverse = op.invert(doc);
            assertEquals(doc, inverse.apply(op.apply(doc)));
            assertEquals(inverse, op.invert(TextDocument.of(doc)), "rope and string inversion agree");
            assertTrue(op.compose(inverse).isNoop() || op.compose(inverse).apply(doc).equals(doc));
        });
    }

    @Test
    void caretStaysOnTheSameCharacter() {
        Properties.forAll(20261131L, 2000, seed -> {
            Random r = new Random(seed);
            String doc = RandomEdits.nonEmptyText(r, 30);
            int len = RandomEdits.length(doc);
            TextOperation op = RandomEdits.operation(r, len);
            int caret = r.nextInt(len + 1);
            String after = op.apply(doc);
            int afterLen = RandomEdits.length(after);
            for (TextOperation.Bias bias : TextOperation.Bias.values()) {
                int moved = op.transformPosition(caret, bias);
                assertTrue(moved >= 0 && moved <= afterLen, "caret inside the new document");
            }
            // BEFORE keeps the caret right after the character before it, if that one survives.
            if (caret > 0 && keptIndex(op, caret - 1) >= 0) {
                assertEquals(keptIndex(op, caret - 1) + 1, op.transformPosition(caret, TextOperation.Bias.BEFORE));
            }
            // AFTER keeps the caret right before the character after it, if that one survives.
            int keptBefore = caret < len ? keptIndex(op, caret) : -1;
            if (keptBefore >= 0) {
                int before = op.transformPosition(caret, TextOperation.Bias.BEFORE);
                int afterBias = op.transformPosition(caret, TextOperation.Bias.AFTER);
                assertEquals(keptBefore, afterBias, "with AFTER bias the caret sits right before its character");
                assertTrue(before <= afterBias);
                assertEquals(doc.codePointAt(doc.offsetByCodePoints(0, caret)),
                        after.codePointAt(after.offsetByCodePoints(0, afterBias)));
            }
        });
    }

    @Test
    void caretBeforeASurvivingCharacterEndsAtTheSamePlaceWhicheverOrderEditsArrive() {
        Properties.forAll(20261132L, 2000, seed -> {
            Random r = new Random(seed);
            String doc = RandomEdits.nonEmptyText(r, 30);
            int len = RandomEdits.length(doc);
            TextOperation a = RandomEdits.operation(r, len);
            TextOperation b = RandomEdits.operation(r, len);
            OperationPair pair = TextOperation.transform(a, b);
            int caret = r.nextInt(len + 1);
            // AFTER glues a caret to the character after it, BEFORE to the character before it. When
            // that character survives both edits, both orders must put the caret next to it. (When it
            // is deleted the caret collapses, and may land on either side of text inserted there.)
            if (caret < len && keptIndex(a, caret) >= 0 && keptIndex(b, caret) >= 0) {
                assertSameBothWays(a, b, pair, caret, TextOperation.Bias.AFTER);
            }
            if (caret > 0 && keptIndex(a, caret - 1) >= 0 && keptIndex(b, caret - 1) >= 0) {
                assertSameBothWays(a, b, pair, caret, TextOperation.Bias.BEFORE);
            }
        });
    }

    private static void assertSameBothWays(TextOperation a, TextOperation b, OperationPair pair, int caret,
            TextOperation.Bias bias) {
        int viaA = pair.bPrime().transformPosition(a.transformPosition(caret, bias), bias);
        int viaB = pair.aPrime().transformPosition(b.transformPosition(caret, bias), bias);
        assertEquals(viaA, viaB, () -> "caret " + caret + " " + bias + " a=" + a + " b=" + b);
    }

    @Test
    void caretsKeepTheirOrder() {
        Properties.forAll(20261135L, 2000, seed -> {
            Random r = new Random(seed);
            int len = r.nextInt(60);
            TextOperation op = RandomEdits.operation(r, len);
            int p = r.nextInt(len + 1);
            int q = p + r.nextInt(len - p + 1);
            for (TextOperation.Bias bias : TextOperation.Bias.values()) {
                assertTrue(op.transformPosition(p, bias) <= op.transformPosition(q, bias));
                assertEquals(p, TextOperation.identity(len).transformPosition(p, bias));
            }
            assertTrue(op.transformPosition(p, TextOperation.Bias.BEFORE) <= op.transformPosition(p, TextOperation.Bias.AFTER));
        });
    }

    @Test
    void jsonRoundTripsExactly() {
        Properties.forAll(20261133L, 2000, seed -> {
            Random r = new Random(seed);
            TextOperation op = RandomEdits.operation(r, r.nextInt(50));
            String json = OperationJson.write(op);
            TextOperation back = OperationJson.parse(json);
            assertEquals(op, back);
            assertEquals(json, OperationJson.write(back));
        });
    }

    @Test
    void selectionStaysOrderedAndInside() {
        Properties.forAll(20261134L, 500, seed -> {
            Random r = new Random(seed);
            String doc = RandomEdits.nonEmptyText(r, 30);
            int len = RandomEdits.length(doc);
            TextOperation op = RandomEdits.operation(r, len);
            Selection s = new Selection(r.nextInt(len + 1), r.nextInt(len + 1));
            Selection t = s.transform(op, TextOperation.Bias.BEFORE);
            assertTrue(t.start() >= 0 && t.end() <= op.targetLength());
            if (s.anchor() < s.head()) {
                assertTrue(t.anchor() <= t.head(), "a forward selection stays forward");
            } else if (s.anchor() > s.head()) {
                assertTrue(t.anchor() >= t.head(), "a backward selection stays backward");
            }
        });
    }

    /** Index of the base character at {@code pos} in the target, or -1 if deleted or absent. */
    private static int keptIndex(TextOperation op, int pos) {
        int base = 0;
        int target = 0;
        for (Component c : op.components()) {
            if (c instanceof Component.Retain ret) {
                if (pos < base + ret.count()) {
                    return target + (pos - base);
                }
                base += ret.count();
                target += ret.count();
            } else if (c instanceof Component.Insert ins) {
                target += ins.length();
            } else {
                if (pos < base + c.length()) {
                    return -1;
                }
                base += c.length();
            }
        }
        return -1;
    }
}
