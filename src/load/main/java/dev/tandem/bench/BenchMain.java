package dev.tandem.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code scripts/bench-ot [TRACE ...] [JMH options]}: runs this package's JMH benchmarks (by
 * default every one, each trace in its own forked JVMs after warm-up) and ends with one line per
 * benchmark and trace:
 * {@code trace=<name> benchmark=<name> patches_per_s=<score> error=<99.9% half-width> ms_per_replay=<ms>}
 * (transforms: {@code transforms_per_s}). Arguments naming a {@code .json[.gz]} file are traces,
 * given to every benchmark's {@code trace} parameter; everything else goes to JMH as it is
 * ({@code -f 1 -wi 2 -i 3}, {@code TextReplay}, {@code -p trace=seph-blog1}, {@code -h}).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> traces = new ArrayList<>();
        List<String> jmhArgs = new ArrayList<>();
        for (String a : args) {
            if (a.endsWith(".json") || a.endsWith(".json.gz")) {
                Path file = Path.of(a).toAbsolutePath();
                if (!Files.isRegularFile(file)) {
                    System.err.println("bench-ot: trace file not found: " + file);
                    System.exit(2);
                }
                traces.add(file.toString());
            } else {
                jmhArgs.add(a);
            }
        }
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            System.err.println("bench-ot: " + e.getMessage() + " (-h lists JMH's options)");
            System.exit(2);
            return;
        }
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                || cli.shouldListResultFormats()) {
            new Runner(cli).list(); // JMH prints what was asked for
            if (cli.shouldHelp()) {
                cli.showHelp();
            }
            return;
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli).shouldFailOnError(true);
        if (cli.getIncludes().isEmpty()) {
            options.include(BenchMain.class.getPackageName() + "\\..*Benchmark\\..*");
        }
        if (!traces.isEmpty()) {
            options.param("trace", traces.toArray(String[]::new));
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            System.err.println("bench-ot: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println();
        for (RunResult r : results) {
            System.out.println(summary(r));
        }
    }

    /** One line for a result: its trace, benchmark, and the work counters as rates. */
    static String summary(RunResult r) {
        String trace = r.getParams().getParam("trace");
        String name = r.getParams().getBenchmark().replaceFirst("^.*\\.([A-Za-z]+)Benchmark\\.", "$1.");
        StringBuilder line = new StringBuilder();
        if (trace != null) {
            line.append("trace=").append(Path.of(trace).getFileName().toString().replaceFirst("\\.json(\\.gz)?$", "")).append(' ');
        }
        line.append("benchmark=").append(name);
        for (String key : r.getParams().getParamsKeys()) {
            if (!key.equals("trace")) {
                line.append(' ').append(key).append('=').append(r.getParams().getParam(key));
            }
        }
        for (Map.Entry<String, Result> counter : r.getSecondaryResults().entrySet()) {
            Result<?> c = counter.getValue();
            line.append(String.format(Locale.ROOT, " %s_per_s=%.0f error=%.0f", counter.getKey(), c.getScore(), c.getScoreError()));
        }
        Result<?> primary = r.getPrimaryResult();
        if (primary.getScoreUnit().equals("ops/s") && primary.getScore() > 0) {
            line.append(String.format(Locale.ROOT, " ms_per_invocation=%.2f", 1000 / primary.getScore()));
        }
        return line.toString();
    }
}
