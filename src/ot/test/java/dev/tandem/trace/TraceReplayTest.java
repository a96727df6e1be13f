package dev.tandem.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real recorded editing sessions, replayed through the OT core, must end at their endContent. */
public class TraceReplayTest {

    /** The traces folder: system property tandem.traces, env TANDEM_TRACES, or testdata/traces (a copy of ../shared/traces). */
    public static Path tracesDir() {
        String dir = System.getProperty("tandem.traces", System.getenv().getOrDefault("TANDEM_TRACES", "testdata/traces"));
        Path p = Path.of(dir);
        assertTrue(Files.isDirectory(p), "editing traces missing: " + p.toAbsolutePath()
                + " (set TANDEM_TRACES or -Dtandem.traces to the folder with *.json.gz)");
        return p;
    }

    public static EditingTrace load(String name) throws Exception {
        Path file = tracesDir().resolve(name + ".json.gz");
        assertTrue(Files.isRegularFile(file), "trace missing: " + file.toAbsolutePath());
        return EditingTrace.load(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"automerge-paper", "seph-blog1", "friendsforever_flat"})
    void replayEndsAtEndContent(String name) throws Exception {
        EditingTrace trace = load(name);
        assertTrue(trace.patches() > 1000, "trace has patches");
        String result = trace.replay().toString();
        assertEquals(trace.endContent().length(), result.length());
        assertEquals(trace.endContent(), result);
    }
}
