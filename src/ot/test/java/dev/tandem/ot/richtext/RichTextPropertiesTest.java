package dev.tandem.ot.richtext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.DocumentType.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The OT laws for the rich-text type, on seeded random documents and changes (the seed is in each message). */
class RichTextPropertiesTest {
    private static final RichTextType TYPE = RichTextType.INSTANCE;
    private static final int ROUNDS = 3_000;

    private static Delta applied(Delta doc, Delta... changes) {
        RichTextDocument d = RichTextDocument.of(doc);
        for (Delta c : changes) {
            d.apply(c);
        }
        return d.toDelta();
    }

    @Test
    void concurrentChangesConvergeWhicheverSideWins() {
        Random r = new Random(1);
        for (int i = 0; i < ROUNDS; i++) {
            Delta doc = RandomDeltas.document(r, 8);
            Delta a = RandomDeltas.change(r, doc);
            Delta b = RandomDeltas.change(r, doc);
            String seed = "round " + i + ": doc " + doc + " a " + a + " b " + b;
            // a wins ties
            assertEquals(applied(doc, a, TYPE.transform(b, a, Side.RIGHT)),
                    applied(doc, b, TYPE.transform(a, b, Side.LEFT)), seed);
            // b wins ties
            assertEquals(applied(doc, a, TYPE.transform(b, a, Side.LEFT)),
                    applied(doc, b, TYPE.transform(a, b, Side.RIGHT)), seed);
        }
    }

    @Test
    void composingWithTheTransformedChangeAgreesBothWays() {
        Random r = new Random(2);
        for (int i = 0; i < ROUNDS; i++) {
            Delta doc = RandomDeltas.document(r, 8);
            Delta a = RandomDeltas.change(r, doc);
            Delta b = RandomDeltas.change(r, doc);
            Delta viaA = TYPE.compose(a, TYPE.transform(b, a, Side.RIGHT));
            Delta viaB = TYPE.compose(b, TYPE.transform(a, b, Side.LEFT));
            assertEquals(doc.compose(viaA), doc.compose(viaB), "round " + i + ": doc " + doc + " a " + a + " b " + b);
            assertEquals(doc.compose(viaA), applied(doc, viaA), "round " + i + ": the document applies a composed change");
        }
    }

    @Test
    void invertUndoes() {
        Random r = new Random(3);
        for (int i = 0; i < ROUNDS; i++) {
            Delta doc = RandomDeltas.document(r, 8);
            Delta a = RandomDeltas.change(r, doc);
            RichTextDocument d = RichTextDocument.of(doc);
            Delta inverse = TYPE.invert(a, d);
            d.apply(a);
            d.apply(inverse);
            assertEquals(doc, d.toDelta(), "round " + i + ": doc " + doc + " a " + a);
        }
    }

    /**
     * The sequencer transforms an incoming change past each committed change in turn (never
     * past their composition); the author transforms each committed change it receives past its
     * pending one. Both must reach the same document.
     */
    @Test
    void sequentialTransformAgainstCommittedChangesConverges() {
        Random r = new Random(4);
        for (int i = 0; i < ROUNDS / 3; i++) {
            Delta base = RandomDeltas.document(r, 10);
            RichTextDocument server = RichTextDocument.of(base);
            List<Delta> committed = new ArrayList<>();
            int k = 1 + r.nextInt(5);
            for (int j = 0; j < k; j++) {
                Delta c = RandomDeltas.change(r, server.toDelta());
                server.apply(c);
                committed.add(c);
            }
            Delta incoming = RandomDeltas.change(r, base);
            Delta forServer = incoming;
            for (Delta c : committed) {
                forServer = TYPE.transform(forServer, c, Side.LEFT);
            }
            server.apply(forServer);

            RichTextDocument client = RichTextDocument.of(base);
            client.apply(incoming);
            Delta pending = incoming;
            for (Delta c : committed) {
                Delta received = TYPE.transform(c, pending, Side.RIGHT);
                pending = TYPE.transform(pending, c, Side.LEFT);
                client.apply(received);
            }
            assertEquals(server.toDelta(), client.toDelta(), "round " + i + ": base " + base + " incoming " + incoming
                    + " committed " + committed);
            assertEquals(forServer, pending, "round " + i + ": the author's view of its change is the committed one");
        }
    }

    @Test
    void diffTurnsOneDocumentIntoTheOther() {
        Random r = new Random(5);
        for (int i = 0; i < ROUNDS; i++) {
            Delta a = RandomDeltas.document(r, 10);
            Delta b = r.nextBoolean() ? RandomDeltas.document(r, 10) : a.compose(RandomDeltas.change(r, a));
            Delta diff = TYPE.diff(a, b);
            assertEquals(b, applied(a, diff), "round " + i + ": a " + a + " b " + b);
            assertTrue(TYPE.diff(a, a).isNoop(), "a document has no change from itself");
        }
    }

    @Test
    void diffOfLargeDocumentsGoesLineByLineAndStaysSmall() {
        Random r = new Random(6);
        DeltaBuilder big = new DeltaBuilder();
        for (int line = 0; line < 3_000; line++) {
            big.insert("line " + line + " " + RandomDeltas.text(r, 8).replace("\n", " "), RandomDeltas.attributes(r, 1, false));
            big.insert("\n");
        }
        Delta a = big.build();
        assertTrue(a.length() > DocumentDiff.MAX_FINE_UNITS * 2, "large enough for the line pass");
        Delta b = a;
        for (int j = 0; j < 20; j++) {
            int at = RandomDeltas.position(r, b);
            Delta edit = Delta.builder().retain(at).insert(RandomDeltas.text(r, 3)).build();
            b = b.compose(edit);
        }
        Delta edited = b;
        Delta diff = TYPE.diff(a, edited);
        assertEquals(edited, applied(a, diff));
        long deleted = diff.ops().stream().filter(o -> o instanceof DeltaOp.Delete).mapToLong(DeltaOp::length).sum();
        assertTrue(deleted < 20 * 16, "20 small inserts are found as such, not as a rewrite: " + deleted + " deleted");
    }
}
