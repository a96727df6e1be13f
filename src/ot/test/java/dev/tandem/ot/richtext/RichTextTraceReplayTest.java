package dev.tandem.ot.richtext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.trace.EditingTrace;
import dev.tandem.trace.TraceReplayTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real recorded editing sessions, replayed as rich-text deltas, must end at their endContent. */
class RichTextTraceReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"automerge-paper", "seph-blog1", "friendsforever_flat"})
    void replayAsDeltasEndsAtEndContent(String name) throws Exception {
        EditingTrace trace = TraceReplayTest.load(name);
        assertTrue(trace.patches() > 1000, "trace has patches");
        RichTextDocument doc = new TraceDeltas(trace).replay();
        assertEquals(trace.endContent(), doc.plainText());
        assertEquals(trace.endContent().length(), doc.size());
        assertEquals(1, doc.toDelta().ops().size(), "plain text stays one run");
    }

    @Test
    void codePointPositionsBecomeUtf16Offsets(@TempDir Path dir) throws Exception {
        // Code points: "a😀b" then insert "x" at 2 (after the emoji), delete the emoji (1 code point at 1).
        Path file = dir.resolve("astral.json");
        Files.writeString(file, "{\"startContent\":\"a\\ud83d\\ude00b\",\"endContent\":\"ax\\ud834\\udd1eb\","
                + "\"txns\":[{\"patches\":[[2,0,\"x\"],[1,1,\"\"],[2,0,\"\\ud834\\udd1e\"]]}]}");
        EditingTrace trace = EditingTrace.load(file);
        TraceDeltas deltas = new TraceDeltas(trace);
        assertEquals("{\"ops\":[{\"retain\":3},{\"insert\":\"x\"}]}", deltas.delta(0).toJson());
        assertEquals("{\"ops\":[{\"retain\":1},{\"delete\":2}]}", deltas.delta(1).toJson());
        assertEquals(trace.endContent(), deltas.replay().plainText());
        assertEquals(trace.endContent(), trace.replay().toString(), "the text type agrees");
    }
}
