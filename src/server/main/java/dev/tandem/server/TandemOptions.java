package dev.tandem.server;

import dev.tandem.cluster.ClusterOptions;
import dev.tandem.gateway.GatewayOptions;
import dev.tandem.sequencer.SequencerOptions;
import dev.tandem.storage.StorageOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Everything a node is configured with, read once at start-up from environment variables
 * ({@code TANDEM_HTTP_PORT}) and command-line flags ({@code --http-port 8080}; flags win).
 * Each setting has one name, documented in README.md and by {@code --help}.
 */
public final class TandemOptions {
    public static final String DEFAULT_NODE_ID = null;
    public static final int DEFAULT_COMMIT_LANES = 2;
    public static final int DEFAULT_COMMIT_MAX_BATCH = 512;
    public static final boolean DEFAULT_METRICS = true;
    public static final long DEFAULT_WARMUP_OPS = 20_000;
    public static final int DEFAULT_WARMUP_SECONDS = 15;

    private final GatewayOptions gateway = new GatewayOptions();
    private final SequencerOptions sequencer = new SequencerOptions();
    private final StorageOptions storage = new StorageOptions();
    private final ClusterOptions cluster = new ClusterOptions();
    private String nodeId = DEFAULT_NODE_ID;
    private String redisUrl = null;
    private long presenceTtlMs = 6000;
    private int presencePerSecond = 25;
    private int eventLoops = 0;
    private int commitLanes = DEFAULT_COMMIT_LANES;
    private int commitMaxBatch = DEFAULT_COMMIT_MAX_BATCH;
    private boolean metrics = DEFAULT_METRICS;
    private long warmUpOps = DEFAULT_WARMUP_OPS;
    private int warmUpSeconds = DEFAULT_WARMUP_SECONDS;

    /** A setting: its name (flag and env forms derive from it), help text and how to apply it. */
    private record Setting(String help, BiConsumer<TandemOptions, String> apply) {
    }

    private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

