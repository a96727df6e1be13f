package dev.tandem.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to date at start-up: applies each pending script of
 * {@code db/migration} once, in version order, and records it in {@code schema_version}.
 *
 * <p>Everything happens in one transaction that first takes a transaction-scoped advisory
 * lock, so nodes starting together against one database queue up instead of racing: the first
 * applies the scripts, the others then find nothing left to do. A failing script rolls back
 * with everything else, leaving the schema as it was.
 */
public final class Migrations {

    /** Advisory lock key shared by every Tandem node ("tandemDB" in ASCII). */
    static final long LOCK_KEY = 0x74616e64656d4442L;

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private final List<Migration> scripts;

    public Migrations(List<Migration> scripts) {
        this.scripts = MigrationScripts.checkSequence(scripts, "the given list");
    }

    /**
     * Applies the class path's scripts to the database of {@code pool}.
     *
     * @return the schema version the database is at afterwards
     */
    public static Future<Integer> migrate(Pool pool) {
        // Reading the scripts touches the file system or a jar: keep it off the event loop.
        Context context = Vertx.currentContext();
        Future<List<Migration>> scripts = context == null
                ? Future.succeededFuture(MigrationScripts.load())
                : context.executeBlocking(MigrationScripts::load);
        return scripts.compose(list -> new Migrations(list).apply(pool));
    }

    /** Applies the pending scripts of this list; see {@link #migrate(Pool)}. */
    public Future<Integer> apply(Pool pool) {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(LOCK_KEY))
                .compose(locked -> conn.query("SELECT to_regclass('schema_version') IS NOT NULL AS present").execute())
                .compose(rows -> rows.iterator().next().getBoolean("present")
                        ? Future.succeededFuture()
                        : conn.query(Sql.CREATE_SCHEMA_VERSION).execute().mapEmpty())
                .compose(created -> conn.query("SELECT version, checksum FROM schema_version ORDER BY version").execute())
                .compose(rows -> {
                    Map<Integer, String> applied = new HashMap<>();
                    for (Row row : rows) {
                        applied.put(row.getInteger("version"), row.getString("checksum"));
                    }
                    return applyPending(conn, applied);
                }));
    }

    private Future<Integer> applyPending(SqlConnection conn, Map<Integer, String> applied) {
        int current = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        Future<Integer> chain = Future.succeededFuture(current);
        for (Migration m : scripts) {
            String checksum = applied.get(m.version());
            if (checksum == null) {
                chain = chain.compose(v -> applyOne(conn, m));
            } else if (!checksum.equals(m.checksum())) {
                // An edited script is not re-run; say so loudly, it means the schema may differ from the scripts.
                LOG.warn("migration V{} ({}) changed after it was applied (checksum {} in the database, {} now)",
                        m.version(), m.description(), checksum, m.checksum());
            }
        }
        if (current > scripts.size()) {
            LOG.warn("database schema is at version {}, newer than this node's {}", current, scripts.size());
        }
        return chain.map(last -> Math.max(last, current));
    }

    private static Future<Integer> applyOne(SqlConnection conn, Migration m) {
        // A simple query: a script may hold several statements.
        return conn.query(m.sql()).execute()
                .compose(done -> conn.preparedQuery(
                                "INSERT INTO schema_version (version, description, checksum) VALUES ($1, $2, $3)")
                        .execute(Tuple.of(m.version(), m.description(), m.checksum())))
                .map(recorded -> {
                    LOG.info("applied migration V{} ({})", m.version(), m.description());
                    return m.version();
                });
    }
}
