package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import org.junit.jupiter.api.Test;

/** Input a hostile or buggy client may send: each gets a clear error with a stable code, never a crash. */
class CanvasHostileInputTest {
    private static final CanvasType TYPE = CanvasType.INSTANCE;

    private static OtError code(String json) {
        return assertThrows(OtException.class, () -> TYPE.parse(json)).code();
    }

    private static String set(String prop, String valueJson) {
        return "{\"changes\":[{\"set\":\"r1\",\"prop\":\"" + prop + "\",\"value\":" + valueJson + "}]}";
    }

    private static String create(String id, String kind, String props) {
        return "{\"changes\":[{\"create\":\"" + id + "\",\"kind\":\"" + kind + "\",\"parent\":null,\"index\":\"a0\",\"props\":" + props + "}]}";
    }

    @Test
    void deeplyNestedJsonIsMalformedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertEquals(OtError.MALFORMED_OPERATION, code(deep));
        assertEquals(OtError.MALFORMED_OPERATION, code("{\"changes\":[" + deep + "]}"));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("data-x", "{\"a\":{\"b\":{\"c\":1}}}")));
    }

    @Test
    void nanAndInfinityAreRefused() {
        assertEquals(OtError.MALFORMED_OPERATION, code(set("x", "NaN")));
        assertEquals(OtError.MALFORMED_OPERATION, code(set("x", "Infinity")));
        assertEquals(OtError.MALFORMED_OPERATION, code(set("x", "-Infinity")));
        // Through a tree built by another JSON library, where they can exist.
        ObjectNode change = JsonNodeFactory.instance.objectNode().put("set", "r1").put("prop", "x").put("value", Double.NaN);
        ObjectNode op = JsonNodeFactory.instance.objectNode();
        op.putArray("changes").add(change);
        assertEquals(OtError.INVALID_PROPERTY_VALUE, assertThrows(OtException.class, () -> TYPE.parse(op)).code());
        change.put("value", Double.POSITIVE_INFINITY);
        assertEquals(OtError.INVALID_PROPERTY_VALUE, assertThrows(OtException.class, () -> TYPE.parse(op)).code());
    }

    @Test
    void hugeNumbersAreRefused() {
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("x", "1e400")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("x", "123456789012345678901234567890")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("x", "1e10")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("width", "-1")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("opacity", "1.5")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("data-n", "1e300")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("points", "[0,0,1e400,1]")));
        assertEquals(OtError.MALFORMED_OPERATION, code(set("x", "1" + "0".repeat(5_000)))); // longer than Jackson reads
        TYPE.parse(set("x", "-1000000000"));
        TYPE.parse(set("data-n", "9007199254740991"));
    }

    @Test
    void loneSurrogatesAreRefusedWherever() {
        assertEquals(OtError.LONE_SURROGATE, code(set("text", "\"a\\ud800b\"")));
        assertEquals(OtError.LONE_SURROGATE, code(set("name", "\"\\udc00\"")));
        assertEquals(OtError.LONE_SURROGATE, code(set("data-note", "\"x\\ud83d\"")));
        assertEquals(OtError.LONE_SURROGATE, code("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[\"\\ud800\"]}]}"));
        assertEquals(OtError.LONE_SURROGATE, code(create("s1", "sticky", "{\"text\":\"\\udfff\"}")));
        assertEquals(OtError.INVALID_OBJECT_ID, code("{\"changes\":[{\"delete\":\"a\\ud800\"}]}"));
        TYPE.parse(set("text", "\"\\ud83d\\ude00\""));
    }

    @Test
    void unknownKindsPropertiesAndKeysAreRefused() {
        assertEquals(OtError.UNKNOWN_KIND, code(create("x", "hexagon", "{}")));
        assertEquals(OtError.UNKNOWN_KIND, code("{\"changes\":[{\"create\":\"x\",\"kind\":7,\"parent\":null,\"index\":\"a0\"}]}"));
        assertEquals(OtError.UNKNOWN_PROPERTY, code(set("colour", "\"#fff\"")));
        assertEquals(OtError.UNKNOWN_PROPERTY, code(set("data-", "1")));
        assertEquals(OtError.UNKNOWN_PROPERTY, code(create("x", "rectangle", "{\"__proto__\":1}")));
        assertEquals(OtError.MALFORMED_OPERATION, code("{\"changes\":[{\"delete\":\"x\",\"force\":true}]}"));
        assertEquals(OtError.MALFORMED_OPERATION, code("{\"changes\":[],\"extra\":1}"));
        assertEquals(OtError.MALFORMED_OPERATION, code("{\"changes\":[{\"delete\":\"x\",\"set\":\"x\"}]}"));
        assertEquals(OtError.MALFORMED_OPERATION, code("{\"changes\":[{\"rotate\":\"x\"}]}"));
        assertEquals(OtError.MALFORMED_OPERATION, code("[1,2]"));
        assertEquals(OtError.MALFORMED_OPERATION, code("not json"));
        assertEquals(OtError.MALFORMED_OPERATION, code("{\"changes\":[{\"set\":\"x\",\"prop\":\"x\"}]}"));
        assertEquals(OtError.NOT_A_TEXT_PROPERTY, code("{\"changes\":[{\"edit\":\"x\",\"prop\":\"fill\",\"op\":[\"#\"]}]}"));
    }

    @Test
    void valuesOfTheWrongShapeAreRefused() {
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("x", "\"10\"")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("fill", "\"red\"")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("fill", "\"#12345\"")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("align", "\"justify\"")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("locked", "1")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("points", "[0,0,1]")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("points", "[0,0,\"1\",1]")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(set("text", "[\"a\"]")));
        assertEquals(OtError.INVALID_PROPERTY_VALUE, code(create("x", "rectangle", "{\"x\":null}")));
    }

    @Test
    void idsAndIndexesOfTheWrongShapeAreRefused() {
        for (String id : new String[] {"", "a b", "\u00fc", "x".repeat(65), "a/b", "a.b"}) {
            assertEquals(OtError.INVALID_OBJECT_ID, code("{\"changes\":[{\"delete\":\"" + id + "\"}]}"), id);
        }
        assertEquals(OtError.INVALID_OBJECT_ID, code("{\"changes\":[{\"delete\":42}]}"));
        assertEquals(OtError.INVALID_OBJECT_ID, code("{\"changes\":[{\"move\":\"x\",\"parent\":\"no such\",\"index\":\"a0\"}]}"));
        for (String index : new String[] {"", "a", "a00", "a0 ", "0", "A00000000000000000000000000"}) {
            assertEquals(OtError.INVALID_INDEX, code("{\"changes\":[{\"move\":\"x\",\"parent\":null,\"index\":\"" + index + "\"}]}"), index);
        }
        assertEquals(OtError.INVALID_INDEX, code("{\"changes\":[{\"move\":\"x\",\"parent\":null,\"index\":1}]}"));
        TYPE.parse("{\"changes\":[{\"move\":\"" + "x".repeat(64) + "\",\"parent\":null,\"index\":\"Zz\"}]}");
    }

    @Test
    void duplicateIdsInOneBatchKeepTheFirstAndDropWhatFollowsForTheSecond() {
        CanvasDocument doc = TYPE.open(TYPE.emptySnapshot());
        CanvasOperation applied = doc.apply(TYPE.parse("{\"changes\":["
                + "{\"create\":\"x\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\",\"props\":{\"text\":\"ab\"}},"
                + "{\"create\":\"x\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a1\",\"props\":{\"text\":\"\"}},"
                + "{\"edit\":\"x\",\"prop\":\"text\",\"op\":[\"hi\"]},"
                + "{\"create\":\"y\",\"kind\":\"text\",\"parent\":\"x\",\"index\":\"a0\"}]}"));
        assertEquals("{\"changes\":[{\"create\":\"x\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\",\"props\":{\"text\":\"ab\"}}]}",
                applied.toJson());
        assertEquals(Kind.FRAME, doc.get("x").kind());
    }

    @Test
    void editsThatDoNotFitTheirTextAreRefused() {
        CanvasDocument doc = TYPE.open(TYPE.emptySnapshot());
        doc.apply(TYPE.parse(create("s1", "sticky", "{\"text\":\"abc\"}")));
        String before = doc.snapshot();
        assertEquals(OtError.BASE_LENGTH_MISMATCH, assertThrows(OtException.class,
                () -> doc.apply(TYPE.parse("{\"changes\":[{\"set\":\"s1\",\"prop\":\"x\",\"value\":1},{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[2,\"z\"]}]}"))).code());
        assertEquals(OtError.PAST_END, assertThrows(OtException.class,
                () -> doc.apply(TYPE.parse("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[9]}]}"))).code());
        assertEquals(before, doc.snapshot());
        OtException t = assertThrows(OtException.class, () -> TYPE.transform(
                TYPE.parse("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[2,\"z\"]}]}"),
                TYPE.parse("{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[3,\"z\"]}]}"), dev.tandem.ot.DocumentType.Side.LEFT));
        assertEquals(OtError.TRANSFORM_MISMATCH, t.code());
    }

    @Test
    void brokenSnapshotsAreRefused() {
        String[] broken = {
            "not json",
            "{\"objects\":{}}",
            "{\"objects\":[],\"more\":1}",
            "{\"objects\":[{\"id\":\"a\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\"},{\"id\":\"a\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a1\"}]}",
            "{\"objects\":[{\"id\":\"a\",\"kind\":\"frame\",\"parent\":\"b\",\"index\":\"a0\"},{\"id\":\"b\",\"kind\":\"frame\",\"parent\":\"a\",\"index\":\"a0\"}]}",
            "{\"objects\":[{\"id\":\"a\",\"kind\":\"frame\",\"parent\":\"nobody\",\"index\":\"a0\"}]}",
            "{\"objects\":[{\"id\":\"r\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\"},{\"id\":\"a\",\"kind\":\"text\",\"parent\":\"r\",\"index\":\"a0\"}]}",
            "{\"objects\":[{\"id\":\"a\",\"kind\":\"blob\",\"parent\":null,\"index\":\"a0\"}]}",
            "{\"objects\":[{\"id\":\"a\",\"kind\":\"text\",\"parent\":null,\"index\":\"a0\",\"props\":{\"x\":\"far\"}}]}",
            "{\"objects\":[{\"id\":\"a\",\"kind\":\"text\",\"index\":\"a0\"}]}",
        };
        for (String s : broken) {
            OtException e = assertThrows(OtException.class, () -> TYPE.open(s), s);
            assertEquals(OtError.MALFORMED_SNAPSHOT, e.code(), s);
        }
    }

    @Test
    void aSnapshotFromLargerLimitsStillOpens() {
        CanvasType small = new CanvasType(CanvasLimits.DEFAULTS.withMaxObjects(1).withMaxTextLength(2));
        String big = "{\"objects\":[{\"id\":\"a\",\"kind\":\"text\",\"parent\":null,\"index\":\"a0\",\"props\":{\"text\":\"long text\"}},"
                + "{\"id\":\"b\",\"kind\":\"text\",\"parent\":null,\"index\":\"a1\"}]}";
        assertEquals(2, small.open(big).size());
        assertTrue(small.open(big).snapshot().contains("long text"));
    }
}