    static {
        add("http-port", "HTTP port for WebSocket, SockJS, REST and the editor (default 8080)",
                (o, v) -> o.gateway.setPort(intIn(v, 0, 65535)));
        add("http-host", "interface to listen on (default 127.0.0.1; 0.0.0.0 for all)", (o, v) -> o.gateway.setHost(v));
        add("data-dir", "where the embedded PostgreSQL keeps its data (default ./data)", (o, v) -> o.storage.setDataDir(v));
        add("pg-url", "external PostgreSQL, e.g. postgresql://user:pass@host:5432/db (unset: embedded)",
                (o, v) -> o.storage.setPostgresUrl(v.isBlank() ? null : v));
        add("pg-pool-size", "PostgreSQL connections (default 4)", (o, v) -> o.storage.setPoolSize(intIn(v, 1, 1000)));
        add("node-id", "this node's name in logs, metrics and owner answers (default node-<port>)", (o, v) -> o.nodeId = v);
        add("public-ws-url", "WebSocket URL clients should use for this node (default ws://<host>:<port>/ws)",
                (o, v) -> o.gateway.setPublicWsUrl(v));
        add("webroot", "folder of the browser editor (default webroot)", (o, v) -> o.gateway.setWebroot(v));
        add("sdk", "folder of the JavaScript SDK package, served at /sdk/ (default clients/js)", (o, v) -> o.gateway.setSdk(v));
        add("gateway-instances", "HTTP server instances (default: one per event loop)",
                (o, v) -> o.gateway.setInstances(intIn(v, 1, 256)));
        add("event-loops", "event-loop threads (default: half the cores, at least 1)",
                (o, v) -> o.eventLoops = intIn(v, 1, 1024));
        add("doc-idle-seconds", "unload a document's sequencer after this long unused (default 300)",
                (o, v) -> o.sequencer.setIdleTimeoutMs(Math.multiplyExact((long) intIn(v, 1, 86_400 * 7), 1000L)));
        add("snapshot-every", "write a snapshot every N revisions (default 200)",
                (o, v) -> o.sequencer.setSnapshotEvery(intIn(v, 1, 10_000_000)));
        add("history-window", "revisions kept in memory per document at least (default 128)",
                (o, v) -> o.sequencer.setHistoryWindow(intIn(v, 1, 1_000_000)));
        add("history-seconds", "revisions younger than this are kept in memory too, up to --max-catch-up (default 10; 0: only the window)",
                (o, v) -> o.sequencer.setHistoryKeepMillis(intIn(v, 0, 3600) * 1000L));
        add("max-catch-up", "furthest a client may be behind and still catch up (default 10000)",
                (o, v) -> o.sequencer.setMaxCatchUp(intIn(v, 1, 100_000_000)));
        add("max-document-length", "longest document in code points (default 10000000)", (o, v) -> {
            int n = intIn(v, 1, Integer.MAX_VALUE);
            o.sequencer.setMaxDocumentLength(n);
            o.gateway.setMaxDocumentLength(n);
        });
        add("max-message-bytes", "largest client message (default 1048576)",
                (o, v) -> o.gateway.setMaxMessageBytes(intIn(v, 1024, 64 * 1024 * 1024)));
        add("max-open-documents", "documents one connection may have open (default 100)",
                (o, v) -> o.gateway.setMaxOpenDocuments(intIn(v, 1, 100_000)));
        add("ops-per-second", "operations per second one client may submit, 0 = unlimited (default 2000)",
                (o, v) -> o.gateway.setOpsPerSecond(intIn(v, 0, 10_000_000)));
        add("batch-ms", "longest wait to batch messages into one frame per client (default 5)",
                (o, v) -> o.gateway.setBatchMs(intIn(v, 0, 1000)));
        add("crowd-batch-ms", "longest tick of a document with more than " + dev.tandem.gateway.Channels.CROWD
                + " people on one event loop: its tick grows with them up to this (default 20)",
                (o, v) -> o.gateway.setCrowdBatchMs(intIn(v, 0, 1000)));
        add("request-timeout-ms", "wait for a sequencer's answer before retrying (default 2000)",
                (o, v) -> o.gateway.setRequestTimeoutMs(intIn(v, 100, 600_000)));
        add("cluster", "join a cluster (true/false, default false)", (o, v) -> o.cluster.setEnabled(bool(v)));
        add("cluster-config", "Hazelcast configuration file (default cluster.xml)", (o, v) -> o.cluster.setConfig(v));
        add("cluster-name", "members only join a cluster of the same name (default: the file's, tandem)",
                (o, v) -> o.cluster.setName(v));
        add("cluster-host", "address of this node's event bus for the other nodes (default 127.0.0.1)",
                (o, v) -> o.cluster.setHost(v));
        add("cluster-port", "port of this node's event bus (default 0: any free port)",
                (o, v) -> o.cluster.setPort(intIn(v, 0, 65535)));
        add("redis-url", "Redis for the cluster-wide presence roster and rate limits, e.g. redis://host:6379 "
                + "(unset: embedded; none: no Redis, presence and limits stay per node)", (o, v) -> o.redisUrl = v);
        add("presence-ttl-ms", "a crashed node's users vanish from the roster after this long (default 6000)",
                (o, v) -> o.presenceTtlMs = intIn(v, 500, 3_600_000));
        add("presence-per-second", "presence updates per second one user may send, cluster-wide (default 25: clients send at most 20, plus room for their jitter)",
                (o, v) -> o.presencePerSecond = intIn(v, 0, 100_000));
        add("commit-lanes", "commits in flight at once (default 2)", (o, v) -> o.commitLanes = intIn(v, 1, 64));
        add("commit-max-batch", "most revisions per commit (default 512)",
                (o, v) -> o.commitMaxBatch = intIn(v, 1, 100_000));
        add("metrics", "collect metrics and serve them on /metrics, true or false (default true)",
                (o, v) -> o.metrics = bool(v));
        add("warmup-ops", "operations a starting node runs through its own gateway before /ready says ready, so the "
                + "JVM compiles its hot paths first (default " + DEFAULT_WARMUP_OPS + "; 0: no warm-up)",
                (o, v) -> o.warmUpOps = intIn(v, 0, 10_000_000));
        add("warmup-seconds", "longest the warm-up may take (default " + DEFAULT_WARMUP_SECONDS + ")",
                (o, v) -> o.warmUpSeconds = intIn(v, 1, 600));
    }

    private static void add(String name, String help, BiConsumer<TandemOptions, String> apply) {
        SETTINGS.put(name, new Setting(help, apply));
    }

