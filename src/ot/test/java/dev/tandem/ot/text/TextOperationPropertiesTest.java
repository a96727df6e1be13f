package dev.tandem.ot.text;

import static dev.tandem.ot.text.TextArbitraries.shapes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.text.TextArbitraries.Shape;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The OT algebra's invariants, checked by jqwik on generated documents and operations. Each
 * property has a fixed seed, so every run tries the same cases and a failure replays; jqwik
 * shrinks a failing case to a small document and short operations before reporting it.
 */
class TextOperationPropertiesTest {

    /** Two concurrent operations on one document, and a caret in it. */
    record Concurrent(String doc, TextOperation a, TextOperation b, int caret) {
        static Concurrent of(String doc, Shape a, Shape b, double caret) {
            int len = RandomEdits.length(doc);
            return new Concurrent(doc, a.on(len), b.on(len), TextArbitraries.position(caret, len));
        }
    }

    /** An operation on a document, and a caret or selection in it. */
    record Edit(String doc, TextOperation op, int anchor, int head) {
        static Edit of(String doc, Shape op, double anchor, double head) {
            int len = RandomEdits.length(doc);
            return new Edit(doc, op.on(len), TextArbitraries.position(anchor, len), TextArbitraries.position(head, len));
        }
    }

    /** An operation on a document, then one on the document after it. */
    record Sequence(String doc, TextOperation a, TextOperation b) {
        static Sequence of(String doc, Shape a, Shape b) {
            TextOperation first = a.on(RandomEdits.length(doc));
            return new Sequence(doc, first, b.on(first.targetLength()));
        }
    }

    /** An operation on a document of {@code length} code points, and two carets {@code p <= q} in it. */
    record Carets(int length, TextOperation op, int p, int q) {
        static Carets of(int length, Shape op, double x, double y) {
            int p = TextArbitraries.position(Math.min(x, y), length);
            return new Carets(length, op.on(length), p, TextArbitraries.position(Math.max(x, y), length));
        }
    }

    private static Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<Concurrent> concurrent() {
        return Combinators.combine(TextArbitraries.texts(30), shapes(), shapes(), fraction()).as(Concurrent::of);
    }

    @Provide
    Arbitrary<Concurrent> concurrentOnText() {
        return Combinators.combine(TextArbitraries.nonEmptyTexts(30), shapes(), shapes(), fraction()).as(Concurrent::of);
    }

    @Provide
    Arbitrary<Edit> edit() {
        return Combinators.combine(TextArbitraries.texts(30), shapes(), fraction(), fraction()).as(Edit::of);
    }

    @Provide
    Arbitrary<Edit> editOfText() {
        return Combinators.combine(TextArbitraries.nonEmptyTexts(30), shapes(), fraction(), fraction()).as(Edit::of);
    }

    @Provide
    Arbitrary<Sequence> sequence() {
        return Combinators.combine(TextArbitraries.texts(30), shapes(), shapes()).as(Sequence::of);
    }

    @Provide
    Arbitrary<TextOperation> operationUpTo49() {
        return Combinators.combine(Arbitraries.integers().between(0, 49), shapes()).as((len, shape) -> shape.on(len));
    }

    @Provide
    Arbitrary<Carets> carets() {
        return Combinators.combine(Arbitraries.integers().between(0, 59), shapes(), fraction(), fraction()).as(Carets::of);
    }

    @Property(tries = 2000, seed = "20261128")
    void transformConverges(@ForAll("concurrent") Concurrent c) {
        OperationPair pair = TextOperation.transform(c.a(), c.b());
        String viaA = pair.bPrime().apply(c.a().apply(c.doc()));
        String viaB = pair.aPrime().apply(c.b().apply(c.doc()));
        assertEquals(viaA, viaB, () -> "a=" + c.a() + " b=" + c.b() + " doc=" + c.doc());
        // a' then is equivalent to a composed after b: the compose of both paths is one edit.
        assertEquals(c.a().compose(pair.bPrime()).apply(c.doc()), c.b().compose(pair.aPrime()).apply(c.doc()));
    }

