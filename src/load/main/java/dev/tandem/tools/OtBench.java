package dev.tandem.tools;

import dev.tandem.trace.EditingTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays editing traces through the OT core (each patch made into a {@code TextOperation} and
 * applied to a {@code TextDocument}) and prints one line per trace:
 * {@code trace=<name> patches=<n> ms=<total> patches_per_s=<rate> match=<true|false>}.
 *
 * <p>All traces are first replayed in turn, untimed, for at least {@code --warmup-ms} (and five
 * rounds) so the JIT has compiled the hot paths; then each is replayed {@code --runs} times timed
 * and {@code ms} is the median run.
 */
public final class OtBench {
    private OtBench() {
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
        List<EditingTrace> traces = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                System.err.println("trace file not found: " + file.toAbsolutePath());
                System.exit(2);
            }
            traces.add(EditingTrace.load(file));
        }
        boolean[] match = new boolean[traces.size()];
        Arrays.fill(match, true);
        long warmupEnd = System.nanoTime() + warmupMs * 1_000_000;
        for (int round = 0; round < 5 || System.nanoTime() < warmupEnd; round++) {
            for (int t = 0; t < traces.size(); t++) {
                match[t] &= traces.get(t).replay().toString().equals(traces.get(t).endContent());
            }
        }
        boolean allMatch = true;
        for (int t = 0; t < traces.size(); t++) {
            EditingTrace trace = traces.get(t);
            long[] nanos = new long[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                var doc = trace.replay();
                nanos[r] = System.nanoTime() - t0;
                match[t] &= doc.toString().equals(trace.endContent());
            }
            Arrays.sort(nanos);
            long median = nanos[runs / 2];
            long rate = Math.round(trace.patches() / (median / 1e9));
            System.out.printf("trace=%s patches=%d ms=%.1f patches_per_s=%d match=%s%n",
                    trace.name(), trace.patches(), median / 1e6, rate, match[t]);
            allMatch &= match[t];
        }
        System.exit(allMatch ? 0 : 1);
    }
}
