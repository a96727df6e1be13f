package dev.tandem.load;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Settings of a soak run ({@code scripts/soak}), parsed once from the command line by picocli ({@link #usage()} lists them). */
@Command(name = "scripts/soak", customSynopsis = "scripts/soak [OPTION]...", usageHelpWidth = 110,
        description = "W2's load (2,000 documents x 2 users x 1 edit/s) for a long while with random client churn, against a "
                + "running node; samples the node's live heap and RSS, and checks at the end that nothing failed, nothing was "
                + "lost and every copy converged. Exit status 0 when all of that holds and memory stayed flat.")
final class SoakOptions {
    static final double DEFAULT_MINUTES = 30;
    static final double DEFAULT_CHURN_PER_SECOND = 20;
    static final double DEFAULT_CLEAN_SHARE = 0.5;
    static final long DEFAULT_OFFLINE_MIN_MS = 100;
    static final long DEFAULT_OFFLINE_MAX_MS = 3000;
    static final double DEFAULT_DELETE_SHARE = 0.5;
    static final int DEFAULT_SAMPLE_SECONDS = 10;
    static final double DEFAULT_MAX_HEAP_SLOPE = 5;
    static final double DEFAULT_MAX_RSS_SLOPE = 20;
    static final int DEFAULT_SETTLE_SECONDS = 60;

    @Option(names = "--url", paramLabel = "URL", split = ",", splitSynopsisLabel = ",",
            description = "the node(s); users are spread over them, memory is the first one's (default " + LoadOptions.DEFAULT_URL + ")")
    private List<String> urls = List.of(LoadOptions.DEFAULT_URL);

    @Option(names = "--minutes", paramLabel = "M", description = "how long the load runs after the warm-up (default ${DEFAULT-VALUE})")
    private double minutes = DEFAULT_MINUTES;

    @Option(names = "--docs", paramLabel = "N", description = "documents (default ${DEFAULT-VALUE}, W2's)")
    private int docs = Workload.W2.docs;

    @Option(names = "--users", paramLabel = "N", description = "users per document (default ${DEFAULT-VALUE}, W2's)")
    private int users = Workload.W2.usersPerDoc;

    @Option(names = "--rate", paramLabel = "R", description = "keystrokes per second per user, +-20%% (default ${DEFAULT-VALUE}, W2's)")
    private double rate = Workload.W2.rate;

    @Option(names = "--churn-per-s", paramLabel = "N", description = "users that leave and come back each second, picked at random "
            + "(fractions carry over; 0: no churn) (default ${DEFAULT-VALUE})")
    private double churnPerSecond = DEFAULT_CHURN_PER_SECOND;

    @Option(names = "--clean-share", paramLabel = "F", description = "share of leaving users that close their WebSocket cleanly; "
            + "the others cut the TCP connection without a close frame (default ${DEFAULT-VALUE})")
    private double cleanShare = DEFAULT_CLEAN_SHARE;

    @Option(names = "--offline-min-ms", paramLabel = "MS", description = "shortest time a leaving user stays away, typing (default ${DEFAULT-VALUE})")
    private long offlineMinMs = DEFAULT_OFFLINE_MIN_MS;

    @Option(names = "--offline-max-ms", paramLabel = "MS", description = "longest time away (default ${DEFAULT-VALUE})")
    private long offlineMaxMs = DEFAULT_OFFLINE_MAX_MS;

    @Option(names = "--delete-share", paramLabel = "F", description = "share of keystrokes that delete the character before the caret; "
            + "0.5 keeps the documents' size, so heap growth is the server's own (W2 types 0.2) (default ${DEFAULT-VALUE})")
    private double deleteShare = DEFAULT_DELETE_SHARE;

    @Option(names = "--sample-seconds", paramLabel = "S", description = "seconds between two samples of the node's live heap "
            + "(after a full collection, jcmd) and RSS (default ${DEFAULT-VALUE})")
    private int sampleSeconds = DEFAULT_SAMPLE_SECONDS;

    @Option(names = "--warmup", paramLabel = "S", description = "seconds of load before the first sample and the churn (default ${DEFAULT-VALUE})")
    private int warmupSeconds = 10;

    @Option(names = "--max-heap-slope", paramLabel = "MIB", description = "flat: the live heap's least-squares slope over the second "
            + "half, in MiB per 10 minutes, is at most this (default ${DEFAULT-VALUE})")
    private double maxHeapSlope = DEFAULT_MAX_HEAP_SLOPE;

    @Option(names = "--max-rss-slope", paramLabel = "MIB", description = "flat: the same for the node's RSS (default ${DEFAULT-VALUE})")
    private double maxRssSlope = DEFAULT_MAX_RSS_SLOPE;

    @Option(names = "--server-pid", paramLabel = "PID", split = ",", splitSynopsisLabel = ",",
            description = "the node's JVM (then e.g. its PostgreSQL, for CPU): heap via jcmd, RSS from /proc (scripts/soak finds them)")
    private List<Long> serverPids = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "where soak.json and the charts go (default target/soak/<time>)")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", description = "random seed (default ${DEFAULT-VALUE})")
    private long seed = 42;

    @Option(names = "--initial-length", paramLabel = "N", description = "characters of each document at the start (default ${DEFAULT-VALUE})")
    private int initialLength = LoadOptions.DEFAULT_INITIAL_LENGTH;

    @Option(names = "--event-loops", paramLabel = "N", description = "generator event loops (default: cores, at least 2)")
    private int eventLoops = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Option(names = "--settle-seconds", paramLabel = "S", description = "longest wait at the end for the users away to come back, "
            + "and again for every copy to converge (default ${DEFAULT-VALUE})")
    private int settleSeconds = DEFAULT_SETTLE_SECONDS;

    static String usage() {
        StringWriter out = new StringWriter();
        new CommandLine(new SoakOptions()).usage(new PrintWriter(out), Help.Ansi.OFF);
        return out.toString();
    }

    /** Parses {@code args}; a bad one is an {@link IllegalArgumentException} naming the flag. */
    static SoakOptions parse(String... args) {
        SoakOptions o = new SoakOptions();
        try {
            new CommandLine(o).parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        positive("--minutes", o.minutes);
        positive("--docs", o.docs);
        positive("--users", o.users);
        positive("--rate", o.rate);
        positive("--sample-seconds", o.sampleSeconds);
        positive("--settle-seconds", o.settleSeconds);
        share("--clean-share", o.cleanShare);
        share("--delete-share", o.deleteShare);
        if (o.churnPerSecond < 0 || o.warmupSeconds < 0 || o.offlineMinMs < 0 || o.offlineMaxMs < o.offlineMinMs) {
            throw new IllegalArgumentException("--churn-per-s and --warmup must not be negative, and "
                    + "0 <= --offline-min-ms <= --offline-max-ms");
        }
        if (o.out == null) {
            o.out = Path.of("target", "soak", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return o;
    }

    private static void positive(String flag, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(flag + " must be positive, not " + v);
        }
    }

    private static void share(String flag, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(flag + " must be between 0 and 1, not " + v);
        }
    }

    List<String> urls() { return urls; }
    double minutes() { return minutes; }
    int docs() { return docs; }
    int users() { return users; }
    double rate() { return rate; }
    double churnPerSecond() { return churnPerSecond; }
    double cleanShare() { return cleanShare; }
    long offlineMinMs() { return offlineMinMs; }
    long offlineMaxMs() { return offlineMaxMs; }
    double deleteShare() { return deleteShare; }
    int sampleSeconds() { return sampleSeconds; }
    int warmupSeconds() { return warmupSeconds; }
    double maxHeapSlope() { return maxHeapSlope; }
    double maxRssSlope() { return maxRssSlope; }
    List<Long> serverPids() { return serverPids; }
    long serverPid() { return serverPids.isEmpty() ? -1 : serverPids.get(0); }
    Path out() { return out; }
    long seed() { return seed; }
    int initialLength() { return initialLength; }
    int eventLoops() { return eventLoops; }
    int settleSeconds() { return settleSeconds; }
}
