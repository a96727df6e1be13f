package dev.tandem.load;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Settings of a load run, parsed once from the command line by picocli ({@link #usage()} lists them). */
@Command(name = "scripts/loadtest", customSynopsis = "scripts/loadtest [OPTION]...", usageHelpWidth = 110,
        description = "Runs workloads against running Tandem node(s); prints a JSON summary and one line per workload.")
final class LoadOptions {
    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final double DEFAULT_SLO_MS = 100;
    static final int DEFAULT_MAX_AUTHORS = 1500;
    static final int DEFAULT_FULL_EVERY = 10;
    static final int DEFAULT_INITIAL_LENGTH = 1000;
    static final int DEFAULT_COLD_SECONDS = 30;
    static final int DEFAULT_READY_TIMEOUT_SECONDS = 300;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", split = ",", splitSynopsisLabel = ",",
            description = "server node(s); users are spread over them (default " + DEFAULT_URL + ")")
    private List<String> urls = List.of(DEFAULT_URL);

    private List<Workload> workloads = List.of(Workload.W1);

    @Option(names = "--duration", paramLabel = "SECONDS", description = "measured seconds per workload (default: DESIGN.md's; quick: 3)")
    private int durationSeconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "unmeasured seconds before (default 10; quick 1)")
    private int warmupSeconds = -1;

    private int users;
    private int docs;

    @Option(names = "--rate", paramLabel = "R", description = "ticks per second per user (default: the workload's)")
    private double rate;

    private int stepUsers;
    private int stepSeconds;

    @Option(names = "--slo-ms", paramLabel = "MS", description = "W5: end-to-end p99 a step must hold (default ${DEFAULT-VALUE})")
    private double sloMs = DEFAULT_SLO_MS;

    private int fullEvery = DEFAULT_FULL_EVERY;
    private int maxAuthors;

    @Option(names = "--server-pid", paramLabel = "PID", split = ",", splitSynopsisLabel = ",",
            description = "the (first) node's JVM, then e.g. its PostgreSQL: CPU and memory from /proc, heap via jcmd")
    private List<Long> serverPids = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "where report.json, report.html and the charts go (default target/loadtest/<time>)")
    private Path out;

    @Option(names = "--quick", description = "a few seconds per workload with few users (the smoke test's mode)")
    private boolean quick;

    private int eventLoops = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Option(names = "--seed", paramLabel = "N", description = "random seed (default ${DEFAULT-VALUE})")
    private long seed = 42;

    private int settleSeconds = 20;

    @Option(names = "--initial-length", paramLabel = "N", description = "characters of each document at the start (default ${DEFAULT-VALUE})")
    private int initialLength = DEFAULT_INITIAL_LENGTH;

    private String docType = "text";
    static final int DEFAULT_BOARD_OBJECTS = 10_000;
    static final int DEFAULT_UNLOAD_WAIT = 330;
    private int boardObjects;
    private int unloadWaitSeconds;

    @Option(names = "--objects", paramLabel = "N", description = "W7: objects per board (default " + DEFAULT_BOARD_OBJECTS
            + "; quick 1000)")
    private void boardObjects(int v) {
        boardObjects = positive("--objects", v);
    }

    @Option(names = "--unload-wait", paramLabel = "S", description = "W7: longest wait for the node to unload the built boards "
            + "before opening them cold (default " + DEFAULT_UNLOAD_WAIT + ", the node's default --doc-idle-seconds 300 and "
            + "a sweep; quick 30); run the node with --doc-idle-seconds 5 to keep it short")
    private void unloadWait(int v) {
        unloadWaitSeconds = positive("--unload-wait", v);
    }

    @Option(names = "--doc-type", paramLabel = "TYPE", description = "W1-W5: the documents' type, text or rich-text "
            + "(typing as on text, with one format change in " + SimUser.FORMAT_EVERY + " operations) (default text)")
    private void docType(String v) {
        if (!v.equals("text") && !v.equals("rich-text")) {
            throw new ParameterException(spec.commandLine(), "--doc-type must be text or rich-text, not " + v);
        }
        docType = v;
    }

    @Option(names = "--no-progress", negatable = false, description = "no progress line every second")
    private boolean noProgress;

    @Option(names = "--cold", description = "cold start: wait until the node's /ready says 200, start the first workload at once"
            + " with no warm-up, and report its first --cold-seconds after ready apart from the rest (W1-W4). Start the"
            + " node just before: scripts/run --data-dir /tmp/fresh & scripts/loadtest --cold --workload W1")
    private boolean cold;

    private int coldSeconds;
    private int readyTimeoutSeconds = DEFAULT_READY_TIMEOUT_SECONDS;

    @Option(names = "--cold-seconds", paramLabel = "S", description = "--cold: seconds after ready reported as the cold window (default "
            + DEFAULT_COLD_SECONDS + "; quick 5)")
    private void coldSeconds(int v) {
        coldSeconds = positive("--cold-seconds", v);
    }

    @Option(names = "--ready-timeout", paramLabel = "S", description = "--cold: longest wait for /ready (default "
            + DEFAULT_READY_TIMEOUT_SECONDS + ")")
    private void readyTimeout(int v) {
        readyTimeoutSeconds = positive("--ready-timeout", v);
    }

    @Option(names = "--workload", paramLabel = "W1[,W2...]",
            description = "W1 busy doc, W2 many docs, W3 max throughput, W4 presence storm, W5 crowd, W6 drag storm, W7 big board, "
                    + "or all (default W1)")
    private void workloads(String v) {
        workloads = v.equalsIgnoreCase("all") ? List.of(Workload.values()) : parseWorkloads(v);
    }

    @Option(names = "--users", paramLabel = "N", description = "users per document (default: the workload's; W5 grows by --step-users)")
    private void users(int v) {
        users = positive("--users", v);
    }

    @Option(names = "--docs", paramLabel = "N", description = "documents (W2 default 2000)")
    private void docs(int v) {
        docs = positive("--docs", v);
    }

    @Option(names = "--step-users", paramLabel = "N", description = "W5: authors added per step (default 50; quick 5)")
    private void stepUsers(int v) {
        stepUsers = positive("--step-users", v);
    }

    @Option(names = "--step-seconds", paramLabel = "S", description = "W5: seconds per step (default 15)")
    private void stepSeconds(int v) {
        stepSeconds = positive("--step-seconds", v);
    }

    @Option(names = "--full-every", paramLabel = "N", description = "W5: every Nth author keeps the client library's full model, "
            + "the others only what typing needs (default " + DEFAULT_FULL_EVERY + "; 1: all full)")
    private void fullEvery(int v) {
        fullEvery = positive("--full-every", v);
    }

    @Option(names = "--max-authors", paramLabel = "N", description = "W5: stop growing here (default " + DEFAULT_MAX_AUTHORS + "; quick 20)")
    private void maxAuthors(int v) {
        maxAuthors = positive("--max-authors", v);
    }

    @Option(names = "--event-loops", paramLabel = "N", description = "generator event loops (default: cores, at least 2)")
    private void eventLoops(int v) {
        eventLoops = positive("--event-loops", v);
    }

    @Option(names = "--settle-seconds", paramLabel = "S", description = "longest wait for every copy to converge after a workload (default 20)")
    private void settleSeconds(int v) {
        settleSeconds = positive("--settle-seconds", v);
    }

    static String usage() {
        StringWriter out = new StringWriter();
        new CommandLine(new LoadOptions()).usage(new PrintWriter(out), Help.Ansi.OFF);
        return out.toString();
    }

    /** Parses {@code args}; a bad one is an {@link IllegalArgumentException} naming the flag. */
    static LoadOptions parse(String... args) {
        LoadOptions o = new LoadOptions();
        try {
            new CommandLine(o).parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (o.out == null) {
            o.out = Path.of("target", "loadtest", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        if (o.boardObjects <= 0) {
            o.boardObjects = o.quick ? 1000 : DEFAULT_BOARD_OBJECTS;
        }
        if (o.unloadWaitSeconds <= 0) {
            o.unloadWaitSeconds = o.quick ? 30 : DEFAULT_UNLOAD_WAIT;
        }
        if (o.maxAuthors <= 0) {
            o.maxAuthors = o.quick ? 20 : DEFAULT_MAX_AUTHORS;
        }
        if (o.coldSeconds <= 0) {
            o.coldSeconds = o.quick ? 5 : DEFAULT_COLD_SECONDS;
        }
        if (o.cold && o.workloads.get(0) == Workload.W5) {
            throw new IllegalArgumentException("--cold: the first workload must be one of W1-W4 (W5 grows a crowd step by step"
                    + " and has no cold window)");
        }
        if (o.cold && o.warmupSeconds > 0) {
            throw new IllegalArgumentException("--cold runs the first workload without a warm-up; leave out --warmup");
        }
        return o;
    }

    private List<Workload> parseWorkloads(String v) {
        List<Workload> w = new ArrayList<>();
        for (String s : v.split(",")) {
            try {
                w.add(Workload.valueOf(s.trim().toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--workload: unknown workload " + s + "; one of "
                        + Arrays.toString(Workload.values()) + " or all");
            }
        }
        return w;
    }

    private int positive(String flag, int v) {
        if (v <= 0) {
            throw new ParameterException(spec.commandLine(), flag + " must be positive, not " + v);
        }
        return v;
    }

    List<String> urls() { return urls; }
    List<Workload> workloads() { return workloads; }
    int durationSeconds() { return durationSeconds; }
    double rate() { return rate; }
    int users() { return users; }
    int docs() { return docs; }
    boolean quick() { return quick; }
    Path out() { return out; }
    List<Long> serverPids() { return serverPids; }

    long serverPid() { return serverPids.isEmpty() ? -1 : serverPids.get(0); }
    int warmupSeconds() { return warmupSeconds; }
    int stepUsers() { return stepUsers; }
    int fullEvery() { return fullEvery; }
    int stepSeconds() { return stepSeconds; }
    double sloMs() { return sloMs; }
    int maxAuthors() { return maxAuthors; }
    int eventLoops() { return eventLoops; }
    long seed() { return seed; }
    int settleSeconds() { return settleSeconds; }
    int initialLength() { return initialLength; }
    boolean progress() { return !noProgress; }
    boolean cold() { return cold; }
    int coldSeconds() { return coldSeconds; }
    int readyTimeoutSeconds() { return readyTimeoutSeconds; }
    String docType() { return docType; }
    int boardObjects() { return boardObjects; }
    int unloadWaitSeconds() { return unloadWaitSeconds; }
}
