package dev.tandem.ot.richtext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refused rich-text input gets its stable code, and a refused change leaves the document as it was. */
class RichTextValidationTest {
    private static final RichTextType TYPE = RichTextType.INSTANCE;

    private static OtError codeOf(Runnable r) {
        return assertThrows(OtException.class, r::run).code();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // shapes
        "not json | MALFORMED_OPERATION",
        "[] | MALFORMED_OPERATION",
        "{} | MALFORMED_OPERATION",
        "{\"ops\":{}} | MALFORMED_OPERATION",
        "{\"ops\":[],\"extra\":1} | MALFORMED_OPERATION",
        "{\"ops\":[1]} | MALFORMED_OPERATION",
        "{\"ops\":[{}]} | MALFORMED_OPERATION",
        "{\"ops\":[{\"insert\":\"a\",\"delete\":1}]} | MALFORMED_OPERATION",
        "{\"ops\":[{\"insert\":\"a\",\"foo\":1}]} | MALFORMED_OPERATION",
        "{\"ops\":[{\"insert\":5}]} | MALFORMED_OPERATION",
        "{\"ops\":[{\"insert\":null}]} | MALFORMED_OPERATION",
        "{\"ops\":[{\"retain\":\"3\"}]} | MALFORMED_OPERATION",
        "{\"ops\":[{\"retain\":1.5}]} | MALFORMED_OPERATION",
        "{\"ops\":[{\"retain\":{\"image\":\"https://e.com/a\"}}]} | MALFORMED_OPERATION",
        "{\"ops\":[{\"delete\":1,\"attributes\":{\"bold\":true}}]} | MALFORMED_OPERATION",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":[1]}]} | MALFORMED_OPERATION",
        "{\"ops\":[{\"insert\":{\"image\":\"https://e.com/a\",\"video\":\"https://e.com/v\"}}]} | MALFORMED_OPERATION",
        // lengths
        "{\"ops\":[{\"retain\":0}]} | NON_POSITIVE_LENGTH",
        "{\"ops\":[{\"delete\":-1}]} | NON_POSITIVE_LENGTH",
        "{\"ops\":[{\"insert\":\"\"}]} | NON_POSITIVE_LENGTH",
        "{\"ops\":[{\"retain\":2147483647}]} | TOO_LONG",
        "{\"ops\":[{\"delete\":1000000000000}]} | TOO_LONG",
        "{\"ops\":[{\"retain\":2000000000},{\"retain\":2000000000,\"attributes\":{\"bold\":null}},{\"retain\":2000000000}]} | TOO_LONG",
        // surrogates
        "{\"ops\":[{\"insert\":\"\\ud800\"}]} | LONE_SURROGATE",
        "{\"ops\":[{\"insert\":\"a\\udc00b\"}]} | LONE_SURROGATE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":\"https://e.com/\\ud800\"}}]} | LONE_SURROGATE",
        // attributes
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"font\":\"serif\"}}]} | UNKNOWN_ATTRIBUTE",
        "{\"ops\":[{\"retain\":1,\"attributes\":{\"style\":\"color:red\"}}]} | UNKNOWN_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"bold\":\"yes\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"bold\":false}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":\"javascript:alert(1)\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":\"JaVaScRiPt:alert(1)\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":\"java\\tscript:alert(1)\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":\"https://e.com/\\nx\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":\" https://e.com\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":\"data:text/html,<script>alert(1)</script>\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":\"vbscript:x\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":\"https://\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":\"//e.com\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":\"mailto:\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":1}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"color\":\"red;background:url(x)\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"color\":\"#12345\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"background\":\"rgb(1,2,3)\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"color\":\"averyveryveryverylongcolourname\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"\\n\",\"attributes\":{\"header\":7}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"\\n\",\"attributes\":{\"header\":\"1\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"\\n\",\"attributes\":{\"header\":1.5}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"\\n\",\"attributes\":{\"indent\":0}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"\\n\",\"attributes\":{\"indent\":9}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"\\n\",\"attributes\":{\"list\":\"numbered\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"\\n\",\"attributes\":{\"blockquote\":\"yes\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"\\n\",\"attributes\":{\"code-block\":\"<script>\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"\\n\",\"attributes\":{\"code-block\":false}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"\\n\",\"attributes\":{\"align\":\"middle\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"script\":\"sup\"}}]} | INVALID_ATTRIBUTE",
        "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"size\":\"12px\"}}]} | INVALID_ATTRIBUTE",
        // embeds
        "{\"ops\":[{\"insert\":{\"iframe\":\"https://e.com\"}}]} | UNKNOWN_EMBED",
        "{\"ops\":[{\"insert\":{\"image\":\"javascript:alert(1)\"}}]} | INVALID_EMBED",
        "{\"ops\":[{\"insert\":{\"image\":\"data:image/png;base64,AAAA\"}}]} | INVALID_EMBED",
        "{\"ops\":[{\"insert\":{\"image\":\"mailto:a@e.com\"}}]} | INVALID_EMBED",
        "{\"ops\":[{\"insert\":{\"image\":5}}]} | INVALID_EMBED",
        "{\"ops\":[{\"insert\":{\"video\":\"http://e.com/v\"}}]} | INVALID_EMBED",
        "{\"ops\":[{\"insert\":{\"formula\":\"\"}}]} | INVALID_EMBED",
    })
    void refusesWithItsCode(String json, OtError expected) {
        assertEquals(expected, codeOf(() -> TYPE.parse(json)));
    }

    @Test
    void boundsOnLinksImagesAndFormulas() {
        String longUrl = "https://e.com/" + "a".repeat(AttributeKind.MAX_URL);
        assertEquals(OtError.INVALID_ATTRIBUTE, codeOf(() -> TYPE.parse(
                "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":\"" + longUrl + "\"}}]}")));
        assertEquals(OtError.INVALID_EMBED, codeOf(() -> TYPE.parse("{\"ops\":[{\"insert\":{\"image\":\"" + longUrl + "\"}}]}")));
        assertEquals(OtError.INVALID_EMBED, codeOf(() -> TYPE.parse(
                "{\"ops\":[{\"insert\":{\"formula\":\"" + "x".repeat(Embed.Kind.MAX_FORMULA + 1) + "\"}}]}")));
        Delta fine = TYPE.parse("{\"ops\":[{\"insert\":{\"formula\":\"" + "x".repeat(Embed.Kind.MAX_FORMULA) + "\"}},"
                + "{\"insert\":\"a\",\"attributes\":{\"link\":\"MAILTO:a@e.com\",\"color\":\"lightgoldenrodyellow\"}}]}");
        assertEquals(2, fine.ops().size());
    }

    @Test
    void limitsBoundOperationSize() {
        RichTextType small = new RichTextType(new RichTextLimits(3, 10));
        assertEquals(OtError.OPERATION_TOO_LARGE, codeOf(() -> small.parse(
                "{\"ops\":[{\"retain\":1},{\"delete\":1},{\"retain\":1},{\"delete\":1}]}")));
        assertEquals(OtError.OPERATION_TOO_LARGE, codeOf(() -> small.parse("{\"ops\":[{\"insert\":\"12345678901\"}]}")));
        assertEquals(OtError.OPERATION_TOO_LARGE, codeOf(() -> small.parse(
                "{\"ops\":[{\"insert\":\"1234567890\"},{\"insert\":{\"image\":\"https://e.com/a\"}}]}")));
        assertEquals(1, small.parse("{\"ops\":[{\"insert\":\"1234567890\"}]}").ops().size());
    }

    @Test
    void readingNormalisesAndDropsNullsOnInserts() {
        Delta d = TYPE.parse("{\"ops\":[{\"retain\":2},{\"retain\":3},{\"insert\":\"a\",\"attributes\":{\"bold\":null}},"
                + "{\"delete\":1},{\"insert\":\"b\",\"attributes\":{}},{\"delete\":2},{\"retain\":4}]}");
        assertEquals("{\"ops\":[{\"retain\":5},{\"insert\":\"ab\"},{\"delete\":3}]}", d.toJson());
        assertEquals("{\"ops\":[{\"insert\":\"x\",\"attributes\":{\"bold\":true,\"italic\":true}}]}",
                TYPE.parse("{\"ops\":[{\"insert\":\"x\",\"attributes\":{\"italic\":true,\"bold\":true}}]}").toJson(),
                "attributes are written in one order, whatever order they came in");
    }

    private static RichTextDocument smiley() {
        return TYPE.open("{\"ops\":[{\"insert\":\"a\\ud83d\\ude00b\"},{\"insert\":\"c\\n\",\"attributes\":{\"bold\":true}}]}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"ops\":[{\"retain\":7}] ,\"x\":0} | MALFORMED_OPERATION",
        "{\"ops\":[{\"retain\":7,\"attributes\":{\"bold\":null}}]} | PAST_END",
        "{\"ops\":[{\"retain\":6},{\"insert\":\"x\"},{\"retain\":1},{\"delete\":1}]} | PAST_END",
        "{\"ops\":[{\"retain\":2},{\"insert\":\"x\"}]} | SPLITS_SURROGATE_PAIR",
        "{\"ops\":[{\"delete\":2}]} | SPLITS_SURROGATE_PAIR",
        "{\"ops\":[{\"retain\":2},{\"delete\":2}]} | SPLITS_SURROGATE_PAIR",
        "{\"ops\":[{\"retain\":1},{\"retain\":1,\"attributes\":{\"italic\":true}}]} | SPLITS_SURROGATE_PAIR",
        "{\"ops\":[{\"insert\":\"zz\"},{\"delete\":1},{\"retain\":1},{\"insert\":\"q\"}]} | SPLITS_SURROGATE_PAIR",
    })
    void aRefusedChangeLeavesTheDocumentUnchanged(String json, OtError expected) {
        RichTextDocument doc = smiley();
        String before = doc.snapshot();
        assertEquals(expected, codeOf(() -> doc.apply(TYPE.parse(json))));
        assertEquals(before, doc.snapshot());
        assertEquals(6, doc.size());
    }

    @Test
    void changesBuiltInJavaAreCheckedToo() {
        RichTextDocument doc = smiley();
        String before = doc.snapshot();
        Delta lone = new DeltaBuilder().push(new DeltaOp.TextInsert("\ud800", Attributes.NONE)).build();
        assertEquals(OtError.LONE_SURROGATE, codeOf(() -> doc.apply(lone)));
        assertEquals(OtError.PAST_END, codeOf(() -> TYPE.invert(Delta.builder().delete(9).build(), doc)));
        assertEquals(before, doc.snapshot());
        assertEquals(OtError.UNKNOWN_ATTRIBUTE, codeOf(() -> Attributes.builder().put("onclick", "x")));
        assertEquals(OtError.INVALID_ATTRIBUTE, codeOf(() -> Attributes.builder().put("link", "javascript:x")));
        assertEquals(OtError.INVALID_EMBED, codeOf(() -> Embed.video("http://e.com/v")));
    }

    @Test
    void snapshotsMustBeDocuments() {
        assertEquals(OtError.NOT_A_DOCUMENT, codeOf(() -> TYPE.open(
                "{\"ops\":[{\"insert\":\"a\"},{\"retain\":1,\"attributes\":{\"bold\":true}}]}")));
        assertEquals(OtError.NOT_A_DOCUMENT, codeOf(() -> TYPE.open("{\"ops\":[{\"delete\":1}]}")));
        assertEquals(OtError.INVALID_ATTRIBUTE, codeOf(() -> TYPE.open(
                "{\"ops\":[{\"insert\":\"a\\n\",\"attributes\":{\"link\":\"javascript:x\"}}]}")));
        assertEquals(OtError.MALFORMED_OPERATION, codeOf(() -> TYPE.open("\"plain text\"")));
        assertEquals(OtError.NOT_A_DOCUMENT, codeOf(() -> TYPE.diff(Delta.ofText("a"), Delta.builder().delete(1).build())));
    }
}
