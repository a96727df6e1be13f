package dev.tandem.bench;

import dev.tandem.ot.text.OperationPair;
import dev.tandem.ot.text.TextDocument;
import dev.tandem.ot.text.TextOperation;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Transforms a client's pending operation against one the server committed first, on edits from a
 * real trace: patch {@code i} is the committed one and patch {@code i+1}, moved onto the same base
 * document (its position and deletion clamped to it), is the pending one, as when two people type
 * near each other. One invocation transforms every pair of the trace; {@link Transforms}
 * gives transforms/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class TransformBenchmark {
    @Param({"automerge-paper", "seph-blog1", "friendsforever_flat"})
    public String trace;

    private TextOperation[] committed;
    private TextOperation[] pending;

    @Setup
    public void pairs() throws IOException {
        EditingTrace t = TraceFiles.loadChecked(trace);
        int n = t.patches() - 1;
        committed = new TextOperation[n];
        pending = new TextOperation[n];
        TextDocument doc = TextDocument.of(t.startContent());
        for (int i = 0; i < n; i++) {
            int length = doc.length();
            committed[i] = t.operation(i, length);
            int pos = Math.min(t.position(i + 1), length);
            pending[i] = TextOperation.splice(length, pos, Math.min(t.deleteCount(i + 1), length - pos), t.insertText(i + 1));
            doc.apply(committed[i]);
        }
    }

    @Benchmark
    public void transform(Transforms counted, Blackhole sink) {
        for (int i = 0; i < committed.length; i++) {
            OperationPair pair = TextOperation.transform(pending[i], committed[i]);
            sink.consume(pair);
        }
        counted.transforms += committed.length;
    }
}
