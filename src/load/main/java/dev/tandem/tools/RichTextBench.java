package dev.tandem.tools;

import dev.tandem.ot.richtext.Attributes;
import dev.tandem.ot.richtext.Delta;
import dev.tandem.ot.richtext.DeltaOp;
import dev.tandem.ot.richtext.RichTextDocument;
import dev.tandem.ot.richtext.TraceDeltas;
import dev.tandem.trace.EditingTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays editing traces through the rich-text type (each patch made into a {@code Delta} and
 * applied to a {@code RichTextDocument}) and prints one line per trace and variant:
 * {@code type=rich-text variant=<plain|formatted> trace=<name> patches=<n> ms=<median> patches_per_s=<rate> match=<true|false>}.
 *
 * <p>{@code plain} applies the patches as they are; {@code formatted} makes every tenth insert
 * bold, so the document is cut into many runs, as a formatted document is. Positions are
 * converted from code points to UTF-16 before timing. Warm-up and timing as in {@link OtBench}:
 * every trace replayed in turn for at least {@code --warmup-ms} (and five rounds), then
 * {@code --runs} timed replays per trace, of which {@code ms} is the median.
 */
public final class RichTextBench {
    private static final Attributes BOLD = Attributes.builder().put("bold", true).build();

    private RichTextBench() {
    }

    public static void main(String[] args) throws Exception {
        long warmupMs = 3000;
        int runs = 9;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup-ms" -> warmupMs = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            Path dir = Path.of(System.getenv().getOrDefault("TANDEM_TRACES", "testdata/traces"));
            for (String name : new String[] {"automerge-paper", "seph-blog1", "friendsforever_flat"}) {
                files.add(dir.resolve(name + ".json.gz"));
            }
        }
        List<TraceDeltas> traces = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                System.err.println("trace file not found: " + file.toAbsolutePath());
                System.exit(2);
            }
            traces.add(new TraceDeltas(EditingTrace.load(file)));
        }
        boolean allMatch = true;
        for (boolean formatted : new boolean[] {false, true}) {
            boolean[] match = new boolean[traces.size()];
            Arrays.fill(match, true);
            long warmupEnd = System.nanoTime() + warmupMs * 1_000_000;
            for (int round = 0; round < 5 || System.nanoTime() < warmupEnd; round++) {
                for (int t = 0; t < traces.size(); t++) {
                    match[t] &= matches(traces.get(t), replay(traces.get(t), formatted));
                }
            }
            for (int t = 0; t < traces.size(); t++) {
                TraceDeltas trace = traces.get(t);
                long[] nanos = new long[runs];
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    RichTextDocument doc = replay(trace, formatted);
                    nanos[r] = System.nanoTime() - t0;
                    match[t] &= matches(trace, doc);
                }
                Arrays.sort(nanos);
                long median = nanos[runs / 2];
                long rate = Math.round(trace.size() / (median / 1e9));
                System.out.printf("type=rich-text variant=%s trace=%s patches=%d ms=%.1f patches_per_s=%d match=%s%n",
                        formatted ? "formatted" : "plain", trace.trace().name(), trace.size(), median / 1e6, rate, match[t]);
                allMatch &= match[t];
            }
        }
        System.exit(allMatch ? 0 : 1);
    }

    private static boolean matches(TraceDeltas trace, RichTextDocument doc) {
        return doc.plainText().equals(trace.trace().endContent());
    }

    private static RichTextDocument replay(TraceDeltas trace, boolean formatted) {
        if (!formatted) {
            return trace.replay();
        }
        RichTextDocument doc = RichTextDocument.of(Delta.ofText(trace.trace().startContent()));
        int inserts = 0;
        for (int i = 0, n = trace.size(); i < n; i++) {
            Delta d = trace.delta(i);
            if (++inserts % 10 == 0) {
                d = bold(d);
            }
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
