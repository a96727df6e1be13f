package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.ot.DocumentType.Side;
import dev.tandem.ot.text.RandomEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded properties of the canvas algebra: invert, compose, transform of text, and the wire form. */
class CanvasAlgebraPropertyTest {
    private static final CanvasType TYPE = CanvasType.INSTANCE;
    private static final int SEEDS = 400;

    private static CanvasDocument randomBoard(Random r, RandomCanvas random) {
        CanvasDocument doc = TYPE.open(TYPE.emptySnapshot());
        for (int i = 0; i < 1 + r.nextInt(6); i++) {
            doc.apply(random.batch(doc, 8));
        }
        return doc;
    }

    @Test
    void applyingTheInverseRestoresTheDocument() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random r = new Random(seed);
            RandomCanvas random = new RandomCanvas(r, "o", true);
            CanvasDocument doc = randomBoard(r, random);
            CanvasOperation op = random.batch(doc, 8);
            String before = doc.snapshot();
            CanvasOperation inverse = TYPE.invert(op, doc);
            assertEquals(before, doc.snapshot(), "seed " + seed + ": invert leaves the document alone");
            doc.apply(op);
            doc.apply(inverse);
            assertEquals(before, doc.snapshot(), "seed " + seed + ": " + op + " then " + inverse);
        }
    }

    @Test
    void applyingTheCompositionIsApplyingBothInTurn() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random r = new Random(seed);
            RandomCanvas random = new RandomCanvas(r, "o");
            CanvasDocument doc = randomBoard(r, random);
            CanvasDocument copy = doc.copy();
            CanvasOperation a = random.batch(doc, 6);
            doc.apply(a);
            CanvasOperation b = random.batch(doc, 6);
            doc.apply(b);
            copy.apply(TYPE.compose(a, b));
            assertEquals(doc.snapshot(), copy.snapshot(), "seed " + seed);
        }
    }

    /** Two batches of text edits made on one document converge in either order (TP1 for the text they hold). */
    @Test
    void concurrentTextEditsConvergeInEitherOrder() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random r = new Random(seed);
            CanvasDocument doc = randomBoard(r, new RandomCanvas(r, "o"));
            CanvasOperation a = textEdits(r, doc);
            CanvasOperation b = textEdits(r, doc);
            CanvasDocument ab = doc.copy();
            ab.apply(a);
            ab.apply(TYPE.transform(b, a, Side.RIGHT));
            CanvasDocument ba = doc.copy();
            ba.apply(b);
            ba.apply(TYPE.transform(a, b, Side.LEFT));
            assertEquals(ab.snapshot(), ba.snapshot(), "seed " + seed + ": " + a + " / " + b);
        }
    }

    @Test
    void everyOperationReadsBackFromItsWireForm() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random r = new Random(seed);
            RandomCanvas random = new RandomCanvas(r, "o", true);
            CanvasDocument doc = randomBoard(r, random);
            CanvasOperation op = random.batch(doc, 8);
            assertEquals(op, TYPE.parse(op.toJson()), "seed " + seed);
            assertEquals(doc.snapshot(), TYPE.open(doc.snapshot()).snapshot());
        }
    }

    // Edits of the text and name of random objects, each made on the text the ones before left.
    private static CanvasOperation textEdits(Random r, CanvasDocument doc) {
        List<CanvasObject> all = doc.inTreeOrder();
        List<Change> changes = new ArrayList<>();
        CanvasDocument scratch = doc.copy();
        for (int i = 0; i < 1 + r.nextInt(4) && !all.isEmpty(); i++) {
            CanvasObject o = scratch.get(all.get(r.nextInt(all.size())).id());
            String prop = r.nextBoolean() ? "text" : "name";
            PropertyValue v = o.props().get(prop);
            String text = v instanceof PropertyValue.StringValue s ? s.value() : "";
            Change c = new Change.Edit(o.id(), prop, RandomEdits.operation(r, RandomEdits.length(text)));
            scratch.apply(CanvasOperation.of(c));
            changes.add(c);
        }
        return new CanvasOperation(changes);
    }
}