    @Property(tries = 2000, seed = "20261129")
    void composeIsEquivalentToApplyingInSequence(@ForAll("sequence") Sequence s) {
        String afterA = s.a().apply(s.doc());
        TextOperation ab = s.a().compose(s.b());
        assertEquals(s.b().apply(afterA), ab.apply(s.doc()));
        assertEquals(s.a().baseLength(), ab.baseLength());
        assertEquals(s.b().targetLength(), ab.targetLength());
    }

    @Property(tries = 2000, seed = "20261130")
    void invertRoundTrips(@ForAll("edit") Edit e) {
        String doc = e.doc();
        TextOperation op = e.op();
        TextOperation inverse = op.invert(doc);
        assertEquals(doc, inverse.apply(op.apply(doc)));
        assertEquals(inverse, op.invert(TextDocument.of(doc)), "rope and string inversion agree");
        assertTrue(op.compose(inverse).isNoop() || op.compose(inverse).apply(doc).equals(doc));
    }

    @Property(tries = 2000, seed = "20261131")
    void caretStaysOnTheSameCharacter(@ForAll("editOfText") Edit e) {
        String doc = e.doc();
        TextOperation op = e.op();
        int len = RandomEdits.length(doc);
        int caret = e.head();
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
    }

    @Property(tries = 2000, seed = "20261132")
    void caretBeforeASurvivingCharacterEndsAtTheSamePlaceWhicheverOrderEditsArrive(
            @ForAll("concurrentOnText") Concurrent c) {
        TextOperation a = c.a();
        TextOperation b = c.b();
        int len = RandomEdits.length(c.doc());
        int caret = c.caret();
        OperationPair pair = TextOperation.transform(a, b);
        // AFTER glues a caret to the character after it, BEFORE to the character before it. When
        // that character survives both edits, both orders must put the caret next to it. (When it
        // is deleted the caret collapses, and may land on either side of text inserted there.)
        if (caret < len && keptIndex(a, caret) >= 0 && keptIndex(b, caret) >= 0) {
            assertSameBothWays(a, b, pair, caret, TextOperation.Bias.AFTER);
        }
        if (caret > 0 && keptIndex(a, caret - 1) >= 0 && keptIndex(b, caret - 1) >= 0) {
            assertSameBothWays(a, b, pair, caret, TextOperation.Bias.BEFORE);
        }
    }

    private static void assertSameBothWays(TextOperation a, TextOperation b, OperationPair pair, int caret,
            TextOperation.Bias bias) {
        int viaA = pair.bPrime().transformPosition(a.transformPosition(caret, bias), bias);
        int viaB = pair.aPrime().transformPosition(b.transformPosition(caret, bias), bias);
        assertEquals(viaA, viaB, () -> "caret " + caret + " " + bias + " a=" + a + " b=" + b);
    }

    @Property(tries = 2000, seed = "20261135")
    void caretsKeepTheirOrder(@ForAll("carets") Carets c) {
        int len = c.length();
        int p = c.p();
        int q = c.q();
        TextOperation op = c.op();
        for (TextOperation.Bias bias : TextOperation.Bias.values()) {
            assertTrue(op.transformPosition(p, bias) <= op.transformPosition(q, bias));
            assertEquals(p, TextOperation.identity(len).transformPosition(p, bias));
        }
        assertTrue(op.transformPosition(p, TextOperation.Bias.BEFORE) <= op.transformPosition(p, TextOperation.Bias.AFTER));
    }

    @Property(tries = 2000, seed = "20261133")
    void jsonRoundTripsExactly(@ForAll("operationUpTo49") TextOperation op) {
        String json = OperationJson.write(op);
        TextOperation back = OperationJson.parse(json);
        assertEquals(op, back);
        assertEquals(json, OperationJson.write(back));
    }

    @Property(tries = 500, seed = "20261134")
    void selectionStaysOrderedAndInside(@ForAll("editOfText") Edit e) {
        TextOperation op = e.op();
        Selection s = new Selection(e.anchor(), e.head());
        Selection t = s.transform(op, TextOperation.Bias.BEFORE);
        assertTrue(t.start() >= 0 && t.end() <= op.targetLength());
        if (s.anchor() < s.head()) {
            assertTrue(t.anchor() <= t.head(), "a forward selection stays forward");
        } else if (s.anchor() > s.head()) {
            assertTrue(t.anchor() >= t.head(), "a backward selection stays backward");
        }
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
