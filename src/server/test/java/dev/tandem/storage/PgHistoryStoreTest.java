package dev.tandem.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL history store against a real (embedded) PostgreSQL: the contract, and the lock between nodes. */
class PgHistoryStoreTest extends HistoryStoreContract {
    private static Vertx vertx;
    private static Pool pool;
    private static PgDocumentStore store;
    private static PgHistoryStore history;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        PgConnectOptions db = TestPostgres.newDatabase();
        pool = PgDocumentStore.pool(vertx, db, 4);
        Migrations.migrate(pool).await(60, TimeUnit.SECONDS);
        store = new PgDocumentStore(pool);
        history = new PgHistoryStore(pool, dev.tandem.ot.types.StandardTypes.registry());
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close().await(30, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    @Override
    protected DocumentStore store() {
        return store;
    }

    @Override
    protected HistoryStore history() {
        return history;
    }

    /** Another node (here: a transaction holding the same advisory lock) compacting means this one does nothing. */
    @Test
    void whileAnotherNodeCompactsABatchIsBusyAndChangesNothing() throws Exception {
        String id = created("busy");
        Edits e = new Edits(id);
        for (int i = 1; i <= 6; i++) {
            e.type("client-a", i, "b");
        }
        await(store.append(e.revisions()));
        await(store.saveSnapshot(id, 6, e.textAt(6)));
        SqlConnection other = await(pool.getConnection());
        try {
            await(other.query("BEGIN").execute());
            assertTrue(await(other.preparedQuery(HistorySql.COMPACTION_LOCK).execute(Tuple.of(PgHistoryStore.COMPACTION_LOCK_KEY)))
                    .iterator().next().getBoolean("locked"));
            CompactionResult r = await(history.compact(id, new CompactionPolicy(0, 60_000, 100), Instant.now()));
            assertTrue(r.busy(), r.toString());
            assertEquals(6, await(history.entries(id, 1, 10, 10)).size());
            await(other.query("COMMIT").execute());
        } finally {
            other.close();
        }
        CompactionResult r = await(history.compact(id, new CompactionPolicy(0, 60_000, 100), Instant.now()));
        assertEquals(5, r.rowsRemoved(), "the lock is free again: " + r);
    }
}
