package dev.tandem.storage;

import dev.tandem.ot.sequencer.ClientSubmission;
import dev.tandem.ot.sequencer.LoadedDocument;
import dev.tandem.ot.sequencer.Snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A node's storage start-up: embedded by default with data kept across restarts, or an external server by URL. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PgStorageTest {

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
    void committedDataSurvivesARestartAndMigrationsAreNotReapplied(@TempDir Path dataDir) {
        StorageOptions options = new StorageOptions().setDataDir(dataDir.toString()).setPoolSize(2);
        Edits e = new Edits("durable-doc");

        PgStorage first = await(PgStorage.start(vertx, options));
        assertEquals(MigrationScripts.latest(), first.schemaVersion());
        EmbeddedPostgresServer server = first.embedded().orElseThrow();
        assertEquals(dataDir.resolve("postgres").toAbsolutePath().normalize(), server.dataDirectory());
        int port = server.port();
        OffsetDateTime migratedAt = migrationTimes(server.connectOptions()).get(0);
        assertTrue(await(first.store().createDocument("durable-doc")));
        await(first.store().append(List.of(e.type("client-1", 1, "kept "), e.type("client-1", 2, "across restarts 👍"))));
        await(first.store().saveSnapshot("durable-doc", 1, e.textAt(1)));
        await(first.close());

        assertFalse(Files.exists(server.dataDirectory().resolve("postmaster.pid")), "the server stopped");
        assertFalse(EmbeddedPostgresServerTest.accepts(port), "nothing listens on the old port");

        PgStorage second = await(PgStorage.start(vertx, options));
        try {
            assertEquals(MigrationScripts.latest(), second.schemaVersion());
            LoadedDocument loaded = await(second.store().load("durable-doc")).orElseThrow();
            assertEquals(new Snapshot("durable-doc", 1, e.textAt(1)), loaded.snapshot());
            assertEquals(e.range(2, 2), loaded.revisionsAfter());
            assertEquals(Optional.of(new ClientSubmission(2, 2)), await(second.store().lastSubmission("durable-doc", "client-1")));
            List<OffsetDateTime> times = migrationTimes(second.embedded().orElseThrow().connectOptions());
            assertEquals(MigrationScripts.latest(), times.size(), "each script recorded once");
            assertTrue(times.stream().allMatch(migratedAt::equals), "all at the first start: " + times);
        } finally {
            await(second.close());
        }
    }

    @Test
    void anExternalServerIsUsedByUrlAndLeftRunning() {
        PgConnectOptions db = TestPostgres.newDatabase();
        String url = "postgresql://" + db.getUser() + "@" + db.getHost() + ":" + db.getPort() + "/" + db.getDatabase();
        PgStorage storage = await(PgStorage.start(vertx, new StorageOptions().setPostgresUrl(url)));
        try {
            assertTrue(storage.embedded().isEmpty());
            assertEquals(MigrationScripts.latest(), storage.schemaVersion());
            assertTrue(await(storage.store().createDocument("external-doc")));
        } finally {
            await(storage.close());
        }
        assertTrue(EmbeddedPostgresServerTest.accepts(db.getPort()), "closing the storage does not stop an external server");
        PgStorage again = await(PgStorage.start(vertx, new StorageOptions().setPostgresUrl(url)));
        try {
            assertTrue(await(again.store().exists("external-doc")));
        } finally {
            await(again.close());
        }
    }

    private static List<OffsetDateTime> migrationTimes(PgConnectOptions db) {
        Pool pool = PgDocumentStore.pool(vertx, db, 1);
        try {
            return await(pool.query("SELECT applied_at FROM schema_version ORDER BY version").execute()
                    .map(rows -> {
                        List<OffsetDateTime> list = new java.util.ArrayList<>();
                        for (Row row : rows) {
                            list.add(row.getOffsetDateTime("applied_at"));
                        }
                        return list;
                    }));
        } finally {
            pool.close();
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.await(120, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within 120 s", e);
        }
    }
}
