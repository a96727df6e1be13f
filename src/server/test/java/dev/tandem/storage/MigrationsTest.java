package dev.tandem.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Schema migrations: each script once, in order, all or nothing, and safe when nodes start together. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MigrationsTest {

    private static Vertx vertx;
    private final List<Pool> pools = new ArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void closePools() throws Exception {
        for (Pool p : pools) {
            p.close().await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theClassPathScriptsApplyOnceAndAreRecorded() {
        Pool pool = pool(TestPostgres.newDatabase());
        int latest = MigrationScripts.latest();
        assertEquals(latest, await(Migrations.migrate(pool)));
        List<Row> first = rows(pool, "SELECT version, description, checksum, applied_at FROM schema_version ORDER BY version");
        assertEquals(latest, first.size());
        assertEquals(1, first.get(0).getInteger("version"));
        assertEquals("schema", first.get(0).getString("description"));
        assertEquals(MigrationScripts.load().get(0).checksum(), first.get(0).getString("checksum"));
        assertEquals(3, rows(pool, "SELECT 1 FROM pg_tables WHERE schemaname = 'public' "
                + "AND tablename IN ('documents', 'revisions', 'snapshots')").size());

        assertEquals(latest, await(Migrations.migrate(pool)), "again: nothing to do");
        List<Row> second = rows(pool, "SELECT applied_at FROM schema_version ORDER BY version");
        assertEquals(latest, second.size());
        assertEquals(first.get(0).getOffsetDateTime("applied_at"), second.get(0).getOffsetDateTime("applied_at"));
    }

    @Test
    void documentsOfAVersionOneDatabaseBecomePlainTextAndKeepTheirHistory() {
        Pool pool = pool(TestPostgres.newDatabase());
        List<Migration> all = MigrationScripts.load();
        assertEquals(1, await(new Migrations(all.subList(0, 1)).apply(pool)));
        rows(pool, "INSERT INTO documents (id) VALUES ('old-notes')");
        rows(pool, "INSERT INTO revisions (doc_id, rev, op, client_id, seq, created_at) "
                + "VALUES ('old-notes', 1, '[\"Hi\"]', 'c-12345678', 1, now())");
        assertEquals(MigrationScripts.latest(), await(Migrations.migrate(pool)));
        PgDocumentStore store = new PgDocumentStore(pool);
        assertEquals(java.util.Optional.of("text"), await(store.documentType("old-notes")));
        dev.tandem.ot.sequencer.LoadedDocument loaded = await(store.load("old-notes")).orElseThrow();
        assertEquals("text", loaded.type().name());
        assertEquals("[\"Hi\"]", loaded.revisionsAfter().get(0).op().toJson());
        assertTrue(await(store.createDocument("new-rich", "text")));
        pools.remove(pool); // closed by the store's owner below
        await(store.close());
    }

    @Test
    void nodesMigratingTogetherApplyEachScriptOnce() {
        PgConnectOptions db = TestPostgres.newDatabase();
        // V1 is slow, so the second node arrives while the first is still at work; V2 is not
        // idempotent, so running it twice would leave two rows (or fail on V1's CREATE TABLE).
        Migrations scripts = new Migrations(List.of(
                new Migration(1, "slow", "CREATE TABLE marks (n integer); SELECT pg_sleep(0.5);"),
                new Migration(2, "mark", "INSERT INTO marks VALUES (2);")));
        List<Future<Integer>> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(scripts.apply(pool(db)));
        }
        for (Future<Integer> node : nodes) {
            assertEquals(2, await(node));
        }
        Pool check = pool(db);
        assertEquals(1, rows(check, "SELECT n FROM marks").size());
        assertEquals(2, rows(check, "SELECT version FROM schema_version").size());
    }

    @Test
    void laterScriptsApplyOnTopWithoutRerunningEarlierOnes() {
        Pool pool = pool(TestPostgres.newDatabase());
        Migration v1 = new Migration(1, "table", "CREATE TABLE t (n integer)");
        assertEquals(1, await(new Migrations(List.of(v1)).apply(pool)));
        Migration v2 = new Migration(2, "row", "INSERT INTO t VALUES (42)");
        assertEquals(2, await(new Migrations(List.of(v1, v2)).apply(pool)), "V1's CREATE TABLE would fail if re-run");
        assertEquals(42, rows(pool, "SELECT n FROM t").get(0).getInteger("n"));
    }

    @Test
    void aFailingScriptRollsBackEveryPendingScript() {
        Pool pool = pool(TestPostgres.newDatabase());
        Migrations broken = new Migrations(List.of(
                new Migration(1, "good", "CREATE TABLE t (n integer)"),
                new Migration(2, "bad", "INSERT INTO no_such_table VALUES (1)")));
        Throwable failure = assertThrows(Throwable.class, () -> broken.apply(pool).await(30, TimeUnit.SECONDS));
        assertFalse(failure instanceof TimeoutException, "failed rather than hung");
        assertTrue(rows(pool, "SELECT 1 FROM pg_tables WHERE tablename IN ('t', 'schema_version')").isEmpty(),
                "nothing of V1 is left, not even schema_version");
    }

    @Test
    void scriptNamesGiveVersionAndDescription() {
        Migration m = Migration.of("V12__add_an_index.sql", "CREATE INDEX ...");
        assertEquals(12, m.version());
        assertEquals("add an index", m.description());
        assertFalse(Migration.isScriptName("V1_schema.sql"));
        assertFalse(Migration.isScriptName("V0__zero.sql"));
        assertFalse(Migration.isScriptName("V1__schema.sql.bak"));
        assertThrows(IllegalArgumentException.class, () -> Migration.of("schema.sql", ""));
        assertEquals(new Migration(1, "a", "x\ny").checksum(), new Migration(1, "a", "x\r\ny").checksum(),
                "line endings do not change the checksum");
    }

    @Test
    void theScriptsMustBeNumberedWithoutGapsOrDuplicates() {
        List<Migration> onClassPath = MigrationScripts.load();
        for (int i = 0; i < onClassPath.size(); i++) {
            assertEquals(i + 1, onClassPath.get(i).version());
        }
        Migration v1 = new Migration(1, "a", "");
        Migration v3 = new Migration(3, "c", "");
        assertThrows(IllegalStateException.class, () -> new Migrations(List.of(v1, v3)));
        assertThrows(IllegalStateException.class, () -> new Migrations(List.of(v1, new Migration(1, "again", ""))));
        assertEquals(List.of(v1, new Migration(2, "b", "")),
                MigrationScripts.checkSequence(List.of(new Migration(2, "b", ""), v1), "test"));
    }

    private Pool pool(PgConnectOptions db) {
        Pool pool = PgDocumentStore.pool(vertx, db, 2);
        pools.add(pool);
        return pool;
    }

    private static List<Row> rows(Pool pool, String sql) {
        List<Row> list = new ArrayList<>();
        await(pool.query(sql).execute()).forEach(list::add);
        return list;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.await(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within 60 s", e);
        }
    }
}
