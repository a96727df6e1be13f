package dev.tandem.bench;

import dev.tandem.trace.EditingTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a benchmark's {@code trace} parameter points: a file ({@code .json} or {@code .json.gz}),
 * or the name of a trace in {@code $TANDEM_TRACES} (default {@code testdata/traces}).
 */
public final class TraceFiles {
    /** The traces {@code scripts/bench-ot} replays when given none. */
    public static final String[] DEFAULTS = {"automerge-paper", "seph-blog1", "friendsforever_flat"};

    private TraceFiles() {
    }

    public static Path resolve(String trace) {
        if (trace.endsWith(".json") || trace.endsWith(".json.gz")) {
            return Path.of(trace);
        }
        return Path.of(System.getenv().getOrDefault("TANDEM_TRACES", "testdata/traces")).resolve(trace + ".json.gz");
    }

    /** Loads a trace and checks that replaying it ends at its {@code endContent}: a wrong result is no benchmark. */
    public static EditingTrace loadChecked(String trace) throws IOException {
        Path file = resolve(trace);
        if (!Files.isRegularFile(file)) {
            throw new IOException("trace file not found: " + file.toAbsolutePath());
        }
        EditingTrace t = EditingTrace.load(file);
        if (!t.replay().toString().equals(t.endContent())) {
            throw new IllegalStateException("replaying " + t.name() + " does not end at its endContent");
        }
        return t;
    }
}
