package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.ot.text.TextOperation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire and snapshot forms as docs/CANVAS.md documents them. */
class CanvasJsonTest {
    private static final CanvasType TYPE = CanvasType.INSTANCE;

    @Test
    void theDocumentedExampleReadsAsItSays() {
        String wire = "{\"changes\":[{\"create\":\"r1\",\"kind\":\"rectangle\",\"parent\":null,\"index\":\"a0\",\"props\":{\"x\":10,\"y\":20.5,"
                + "\"fill\":\"#ff0000\"}},{\"set\":\"r1\",\"prop\":\"fill\",\"value\":\"#00ff00\"},{\"set\":\"r1\",\"prop\":\"y\",\"value\":null},"
                + "{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[3,\"hi\"]},{\"move\":\"r1\",\"parent\":\"f1\",\"index\":\"a1\"},{\"delete\":\"r2\"}]}";
        CanvasOperation op = TYPE.parse(wire);
        assertEquals(new CanvasOperation(java.util.List.of(
                new Change.Create("r1", Kind.RECTANGLE, null, "a0", Properties.of(Map.of(
                        "x", PropertyValue.of(10), "y", PropertyValue.of(20.5), "fill", PropertyValue.of("#ff0000")))),
                new Change.Set("r1", "fill", PropertyValue.of("#00ff00")),
                new Change.Set("r1", "y", null),
                new Change.Edit("s1", "text", TextOperation.builder().retain(3).insert("hi").build()),
                new Change.Move("r1", "f1", "a1"),
                new Change.Delete("r2"))), op);
        // Written back: properties in name order, whole numbers without a fraction.
        assertEquals(wire.replace("{\"x\":10,\"y\":20.5,\"fill\":\"#ff0000\"}", "{\"fill\":\"#ff0000\",\"x\":10,\"y\":20.5}"), op.toJson());
    }

    @Test
    void everyValueTypeRoundTrips() {
        String wire = "{\"changes\":[{\"create\":\"a1\",\"kind\":\"arrow\",\"parent\":\"f1\",\"index\":\"Zz\",\"props\":{"
                + "\"align\":\"center\",\"data-votes\":3,\"data-done\":true,\"data-owner\":\"ann\",\"locked\":false,"
                + "\"points\":[0,0,120.25,-40],\"rotation\":-45.5,\"text\":\"\uD83D\uDE00 go\"}}]}";
        CanvasOperation op = TYPE.parse(wire);
        assertEquals(op, TYPE.parse(op.toJson()));
        assertEquals(op.toJson(), TYPE.parse(op.toJson()).toJson());
    }

    @Test
    void negativeZeroIsZero() {
        assertEquals("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":0}]}",
                TYPE.parse("{\"changes\":[{\"set\":\"r1\",\"prop\":\"x\",\"value\":-0.0}]}").toJson());
    }

    @Test
    void snapshotsListParentsBeforeChildrenAndReadBack() {
        CanvasDocument doc = TYPE.open(TYPE.emptySnapshot());
        assertEquals("{\"objects\":[]}", doc.snapshot());
        doc.apply(TYPE.parse("{\"changes\":[{\"create\":\"s1\",\"kind\":\"sticky\",\"parent\":null,\"index\":\"a1\"},"
                + "{\"create\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\",\"props\":{\"name\":\"Board\"}},"
                + "{\"move\":\"s1\",\"parent\":\"f1\",\"index\":\"a0\"}]}"));
        String snapshot = doc.snapshot();
        assertEquals("{\"objects\":[{\"id\":\"f1\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\",\"props\":{\"name\":\"Board\"}},"
                + "{\"id\":\"s1\",\"kind\":\"sticky\",\"parent\":\"f1\",\"index\":\"a0\",\"props\":{}}]}", snapshot);
        assertEquals(snapshot, TYPE.open(snapshot).snapshot());
        assertEquals(2, TYPE.open(snapshot).size());
    }
}
