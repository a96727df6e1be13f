package dev.tandem.server;

import dev.tandem.access.AccessOptions;
import dev.tandem.cluster.ClusterOptions;
import dev.tandem.gateway.Channels;
import dev.tandem.gateway.GatewayOptions;
import dev.tandem.history.HistoryOptions;
import dev.tandem.sequencer.SequencerOptions;
import dev.tandem.storage.StorageOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Everything a node is configured with, read once at start-up from environment variables
 * ({@code TANDEM_HTTP_PORT}) and command-line flags ({@code --http-port 8080}; flags win).
 * Each setting has one name, documented in README.md and by {@code --help}.
 *
 * <p>picocli parses: each setting is an {@code @Option} setter that checks its range, and the
 * environment is its default-value provider ({@code --http-port} defaults to
 * {@code TANDEM_HTTP_PORT}). A refused value is named by where it came from, flag or variable.
 */
@Command(name = "tandem", usageHelpWidth = 120, customSynopsis = "tandem [--flag value]...  (--help: this list)",
        footer = "%nEvery flag can also be set as an environment variable (flags win).")
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
    private final HistoryOptions history = new HistoryOptions();
    private final AccessOptions access = new AccessOptions();
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

    @Spec
    private CommandSpec spec;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "HTTP port for WebSocket, SockJS, REST and the editor (default 8080)")
    void httpPort(int v) {
        gateway.setPort(in("--http-port", v, 0, 65535));
    }

    @Option(names = "--http-host", paramLabel = "HOST", description = "interface to listen on (default 127.0.0.1; 0.0.0.0 for all)")
    void httpHost(String v) {
        gateway.setHost(v);
    }

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the embedded PostgreSQL keeps its data (default ./data)")
    void dataDir(String v) {
        storage.setDataDir(v);
    }

    @Option(names = "--pg-url", paramLabel = "URL",
            description = "external PostgreSQL, e.g. postgresql://user:pass@host:5432/db (unset: embedded)")
    void pgUrl(String v) {
        storage.setPostgresUrl(v.isBlank() ? null : v);
    }

    @Option(names = "--pg-pool-size", paramLabel = "N", description = "PostgreSQL connections (default 4)")
    void pgPoolSize(int v) {
        storage.setPoolSize(in("--pg-pool-size", v, 1, 1000));
    }

    @Option(names = "--node-id", paramLabel = "NAME", description = "this node's name in logs, metrics and owner answers (default node-<port>)")
    void nodeId(String v) {
        nodeId = v;
    }

    @Option(names = "--public-ws-url", paramLabel = "URL",
            description = "WebSocket URL clients should use for this node (default ws://<host>:<port>/ws)")
    void publicWsUrl(String v) {
        gateway.setPublicWsUrl(v);
    }

    @Option(names = "--webroot", paramLabel = "DIR", description = "folder of the browser editor (default webroot)")
    void webroot(String v) {
        gateway.setWebroot(v);
    }

    @Option(names = "--sdk", paramLabel = "DIR",
            description = "folder of the JavaScript SDK package, served at /sdk/ (default clients/js)")
    void sdk(String v) {
        gateway.setSdk(v);
    }

    @Option(names = "--gateway-instances", paramLabel = "N", description = "HTTP server instances (default: one per event loop)")
    void gatewayInstances(int v) {
        gateway.setInstances(in("--gateway-instances", v, 1, 256));
    }

    @Option(names = "--event-loops", paramLabel = "N", description = "event-loop threads (default: half the cores, at least 1)")
    void eventLoops(int v) {
        eventLoops = in("--event-loops", v, 1, 1024);
    }

    @Option(names = "--doc-idle-seconds", paramLabel = "S", description = "unload a document's sequencer after this long unused (default 300)")
    void docIdleSeconds(int v) {
        sequencer.setIdleTimeoutMs(in("--doc-idle-seconds", v, 1, 86_400 * 7) * 1000L);
    }

    @Option(names = "--snapshot-every", paramLabel = "N", description = "write a snapshot every N revisions (default 200)")
    void snapshotEvery(int v) {
        sequencer.setSnapshotEvery(in("--snapshot-every", v, 1, 10_000_000));
    }

    @Option(names = "--history-window", paramLabel = "N", description = "revisions kept in memory per document at least (default 128)")
    void historyWindow(int v) {
        sequencer.setHistoryWindow(in("--history-window", v, 1, 1_000_000));
    }

    @Option(names = "--history-seconds", paramLabel = "S",
            description = "revisions younger than this are kept in memory too, up to --max-catch-up (default 10; 0: only the window)")
    void historySeconds(int v) {
        sequencer.setHistoryKeepMillis(in("--history-seconds", v, 0, 3600) * 1000L);
    }

    @Option(names = "--max-catch-up", paramLabel = "N", description = "furthest a client may be behind and still catch up (default 10000)")
    void maxCatchUp(int v) {
        sequencer.setMaxCatchUp(in("--max-catch-up", v, 1, 100_000_000));
    }

    @Option(names = "--max-document-length", paramLabel = "N", description = "longest document in code points (default 10000000)")
    void maxDocumentLength(int v) {
        in("--max-document-length", v, 1, Integer.MAX_VALUE);
        sequencer.setMaxDocumentLength(v);
        gateway.setMaxDocumentLength(v);
    }

    @Option(names = "--max-message-bytes", paramLabel = "N", description = "largest client message (default 1048576)")
    void maxMessageBytes(int v) {
        gateway.setMaxMessageBytes(in("--max-message-bytes", v, 1024, 64 * 1024 * 1024));
    }

    @Option(names = "--max-open-documents", paramLabel = "N", description = "documents one connection may have open (default 100)")
    void maxOpenDocuments(int v) {
        gateway.setMaxOpenDocuments(in("--max-open-documents", v, 1, 100_000));
    }

    @Option(names = "--ops-per-second", paramLabel = "N",
            description = "operations per second one client may submit, 0 = unlimited (default 2000)")
    void opsPerSecond(int v) {
        gateway.setOpsPerSecond(in("--ops-per-second", v, 0, 10_000_000));
    }

    @Option(names = "--batch-ms", paramLabel = "MS", description = "longest wait to batch messages into one frame per client (default 5)")
    void batchMs(int v) {
        gateway.setBatchMs(in("--batch-ms", v, 0, 1000));
    }

    @Option(names = "--crowd-batch-ms", paramLabel = "MS", description = "longest tick of a document with more than "
            + Channels.CROWD + " people on one event loop: its tick grows with them up to this (default 20)")
    void crowdBatchMs(int v) {
        gateway.setCrowdBatchMs(in("--crowd-batch-ms", v, 0, 1000));
    }

    @Option(names = "--request-timeout-ms", paramLabel = "MS", description = "wait for a sequencer's answer before retrying (default 2000)")
    void requestTimeoutMs(int v) {
        gateway.setRequestTimeoutMs(in("--request-timeout-ms", v, 100, 600_000));
    }

    @Option(names = "--cluster", paramLabel = "BOOL", arity = "1", description = "join a cluster (true/false, default false)")
    void cluster(boolean v) {
        cluster.setEnabled(v);
    }

    @Option(names = "--cluster-config", paramLabel = "FILE", description = "Hazelcast configuration file (default cluster.xml)")
    void clusterConfig(String v) {
        cluster.setConfig(v);
    }

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "members only join a cluster of the same name (default: the file's, tandem)")
    void clusterName(String v) {
        cluster.setName(v);
    }

    @Option(names = "--cluster-host", paramLabel = "HOST", description = "address of this node's event bus for the other nodes (default 127.0.0.1)")
    void clusterHost(String v) {
        cluster.setHost(v);
    }

    @Option(names = "--cluster-port", paramLabel = "PORT", description = "port of this node's event bus (default 0: any free port)")
    void clusterPort(int v) {
        cluster.setPort(in("--cluster-port", v, 0, 65535));
    }

    @Option(names = "--redis-url", paramLabel = "URL", description = "Redis for the cluster-wide presence roster and rate limits, e.g. "
            + "redis://host:6379 (unset: embedded; none: no Redis, presence and limits stay per node)")
    void redisUrl(String v) {
        redisUrl = v;
    }

    @Option(names = "--presence-ttl-ms", paramLabel = "MS", description = "a crashed node's users vanish from the roster after this long (default 6000)")
    void presenceTtlMs(int v) {
        presenceTtlMs = in("--presence-ttl-ms", v, 500, 3_600_000);
    }

    @Option(names = "--presence-per-second", paramLabel = "N", description = "presence updates per second one user may send, "
            + "cluster-wide (default 25: clients send at most 20, plus room for their jitter)")
    void presencePerSecond(int v) {
        presencePerSecond = in("--presence-per-second", v, 0, 100_000);
        gateway.setPresencePerSecond(presencePerSecond);
    }

    @Option(names = "--jwt-secret", paramLabel = "SECRET", description = "HMAC secret (32+ bytes) that verifies HS256/384/512 "
            + "access tokens; setting any key turns open mode off (default unset)")
    void jwtSecret(String v) {
        try {
            access.setJwtSecret(v.isBlank() ? null : v);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), spec.findOption("--jwt-secret"), "(hidden)");
        }
    }

    @Option(names = "--jwt-public-key", paramLabel = "FILES", description = "PEM files (comma-separated) of RSA or EC public "
            + "keys that verify RS*/ES* access tokens (default unset)")
    void jwtPublicKey(String v) {
        for (String f : v.split(",")) {
            if (!f.isBlank()) {
                access.addPublicKeyFile(f.trim());
            }
        }
    }

    @Option(names = "--jwks-file", paramLabel = "FILE", description = "JSON Web Key Set file whose keys verify access tokens (default unset)")
    void jwksFile(String v) {
        access.setJwksFile(v.isBlank() ? null : v);
    }

    @Option(names = "--jwt-issuer", paramLabel = "ISS", description = "if set, tokens must carry this iss (default unset)")
    void jwtIssuer(String v) {
        access.setIssuer(v.isBlank() ? null : v);
    }

    @Option(names = "--jwt-audience", paramLabel = "AUD", description = "if set, tokens must list this aud (default unset)")
    void jwtAudience(String v) {
        access.setAudience(v.isBlank() ? null : v);
    }

    @Option(names = "--allowed-origins", paramLabel = "LIST", description = "browser origins besides the node's own that may "
            + "use WebSocket, SockJS and REST, comma-separated, e.g. https://app.example.com; * for any (default: none)")
    void allowedOrigins(String v) {
        List<String> list = new ArrayList<>();
        for (String o : v.split(",")) {
            if (!o.isBlank()) {
                list.add(o.trim());
            }
        }
        access.setAllowedOrigins(list);
    }

    @Option(names = "--max-connections-per-ip", paramLabel = "N", description = "open connections one client address may "
            + "have; 0: no limit (default 256)")
    void maxConnectionsPerIp(int v) {
        gateway.setMaxConnectionsPerIp(in("--max-connections-per-ip", v, 0, 10_000_000));
    }

    @Option(names = "--connection-limit-exempt", paramLabel = "LIST", description = "addresses not counted per address: "
            + "loopback, none, or a comma-separated list (default loopback: a proxy on the same host shows clients as one)")
    void connectionLimitExempt(String v) {
        gateway.setConnectionLimitExempt(v);
    }

    @Option(names = "--hello-timeout-ms", paramLabel = "MS", description = "close connections that send no hello within this "
            + "long; 0: never (default 10000)")
    void helloTimeoutMs(int v) {
        gateway.setHelloTimeoutMs(in("--hello-timeout-ms", v, 0, 3_600_000));
    }

    @Option(names = "--max-operation-bytes", paramLabel = "N", description = "longest operation, as JSON (default 262144)")
    void maxOperationBytes(int v) {
        gateway.setMaxOperationBytes(in("--max-operation-bytes", v, 16, 64 * 1024 * 1024));
    }

    @Option(names = "--max-messages-per-second", paramLabel = "N", description = "messages one connection may send in a "
            + "second before it is closed as a flood; 0: no limit (default 5000)")
    void maxMessagesPerSecond(int v) {
        gateway.setMaxMessagesPerSecond(in("--max-messages-per-second", v, 0, 10_000_000));
    }

    @Option(names = "--commit-lanes", paramLabel = "N", description = "commits in flight at once (default 2)")
    void commitLanes(int v) {
        commitLanes = in("--commit-lanes", v, 1, 64);
    }

    @Option(names = "--commit-max-batch", paramLabel = "N", description = "most revisions per commit (default 512)")
    void commitMaxBatch(int v) {
        commitMaxBatch = in("--commit-max-batch", v, 1, 100_000);
    }

    @Option(names = "--metrics", paramLabel = "BOOL", arity = "1",
            description = "collect metrics and serve them on /metrics, true or false (default true)")
    void metrics(boolean v) {
        metrics = v;
    }

    @Option(names = "--warmup-ops", paramLabel = "N",
            description = "operations a starting node runs through its own gateway before /ready says ready, so the "
                    + "JVM compiles its hot paths first (default 20000; 0: no warm-up)")
    void warmUpOps(int v) {
        warmUpOps = in("--warmup-ops", v, 0, 10_000_000);
    }

    @Option(names = "--warmup-seconds", paramLabel = "SECONDS", description = "longest the warm-up may take (default 15)")
    void warmUpSecondsOption(int v) {
        warmUpSeconds = in("--warmup-seconds", v, 1, 600);
    }

    @Option(names = "--history-retention-hours", paramLabel = "H",
            description = "revisions younger than this are kept one by one; older ones are compacted (default 720: 30 days)")
    void historyRetentionHours(int v) {
        history.setRetentionMillis(in("--history-retention-hours", v, 0, 24 * 365 * 100) * 3_600_000L);
    }

    @Option(names = "--compaction", paramLabel = "BOOL", arity = "1",
            description = "compact old history in the background, true or false (default true; one node of a cluster at a time)")
    void compaction(boolean v) {
        history.setCompaction(v);
    }

    @Option(names = "--compaction-run-seconds", paramLabel = "S",
            description = "compaction joins one author's consecutive revisions made within this span (default 60)")
    void compactionRunSeconds(int v) {
        history.setRunMillis(in("--compaction-run-seconds", v, 0, 86_400) * 1000L);
    }

    @Option(names = "--compaction-snapshot-spacing", paramLabel = "N",
            description = "compacted history keeps one snapshot per N revisions; 0 keeps them all (default 10000)")
    void compactionSnapshotSpacing(int v) {
        history.setSnapshotSpacing(in("--compaction-snapshot-spacing", v, 0, 100_000_000));
    }

    @Option(names = "--compaction-batch-rows", paramLabel = "N", description = "revision rows one compaction batch reads and rewrites (default 2000)")
    void compactionBatchRows(int v) {
        history.setBatchRows(in("--compaction-batch-rows", v, 2, 1_000_000));
    }

    @Option(names = "--compaction-pause-ms", paramLabel = "MS", description = "pause between compaction batches (default 200)")
    void compactionPauseMs(int v) {
        history.setPauseMillis(in("--compaction-pause-ms", v, 1, 3_600_000));
    }

    @Option(names = "--compaction-interval-seconds", paramLabel = "S",
            description = "look for history to compact again this long after a sweep found none (default 60)")
    void compactionIntervalSeconds(int v) {
        history.setIntervalMillis(in("--compaction-interval-seconds", v, 1, 86_400) * 1000L);
    }

    /** Reads the environment, then the flags. */
    public static TandemOptions parse(Map<String, String> env, String[] args) {
        TandemOptions o = new TandemOptions();
        CommandLine cl = commandLine(o, env);
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            throw refused(e, env);
        }
        return o;
    }

    /** The help text listing every setting with its flag and environment variable. */
    public static String usage() {
        StringWriter out = new StringWriter();
        commandLine(new TandemOptions(), Map.of()).usage(new PrintWriter(out), Help.Ansi.OFF);
        return out.toString();
    }

    private static CommandLine commandLine(TandemOptions o, Map<String, String> env) {
        CommandLine cl = new CommandLine(o)
                .registerConverter(Boolean.class, TandemOptions::bool)
                .registerConverter(boolean.class, TandemOptions::bool)
                .setDefaultValueProvider(arg -> arg instanceof OptionSpec opt ? trimmed(env.get(envName(opt))) : null);
        // The options list, by name, gets a column for the environment variable of each flag.
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> {
            Help.TextTable table = Help.TextTable.forColumns(help.colorScheme(),
                    new Help.Column(34, 2, Help.Column.Overflow.SPAN),
                    new Help.Column(37, 1, Help.Column.Overflow.SPAN),
                    new Help.Column(49, 1, Help.Column.Overflow.WRAP));
            List<OptionSpec> byName = new ArrayList<>(help.commandSpec().options());
            byName.sort(Comparator.comparing(OptionSpec::longestName));
            for (OptionSpec opt : byName) {
                table.addRowValues(opt.longestName() + " " + opt.paramLabel(), envName(opt), String.join(" ", opt.description()));
            }
            return table.toString();
        });
        return cl;
    }

    /**
     * A refused value as the node reports it: {@code --batch-ms: invalid value 'x': ...}, or the
     * variable's name when the value came from the environment (applied before the flags).
     */
    private static IllegalArgumentException refused(ParameterException e, Map<String, String> env) {
        if (e.getArgSpec() instanceof OptionSpec opt && e.getValue() != null) {
            String fromEnv = trimmed(env.get(envName(opt)));
            String source = e.getValue().equals(fromEnv) ? envName(opt) : opt.longestName();
            String reason = e.getCause() instanceof TypeConversionException t ? t.getMessage() : e.getMessage();
            return new IllegalArgumentException(source + ": invalid value '" + e.getValue() + "': " + reason, e);
        }
        String hint = e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                ? " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)" : " (see --help)";
        return new IllegalArgumentException(e.getMessage() + hint, e);
    }

    private int in(String flag, int v, int min, int max) {
        if (v < min || v > max) {
            throw new ParameterException(spec.commandLine(), "must be from " + min + " to " + max,
                    spec.findOption(flag), String.valueOf(v));
        }
        return v;
    }

    static String envName(OptionSpec opt) {
        return "TANDEM_" + opt.longestName().substring(2).toUpperCase().replace('-', '_');
    }

    private static String trimmed(String v) {
        return v == null ? null : v.trim();
    }

    private static boolean bool(String v) {
        if (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no")) {
            return false;
        }
        throw new TypeConversionException("must be true or false");
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

    /** History retention and the background compaction. */
    public HistoryOptions history() {
        return history;
    }

    /** Access tokens' keys and allowed origins; no key: open mode. */
    public AccessOptions access() {
        return access;
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
