package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import org.junit.jupiter.api.Test;

/** Every limit of a canvas is refused with its own code, and a refused batch changes nothing. */
class CanvasLimitsTest {

    private static OtError refusal(CanvasType type, CanvasDocument doc, String json) {
        String before = doc.snapshot();
        OtException e = assertThrows(OtException.class, () -> doc.apply(type.parse(json)));
        assertEquals(before, doc.snapshot(), "a refused batch leaves the document as it was");
        return e.code();
    }

    private static OtError parseRefusal(CanvasType type, String json) {
        return assertThrows(OtException.class, () -> type.parse(json)).code();
    }

    @Test
    void defaultsAreAsDocumented() {
        CanvasLimits d = CanvasLimits.DEFAULTS;
        assertEquals(100_000, d.maxObjects());
        assertEquals(16, d.maxDepth());
        assertEquals(1_000, d.maxChanges());
        assertEquals(64, d.maxProperties());
        assertEquals(100_000, d.maxTextLength());
    }

    @Test
    void tooManyObjectsRefusesTheWholeBatch() {
        CanvasType type = new CanvasType(CanvasLimits.DEFAULTS.withMaxObjects(2));
        CanvasDocument doc = type.open(type.emptySnapshot());
        doc.apply(type.parse("{\"changes\":[{\"create\":\"a\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\"}]}"));
        assertEquals(OtError.TOO_MANY_OBJECTS, refusal(type, doc, "{\"changes\":[{\"create\":\"b\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a1\"},"
                + "{\"create\":\"c\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a2\"}]}"));
        assertEquals(1, doc.size());
    }

    @Test
    void framesNestedTooDeepAreRefusedOnCreateAndOnMove() {
        CanvasType type = new CanvasType(CanvasLimits.DEFAULTS.withMaxDepth(3));
        CanvasDocument doc = type.open(type.emptySnapshot());
        doc.apply(type.parse("{\"changes\":[{\"create\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\"},"
                + "{\"create\":\"f2\",\"kind\":\"frame\",\"parent\":\"f1\",\"index\":\"a0\"},"
                + "{\"create\":\"f3\",\"kind\":\"frame\",\"parent\":\"f2\",\"index\":\"a0\"},"
                + "{\"create\":\"g1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a1\"},"
                + "{\"create\":\"g2\",\"kind\":\"frame\",\"parent\":\"g1\",\"index\":\"a0\"}]}"));
        assertEquals(OtError.TOO_DEEP, refusal(type, doc, "{\"changes\":[{\"create\":\"x\",\"kind\":\"text\",\"parent\":\"f3\",\"index\":\"a0\"}]}"));
        // g1 holds g2: moved into f2 (depth 2), g2 would sit at depth 4.
        assertEquals(OtError.TOO_DEEP, refusal(type, doc, "{\"changes\":[{\"move\":\"g1\",\"parent\":\"f2\",\"index\":\"a1\"}]}"));
        doc.apply(type.parse("{\"changes\":[{\"move\":\"g1\",\"parent\":\"f1\",\"index\":\"a1\"}]}"));
        assertEquals(3, doc.depth("g2"));
    }

    @Test
    void aBatchOfTooManyChangesIsRefused() {
        CanvasType type = new CanvasType(CanvasLimits.DEFAULTS.withMaxChanges(2));
        assertEquals(OtError.BATCH_TOO_LARGE, parseRefusal(type, "{\"changes\":[{\"delete\":\"a\"},{\"delete\":\"b\"},{\"delete\":\"c\"}]}"));
        CanvasReplica replica = new CanvasReplica(type, type.emptySnapshot(), 0);
        assertEquals(OtError.BATCH_TOO_LARGE, assertThrows(OtException.class, () -> replica.edit(CanvasOperation.of(
                new Change.Delete("a"), new Change.Delete("b"), new Change.Delete("c")))).code());
    }

    @Test
    void tooManyPropertiesOnOneObjectAreRefused() {
        CanvasType type = new CanvasType(CanvasLimits.DEFAULTS.withMaxProperties(2));
        assertEquals(OtError.TOO_MANY_PROPERTIES, parseRefusal(type, "{\"changes\":[{\"create\":\"a\",\"kind\":\"rectangle\",\"parent\":null,"
                + "\"index\":\"a0\",\"props\":{\"x\":1,\"y\":2,\"width\":3}}]}"));
        CanvasDocument doc = type.open(type.emptySnapshot());
        doc.apply(type.parse("{\"changes\":[{\"create\":\"a\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\",\"props\":{\"x\":1,\"y\":2}}]}"));
        assertEquals(OtError.TOO_MANY_PROPERTIES, refusal(type, doc, "{\"changes\":[{\"set\":\"a\",\"prop\":\"data-tag\",\"value\":\"v\"}]}"));
        doc.apply(type.parse("{\"changes\":[{\"set\":\"a\",\"prop\":\"x\",\"value\":5}]}")); // replacing one is fine
    }

    @Test
    void stringsLongerThanTheirLimitAreRefusedWhenSetAndWhenEditsMakeThem() {
        CanvasType type = new CanvasType(CanvasLimits.DEFAULTS.withMaxTextLength(5).withMaxStringLength(3));
        assertEquals(OtError.PROPERTY_TOO_LONG, parseRefusal(type, "{\"changes\":[{\"set\":\"a\",\"prop\":\"text\",\"value\":\"123456\"}]}"));
        assertEquals(OtError.PROPERTY_TOO_LONG, parseRefusal(type, "{\"changes\":[{\"set\":\"a\",\"prop\":\"name\",\"value\":\"abcd\"}]}"));
        assertEquals(OtError.PROPERTY_TOO_LONG, parseRefusal(type, "{\"changes\":[{\"set\":\"a\",\"prop\":\"data-x\",\"value\":\"abcd\"}]}"));
        // Code points, not UTF-16 units: five emoji are five characters.
        type.parse("{\"changes\":[{\"set\":\"a\",\"prop\":\"text\",\"value\":\"\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\"}]}");
        CanvasDocument doc = type.open(type.emptySnapshot());
        doc.apply(type.parse("{\"changes\":[{\"create\":\"s\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a0\",\"props\":{\"text\":\"abc\"}}]}"));
        assertEquals(OtError.PROPERTY_TOO_LONG, refusal(type, doc, "{\"changes\":[{\"edit\":\"s\",\"prop\":\"text\",\"op\":[3,\"def\"]}]}"));
    }

    @Test
    void tooManyPointsAreRefused() {
        CanvasType type = new CanvasType(CanvasLimits.DEFAULTS.withMaxPoints(2));
        type.parse("{\"changes\":[{\"set\":\"a\",\"prop\":\"points\",\"value\":[0,0,10,10]}]}");
        assertEquals(OtError.PROPERTY_TOO_LONG, parseRefusal(type, "{\"changes\":[{\"set\":\"a\",\"prop\":\"points\",\"value\":[0,0,1,1,2,2]}]}"));
    }

    @Test
    void anIndexLongerThanTheLimitIsRefused() {
        CanvasType type = new CanvasType(CanvasLimits.DEFAULTS.withMaxIndexLength(4));
        assertEquals(OtError.INVALID_INDEX, parseRefusal(type, "{\"changes\":[{\"move\":\"a\",\"parent\":null,\"index\":\"a0VVV\"}]}"));
        CanvasDocument doc = type.open(type.emptySnapshot());
        assertEquals(OtError.INVALID_INDEX, assertThrows(OtException.class, () -> doc.apply(CanvasOperation.of(
                new Change.Create("a", Kind.TEXT, null, "a0VVV", Properties.EMPTY)))).code());
    }
}
