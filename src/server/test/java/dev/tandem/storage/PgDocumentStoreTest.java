package dev.tandem.storage;

import dev.tandem.ot.DocumentTypes;

import dev.tandem.ot.sequencer.LoadedDocument;
import dev.tandem.ot.sequencer.RevisionRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.text.TextOperation;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store against a real (embedded) PostgreSQL: the contract, plus what only this backend can show. */
class PgDocumentStoreTest extends DocumentStoreContract {

    private static Vertx vertx;
    private static Pool pool;
    private static PgDocumentStore store;
    /** Reads across load pages already at 3 revisions. */
    private static PgDocumentStore smallPages;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        PgConnectOptions db = TestPostgres.newDatabase();
        pool = PgDocumentStore.pool(vertx, db, 4);
        assertEquals(MigrationScripts.latest(), Migrations.migrate(pool).await(60, TimeUnit.SECONDS));
        store = new PgDocumentStore(pool);
        smallPages = new PgDocumentStore(PgDocumentStore.pool(vertx, db, 1), dev.tandem.ot.types.StandardTypes.registry(), 3);
    }

    @AfterAll
    static void stop() throws Exception {
        if (smallPages != null) {
            smallPages.close().await(30, TimeUnit.SECONDS);
        }
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

    @Test
    void loadReadsEveryPageOfRevisionsAfterTheSnapshot() {
        String id = created("pages");
        Edits e = new Edits(id);
        for (int i = 1; i <= 11; i++) {
            e.type("client-1", i, "p" + i);
        }
        await(store.append(e.revisions()));
        LoadedDocument all = await(smallPages.load(id)).orElseThrow();
        assertEquals(e.revisions(), all.revisionsAfter(), "11 revisions over pages of 3");

        await(store.saveSnapshot(id, 5, e.textAt(5)));
        LoadedDocument after = await(smallPages.load(id)).orElseThrow();
        assertEquals(e.range(6, 11), after.revisionsAfter(), "6 revisions, exactly two full pages");
    }

    @Test
    void loadRefusesAHistoryWithAGap() {
        String id = created("gap");
        Edits e = new Edits(id);
        RevisionRecord r1 = e.type("client-1", 1, "a");
        e.type("client-1", 2, "b");
        RevisionRecord r3 = e.type("client-1", 3, "c");
        await(store.append(List.of(r1, r3)));
        Throwable t = failureOf(store.load(id));
        assertInstanceOf(IllegalStateException.class, t);
        assertTrue(t.getMessage().contains("revision 2 is missing"), t.getMessage());
    }

    @Test
    void operationsAreStoredInTheCompactWireForm() {
        String id = created("wire");
        Edits e = new Edits(id);
        e.type("client-1", 1, "Hello world");
        e.edit("client-1", 2, 5, 6, "👋");
        await(store.append(e.revisions()));
        List<String> ops = new ArrayList<>();
        for (Row row : await(pool.preparedQuery("SELECT op FROM revisions WHERE doc_id = $1 ORDER BY rev")
                .execute(Tuple.of(id)))) {
            ops.add(row.getString("op"));
        }
        assertEquals(List.of("[\"Hello world\"]", "[5,\"👋\",-6]"), ops);
    }

    @Test
    void appendToAnUnknownDocumentIsAnIllegalArgument() {
        Edits e = new Edits(newId("ghost"));
        Throwable t = failureOf(store.append(List.of(e.type("client-1", 1, "boo"))));
        assertInstanceOf(IllegalArgumentException.class, t);
    }

    @Test
    void invalidRecordsAreRefusedBeforeReachingTheDatabase() {
        String id = created("invalid");
        TextOperation op = TextOperation.splice(0, 0, 0, "x");
        assertInstanceOf(IllegalArgumentException.class,
                failureOf(store.append(List.of(new RevisionRecord(id, 0, op, "client-1", 1, 0)))));
        assertInstanceOf(IllegalArgumentException.class,
                failureOf(store.append(List.of(new RevisionRecord(id, 1, op, null, 1, 0)))));
        assertInstanceOf(IllegalArgumentException.class, failureOf(store.revisions(id, 1, 2, -1)));
        assertInstanceOf(IllegalArgumentException.class, failureOf(store.listDocuments(null, -1)));
    }

    @Test
    void anUnreachableDatabaseIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        PgConnectOptions nowhere = TestPostgres.server().connectOptions().setPort(closedPort);
        PgDocumentStore dead = PgDocumentStore.create(vertx, nowhere, 1, dev.tandem.ot.types.StandardTypes.registry());
        try {
            Edits e = new Edits("doc-1");
            for (Throwable t : List.of(failureOf(dead.append(List.of(e.type("client-1", 1, "x")))),
                    failureOf(dead.load("doc-1")), failureOf(dead.createDocument("doc-1")))) {
                StorageException se = assertInstanceOf(StorageException.class, t);
                assertEquals(StorageException.Code.UNAVAILABLE, se.code());
            }
        } finally {
            dead.close().await(10, TimeUnit.SECONDS);
        }
    }
}