    /** Reads the environment, then the flags. */
    public static TandemOptions parse(Map<String, String> env, String[] args) {
        TandemOptions o = new TandemOptions();
        for (Map.Entry<String, Setting> s : SETTINGS.entrySet()) {
            String value = env.get(envName(s.getKey()));
            if (value != null) {
                apply(o, s.getKey(), s.getValue(), value, envName(s.getKey()));
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + " (see --help)");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("flag --" + name + " needs a value");
            }
            Setting s = SETTINGS.get(name);
            if (s == null) {
                throw new IllegalArgumentException("unknown flag --" + name + " (see --help)");
            }
            apply(o, name, s, value, "--" + name);
        }
        return o;
    }

    private static void apply(TandemOptions o, String name, Setting s, String value, String source) {
        try {
            s.apply().accept(o, value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": invalid value '" + value + "': " + e.getMessage());
        }
    }

    /** The help text listing every setting with its flag and environment variable. */
    public static String usage() {
        StringBuilder sb = new StringBuilder("Usage: tandem [--flag value]...\n"
                + "Every flag can also be set as an environment variable (flags win).\n\n");
        for (Map.Entry<String, Setting> s : SETTINGS.entrySet()) {
            sb.append(String.format("  --%-22s %-28s %s%n", s.getKey(), envName(s.getKey()), s.getValue().help()));
        }
        return sb.toString();
    }

    static String envName(String flag) {
        return "TANDEM_" + flag.toUpperCase().replace('-', '_');
    }

    private static boolean bool(String v) {
        if (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no")) {
            return false;
        }
        throw new IllegalArgumentException("must be true or false");
    }

    private static int intIn(String v, int min, int max) {
        int n = Integer.parseInt(v);
        if (n < min || n > max) {
            throw new IllegalArgumentException("must be from " + min + " to " + max);
        }
        return n;
    }

    public GatewayOptions gateway() {
        return gateway;
    }

    public SequencerOptions sequencer() {
        return sequencer;
    }

    public StorageOptions storage() {
        return storage;
    }

    public ClusterOptions cluster() {
        return cluster;
    }

    public String nodeId() {
        return nodeId != null ? nodeId : "node-" + gateway.port();
    }

    public TandemOptions setNodeId(String nodeId) {
        this.nodeId = nodeId;
        return this;
    }

    /** The Redis URL; null for an embedded Redis, "none" for no Redis. */
    public String redisUrl() {
        return redisUrl;
    }

    public TandemOptions setRedisUrl(String redisUrl) {
        this.redisUrl = redisUrl;
        return this;
    }

    /**
     * Event-loop threads. Fewer than Vert.x's default (twice the cores): an edit crosses the
     * gateway, its sequencer, the commit lane and the PostgreSQL connection, and every crossing
     * between two loops is a thread wake-up. On two cores one loop acknowledged 10,500 ops/s
     * where four managed 5,500-6,300 (docs/BENCHMARKS.md); the other half of the cores is left to
     * PostgreSQL, Redis and the garbage collector.
     */
    public int eventLoops() {
        return eventLoops > 0 ? eventLoops : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public TandemOptions setEventLoops(int eventLoops) {
        this.eventLoops = eventLoops;
        return this;
    }

    public long presenceTtlMs() {
        return presenceTtlMs;
    }

    public TandemOptions setPresenceTtlMs(long presenceTtlMs) {
        this.presenceTtlMs = presenceTtlMs;
        return this;
    }

    public int presencePerSecond() {
        return presencePerSecond;
    }

    /** Operations of the start-up warm-up; 0: none. */
    public long warmUpOps() {
        return warmUpOps;
    }

    public TandemOptions setWarmUpOps(long warmUpOps) {
        this.warmUpOps = warmUpOps;
        return this;
    }

    /** Longest the start-up warm-up may take. */
    public int warmUpSeconds() {
        return warmUpSeconds;
    }

    public TandemOptions setWarmUpSeconds(int warmUpSeconds) {
        this.warmUpSeconds = warmUpSeconds;
        return this;
    }

    public int commitLanes() {
        return commitLanes;
    }

    public TandemOptions setCommitLanes(int commitLanes) {
        this.commitLanes = commitLanes;
        return this;
    }

    public boolean metrics() {
        return metrics;
    }

    public TandemOptions setMetrics(boolean metrics) {
        this.metrics = metrics;
        return this;
    }

    public int commitMaxBatch() {
        return commitMaxBatch;
    }

    public TandemOptions setCommitMaxBatch(int commitMaxBatch) {
        this.commitMaxBatch = commitMaxBatch;
        return this;
    }
}
