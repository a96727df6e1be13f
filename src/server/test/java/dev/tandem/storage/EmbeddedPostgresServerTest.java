package dev.tandem.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server: durable settings, loopback only, one owner per data directory, and it survives a killed JVM. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EmbeddedPostgresServerTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void commitsAreDurableAndOnlyLoopbackListens() throws Exception {
        EmbeddedPostgresServer server = TestPostgres.server();
        SqlClient client = PgBuilder.client().connectingTo(server.connectOptions()).using(vertx).build();
        try {
            // zonky starts postgres with -F (fsync off) and synchronous_commit=off: both must be overridden.
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                assertEquals("on", show(client, setting), setting);
            }
            assertEquals("127.0.0.1", show(client, "listen_addresses"));
            assertEquals("UTF8", show(client, "server_encoding"));
        } finally {
            client.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondServerCannotTakeARunningServersDirectory(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dir.resolve("pg"), 0)) {
            IOException e = assertThrows(IOException.class, () -> EmbeddedPostgresServer.start(dir.resolve("pg"), 0));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertTrue(accepts(first.port()), "the first server still runs");
        }
    }

    @Test
    void aPostgresOrphanedByAKilledJvmIsStoppedAndItsDataKept(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        // Another JVM starts a server and commits a document, then dies by SIGKILL: no shutdown hook runs.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerThenHang.class.getName(), data.toString())
                .redirectErrorStream(true)
                .start();
        int port;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            port = readPort(out);
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(child.isAlive());
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        Optional<ProcessHandle> orphan = ProcessHandle.of(orphanPid);
        assertTrue(orphan.isPresent() && orphan.get().isAlive(), "postgres outlived its JVM");
        assertTrue(accepts(port));

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            assertFalse(orphan.get().isAlive(), "the orphan was stopped");
            Pool pool = PgDocumentStore.pool(vertx, server.connectOptions(), 1);
            PgDocumentStore store = new PgDocumentStore(pool);
            try {
                assertEquals(MigrationScripts.latest(), Migrations.migrate(pool).await(30, TimeUnit.SECONDS));
                assertTrue(store.exists("committed-before-kill").await(30, TimeUnit.SECONDS));
            } finally {
                store.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aKilledPostmasterIsRestartedBySupervisionOnTheSameDirectoryAndPortWithItsData(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pg"), 0)) {
            Pool pool = PgDocumentStore.pool(vertx, server.connectOptions(), 1);
            PgDocumentStore store = new PgDocumentStore(pool);
            EmbeddedPostgresSupervisor supervisor = new EmbeddedPostgresSupervisor(vertx, server, 0).start();
            try {
                Migrations.migrate(pool).await(60, TimeUnit.SECONDS);
                store.createDocument("committed-before-kill").await(30, TimeUnit.SECONDS);
                long pid = server.pid();
                int port = server.port();
                assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (supervisor.restarts() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(1, supervisor.restarts(), "restarted by the supervisor");
                assertTrue(supervisor.up());
                assertTrue(server.running());
                assertTrue(server.pid() != pid, "a new postmaster");
                assertEquals(port, server.port());
                // The pool reconnects by itself; the data committed before the kill is there.
                assertTrue(store.exists("committed-before-kill").await(30, TimeUnit.SECONDS));
                assertTrue(Files.exists(server.logFile()), "the restarted server logs to " + server.logFile());
            } finally {
                supervisor.close().await(30, TimeUnit.SECONDS);
                store.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int readPort(BufferedReader out) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                return Integer.parseInt(line.substring(6).trim());
            }
        }
        throw new AssertionError("the child JVM ended before its server was ready");
    }

    private static String show(SqlClient client, String setting) throws Exception {
        // SHOW takes no parameters; the names above are constants.
        return client.query("SHOW " + setting).execute().await(10, TimeUnit.SECONDS).iterator().next().getString(0);
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Run in a child JVM: starts a server on {@code args[0]}, commits a document, says READY, then waits to be killed. */
    public static final class ServerThenHang {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
            Vertx vertx = Vertx.vertx();
            Pool pool = PgDocumentStore.pool(vertx, server.connectOptions(), 1);
            Migrations.migrate(pool).await(60, TimeUnit.SECONDS);
            new PgDocumentStore(pool).createDocument("committed-before-kill").await(60, TimeUnit.SECONDS);
            System.out.println("READY " + server.port());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
