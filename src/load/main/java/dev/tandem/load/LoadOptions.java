package dev.tandem.load;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Settings of a load run, parsed once from the command line ({@link #usage()} lists them). */
final class LoadOptions {
    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final double DEFAULT_SLO_MS = 100;
    static final int DEFAULT_MAX_AUTHORS = 1500;
    static final int DEFAULT_FULL_EVERY = 10;
    static final int DEFAULT_INITIAL_LENGTH = 1000;

    private List<String> urls = List.of(DEFAULT_URL);
    private List<Workload> workloads = List.of(Workload.W1);
    private int durationSeconds;
    private double rate;
    private int users;
    private int docs;
    private boolean quick;
    private Path out;
    private List<Long> serverPids = List.of();
    private int warmupSeconds = -1;
    private int stepUsers;
    private int fullEvery = DEFAULT_FULL_EVERY;
    private int stepSeconds;
    private double sloMs = DEFAULT_SLO_MS;
    private int maxAuthors;
    private int eventLoops = Math.max(2, Runtime.getRuntime().availableProcessors());
    private long seed = 42;
    private int settleSeconds = 20;
    private int initialLength = DEFAULT_INITIAL_LENGTH;
    private boolean progress = true;

    static String usage() {
        return String.join("\n",
                "usage: scripts/loadtest [options]",
                "  --url URL[,URL...]     server node(s); users are spread over them (default " + DEFAULT_URL + ")",
                "  --workload W1[,W2..]   W1 busy doc, W2 many docs, W3 max throughput, W4 presence storm, W5 crowd, or all (default W1)",
                "  --duration SECONDS     measured seconds per workload (default: DESIGN.md's; quick: 3)",
                "  --warmup SECONDS       unmeasured seconds before (default 10; quick 1)",
                "  --users N              users per document (W5: authors added per step, default 50)",
                "  --docs N               documents (W2 default 2000)",
                "  --rate R               ticks per second per user (default: the workload's)",
                "  --step-seconds S       W5: seconds per step (default 15)",
                "  --slo-ms MS            W5: end-to-end p99 a step must hold (default " + (int) DEFAULT_SLO_MS + ")",
                "  --full-every N         W5: every Nth author keeps the client library's full model, the others only what typing needs (default " + DEFAULT_FULL_EVERY + "; 1: all full)",
                "  --max-authors N        W5: stop growing here (default " + DEFAULT_MAX_AUTHORS + "; quick 20)",
                "  --server-pid PID[,PID] the (first) node's JVM, then e.g. its PostgreSQL: CPU and memory from /proc, heap via jcmd",
                "  --out DIR              where report.json, report.html and the charts go (default target/loadtest/<time>)",
                "  --quick                a few seconds per workload with few users (the smoke test's mode)",
                "  --event-loops N        generator event loops (default: cores)",
                "  --seed N               random seed (default 42)",
                "  --no-progress          no progress line every second",
                "");
    }

    static LoadOptions parse(String... args) {
        LoadOptions o = new LoadOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--quick" -> o.quick = true;
                case "--no-progress" -> o.progress = false;
                default -> {
                    if (v == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        v = args[++i];
                    }
                    o.set(a, v);
                }
            }
        }
        if (o.out == null) {
            o.out = Path.of("target", "loadtest", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        if (o.maxAuthors <= 0) {
            o.maxAuthors = o.quick ? 20 : DEFAULT_MAX_AUTHORS;
        }
        return o;
    }

    private void set(String name, String v) {
        switch (name) {
            case "--url" -> urls = List.of(v.split(","));
            case "--workload" -> workloads = v.equalsIgnoreCase("all") ? List.of(Workload.values()) : parseWorkloads(v);
            case "--duration" -> durationSeconds = positive(name, v);
            case "--warmup" -> warmupSeconds = Integer.parseInt(v);
            case "--users" -> users = positive(name, v);
            case "--docs" -> docs = positive(name, v);
            case "--rate" -> rate = Double.parseDouble(v);
            case "--step-users" -> stepUsers = positive(name, v);
            case "--full-every" -> fullEvery = positive(name, v);
            case "--step-seconds" -> stepSeconds = positive(name, v);
            case "--slo-ms" -> sloMs = Double.parseDouble(v);
            case "--max-authors" -> maxAuthors = positive(name, v);
            case "--server-pid" -> serverPids = Arrays.stream(v.split(",")).map(String::trim).map(Long::parseLong).toList();
            case "--out" -> out = Path.of(v);
            case "--event-loops" -> eventLoops = positive(name, v);
            case "--seed" -> seed = Long.parseLong(v);
            case "--settle-seconds" -> settleSeconds = positive(name, v);
            case "--initial-length" -> initialLength = Integer.parseInt(v);
            default -> throw new IllegalArgumentException("unknown option " + name);
        }
    }

    private static List<Workload> parseWorkloads(String v) {
        List<Workload> w = new ArrayList<>();
        for (String s : v.split(",")) {
            try {
                w.add(Workload.valueOf(s.trim().toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown workload " + s + "; one of " + Arrays.toString(Workload.values()));
            }
        }
        return w;
    }

    private static int positive(String name, String v) {
        int n = Integer.parseInt(v);
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return n;
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
    boolean progress() { return progress; }
}
