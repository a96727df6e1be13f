package dev.tandem.ot.richtext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The run tree behind a rich-text document against the plain delta algebra it must agree with. */
class RichTextDocumentTest {

    @Test
    void manyEditsOnALargeDocumentMatchComposingDeltas() {
        Random r = new Random(11);
        DeltaBuilder start = new DeltaBuilder();
        for (int i = 0; i < 2_000; i++) {
            start.insert(RandomDeltas.text(r, 6), RandomDeltas.attributes(r, 2, false));
        }
        start.insert("\n");
        Delta reference = start.build();
        RichTextDocument doc = RichTextDocument.of(reference);
        assertTrue(doc.depth() >= 2, "a tree, not one leaf: depth " + doc.depth());
        for (int i = 0; i < 3_000; i++) {
            Delta change = localChange(r, reference);
            doc.apply(change);
            reference = reference.compose(change);
            assertEquals(reference.length(), doc.size(), "edit " + i);
            if (i % 250 == 0) {
                assertEquals(reference, doc.toDelta(), "edit " + i + ": " + change);
            }
        }
        assertEquals(reference, doc.toDelta());
        assertEquals(reference.toJson(), doc.snapshot());
    }

    /** A change somewhere in the document: a retain to a random place, then a few random parts. */
    private static Delta localChange(Random r, Delta doc) {
        int at = RandomDeltas.position(r, doc);
        Delta tail = RandomDeltas.change(r, doc.slice(at, (int) doc.length()));
        return shift(at, tail);
    }

    private static Delta shift(int at, Delta change) {
        DeltaBuilder b = new DeltaBuilder().retain(at);
        for (DeltaOp op : change.ops()) {
            b.push(op);
        }
        return b.build();
    }

    @Test
    void largePastesSplitIntoLeavesAndLargeDeletesMergeThem() {
        Random r = new Random(12);
        RichTextDocument doc = RichTextDocument.empty();
        Delta reference = Delta.ofText("\n");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            big.append(RandomDeltas.text(r, 1));
        }
        Delta paste = Delta.builder().insert(big.toString(), Attributes.builder().put("bold", true).build()).build();
        doc.apply(paste);
        reference = reference.compose(paste);
        assertEquals(reference, doc.toDelta());
        assertTrue(doc.depth() >= 2, "the paste was split into leaves");
        int position = RandomDeltas.position(r, reference.slice(0, 5_000));
        int end = RandomDeltas.position(r, reference.slice(0, 18_000));
        Delta cut = Delta.builder().retain(position).delete(end - position).build();
        doc.apply(cut);
        reference = reference.compose(cut);
        assertEquals(reference, doc.toDelta());
        Delta all = Delta.builder().delete((int) reference.length()).insert("x\n").build();
        doc.apply(all);
        assertEquals(Delta.ofText("x\n"), doc.toDelta());
        assertEquals(1, doc.depth(), "an emptied tree shrinks back to a leaf");
    }

    @Test
    void formattingAcrossLeavesMergesEqualNeighboursInTheSnapshot() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            text.append((char) ('a' + i % 26));
        }
        text.append('\n');
        RichTextDocument doc = RichTextDocument.of(Delta.ofText(text.toString()));
        Attributes bold = Attributes.builder().put("bold", true).build();
        doc.apply(Delta.builder().retain(10).retain(4_000, bold).build());
        doc.apply(Delta.builder().retain(2_000).retain(10, Attributes.builder().put("bold", null).build()).build());
        doc.apply(Delta.builder().retain(2_000).retain(10, bold).build());
        Delta expected = Delta.builder().insert(text.substring(0, 10)).insert(text.substring(10, 4_010), bold)
                .insert(text.substring(4_010)).build();
        assertEquals(expected, doc.toDelta());
        assertEquals(3, doc.toDelta().ops().size());
    }

    @Test
    void sliceGivesTheContentOfARange() {
        Attributes italic = Attributes.builder().put("italic", true).build();
        RichTextDocument doc = RichTextDocument.of(Delta.builder().insert("ab").insert("\ud83d\ude00c", italic)
                .insert(Embed.image("https://example.com/i.png"), Attributes.NONE).insert("\n").build());
        assertEquals(Delta.builder().insert("b").insert("\ud83d\ude00", italic).build(), doc.slice(1, 4));
        assertEquals(7, doc.length());
        assertEquals("ab\ud83d\ude00c\n", doc.plainText());
    }
}
