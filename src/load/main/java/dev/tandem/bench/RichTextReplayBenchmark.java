package dev.tandem.bench;

import dev.tandem.ot.richtext.Attributes;
import dev.tandem.ot.richtext.Delta;
import dev.tandem.ot.richtext.DeltaOp;
import dev.tandem.ot.richtext.RichTextDocument;
import dev.tandem.ot.richtext.TraceDeltas;
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
 * Replays a real editing trace through the rich-text type, as a sequencer applies revisions: each
 * patch, converted to a Quill Delta (positions in UTF-16), is applied to a {@link RichTextDocument};
 * {@code formatted} makes every tenth insert bold, so the document holds many formatted runs. One
 * invocation is a whole trace; {@link Patches} gives patches/s. The converted deltas are made once,
 * before timing, and the end text is checked against the trace's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class RichTextReplayBenchmark {
    private static final Attributes BOLD = Attributes.builder().put("bold", true).build();

    @Param({"automerge-paper", "seph-blog1", "friendsforever_flat"})
    public String trace;

    @Param({"plain", "formatted"})
    public String variant;

    private Delta start;
    private Delta[] deltas;

    @Setup
    public void load() throws IOException {
        TraceDeltas t = new TraceDeltas(TraceFiles.loadChecked(trace));
        start = Delta.ofText(t.trace().startContent());
        deltas = new Delta[t.size()];
        for (int i = 0; i < deltas.length; i++) {
            Delta d = t.delta(i);
            deltas[i] = variant.equals("formatted") && i % 10 == 9 ? bold(d) : d;
        }
        RichTextDocument check = replayOnce();
        if (!check.plainText().equals(t.trace().endContent())) {
            throw new IllegalStateException(trace + ": the rich-text replay does not end at the trace's endContent");
        }
    }

    @Benchmark
    public RichTextDocument replay(Patches counted) {
        counted.patches += deltas.length;
        return replayOnce();
    }

    private RichTextDocument replayOnce() {
        RichTextDocument doc = RichTextDocument.of(start);
        for (Delta d : deltas) {
            doc.apply(d);
        }
        return doc;
    }

    private static Delta bold(Delta d) {
        var b = Delta.builder();
        for (DeltaOp op : d.ops()) {
            b.push(op instanceof DeltaOp.TextInsert t ? new DeltaOp.TextInsert(t.text(), BOLD) : op);
        }
        return b.build();
    }
}
