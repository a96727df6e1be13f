package dev.tandem.bench;

import dev.tandem.ot.text.TextDocument;
import dev.tandem.trace.EditingTrace;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replays a real editing trace through the plain-text OT core, as a sequencer applies revisions:
 * each patch becomes a {@code TextOperation} ({@code TextOperation.splice}) applied to the rope.
 * One invocation is a whole trace from its start text; {@link Patches} gives patches/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class TextReplayBenchmark {
    @Param({"automerge-paper", "seph-blog1", "friendsforever_flat"})
    public String trace;

    private EditingTrace editing;

    @Setup
    public void load() throws IOException {
        editing = TraceFiles.loadChecked(trace);
    }

    @Benchmark
    public TextDocument replay(Patches counted) {
        counted.patches += editing.patches();
        return editing.replay();
    }
}
