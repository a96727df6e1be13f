package dev.tandem.storage;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Real PostgreSQL for tests: one embedded server per test JVM, started on first use in a fresh
 * temporary directory (with fsync on, as in production), stopped and deleted when the JVM exits.
 * Each caller gets a database of its own, so test classes never see each other's data.
 *
 * <p>The methods block: call them from test threads ({@code @BeforeAll}, {@code @BeforeEach}),
 * never from an event loop.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgresServer server;
    private static Path directory;

    private TestPostgres() {
    }

    /** The shared server, started on first call. */
    public static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            try {
                directory = Files.createTempDirectory("tandem-test-pg-");
                server = EmbeddedPostgresServer.start(directory.resolve("postgres"), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop, "test-postgres-stop"));
        }
        return server;
    }

    /** A new, empty database (no schema) on the shared server. */
    public static PgConnectOptions newDatabase() {
        String name = "test_" + DATABASES.incrementAndGet();
        server().createDatabaseIfMissing(name);
        return server().connectOptions(name);
    }

    /** A new database with Tandem's schema migrated in, and a {@link PgDocumentStore} on it (closing the store closes its pool). */
    public static PgDocumentStore newStore(Vertx vertx) {
        Pool pool = PgDocumentStore.pool(vertx, newDatabase(), 4);
        try {
            Migrations.migrate(pool).await(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            pool.close();
            throw new IllegalStateException("migrating a test database took over 60 s", e);
        }
        return new PgDocumentStore(pool);
    }

    private static synchronized void stop() {
        if (server == null) {
            return;
        }
        server.close();
        // zonky's own shutdown hook may be the one stopping the server: let it finish before deleting.
        Path pid = server.dataDirectory().resolve("postmaster.pid");
        for (int i = 0; i < 100 && Files.exists(pid); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: it is a temporary directory.
        }
    }
}
