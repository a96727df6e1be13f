package dev.tandem.ot.richtext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.ot.DocumentType.Side;
import dev.tandem.ot.DocumentTypes;
import dev.tandem.ot.text.TextType;
import org.junit.jupiter.api.Test;

/** The rich-text adapter as the sequencer uses it: names, snapshots, sizes and the meaning of a side. */
class RichTextTypeTest {
    private static final RichTextType TYPE = RichTextType.INSTANCE;

    private static Delta d(String json) {
        return TYPE.parse(json);
    }

    @Test
    void emptySnapshotIsQuillsEmptyDocument() {
        RichTextDocument doc = TYPE.open(TYPE.emptySnapshot());
        assertEquals("{\"ops\":[{\"insert\":\"\\n\"}]}", doc.snapshot());
        assertEquals(1, doc.size());
        assertEquals("rich-text", TYPE.name());
        assertSame(Delta.class, TYPE.operationClass());
        assertSame(TYPE, DocumentTypes.of(TextType.INSTANCE, TYPE).get("rich-text"));
    }

    /** The sequencer calls transform(incoming, committed, LEFT): the incoming insert goes first at a tie. */
    @Test
    void leftGivesTheTransformedOperationTheTie() {
        Delta incoming = d("{\"ops\":[{\"insert\":\"A\"}]}");
        Delta committed = d("{\"ops\":[{\"insert\":\"B\"}]}");
        assertEquals("{\"ops\":[{\"insert\":\"A\"}]}", TYPE.transform(incoming, committed, Side.LEFT).toJson());
        assertEquals("{\"ops\":[{\"retain\":1},{\"insert\":\"A\"}]}", TYPE.transform(incoming, committed, Side.RIGHT).toJson());
        RichTextDocument server = RichTextDocument.empty();
        server.apply(committed);
        server.apply(TYPE.transform(incoming, committed, Side.LEFT));
        assertEquals("AB\n", server.plainText());

        Delta bold = d("{\"ops\":[{\"retain\":1,\"attributes\":{\"bold\":true}}]}");
        Delta unbold = d("{\"ops\":[{\"retain\":1,\"attributes\":{\"bold\":null}}]}");
        assertEquals(bold, TYPE.transform(bold, unbold, Side.LEFT), "its format wins on the left");
        assertTrue(TYPE.transform(bold, unbold, Side.RIGHT).isNoop(), "and yields on the right");
    }

    @Test
    void positionSideSaysWhetherAPositionStaysBeforeTextInsertedAtIt() {
        Delta insertAt2 = d("{\"ops\":[{\"retain\":2},{\"insert\":\"xyz\"}]}");
        assertEquals(2, TYPE.transformPosition(2, insertAt2, Side.LEFT));
        assertEquals(5, TYPE.transformPosition(2, insertAt2, Side.RIGHT));
        assertEquals(1, TYPE.transformPosition(1, insertAt2, Side.RIGHT));
        assertEquals(1, TYPE.transformPosition(4, d("{\"ops\":[{\"retain\":1},{\"delete\":5}]}"), Side.RIGHT));
    }

    @Test
    void sizesAreUtf16AndDeltasDoNotFixTheirBase() {
        Delta change = d("{\"ops\":[{\"retain\":2},{\"insert\":\"\\ud83d\\ude00\"},{\"delete\":1}]}");
        assertEquals(-1, TYPE.baseSize(change));
        assertEquals(11, TYPE.sizeAfter(change, 10));
        assertEquals(-1, TYPE.sizeAfter(change, 2), "reaches past a document of 2");
        RichTextDocument doc = TYPE.open("{\"ops\":[{\"insert\":\"abc\\n\"}]}");
        doc.apply(change);
        assertEquals(5, doc.size());
        assertEquals("ab\ud83d\ude00\n", doc.plainText());
        assertTrue(TYPE.invertible());
        assertTrue(TYPE.isNoop(d("{\"ops\":[{\"retain\":3}]}")));
    }

    @Test
    void parsesTheWireTreeAndWritesItBack() throws Exception {
        String json = "{\"ops\":[{\"insert\":\"Hi\",\"attributes\":{\"bold\":true}},{\"retain\":3,\"attributes\":{\"italic\":null}},"
                + "{\"delete\":2}]}";
        Delta delta = TYPE.parse(new ObjectMapper().readTree(json));
        assertEquals(json, delta.toJson());
        assertEquals(delta, TYPE.parse(delta.toJson()));
        assertEquals(d("{\"ops\":[{\"insert\":{\"image\":\"https://e.com/a.png\"}}]}").ops().get(0).length(), 1);
    }
}
