package dev.tandem.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.Optional;

/**
 * A node's storage, ready to use: PostgreSQL (the embedded server, or an external one by URL),
 * its schema migrated, and the {@link DocumentStore} on it. An embedded server is supervised
 * ({@link EmbeddedPostgresSupervisor}): started again when it dies. An external one is the
 * operator's to run; either way the pool reconnects by itself once the server is back. Closing
 * it releases the connections and stops the embedded server, if this node started one.
 */
public final class PgStorage {

    private final Vertx vertx;
    private final PgDocumentStore store;
    private final PgHistoryStore history;
    private final EmbeddedPostgresServer embedded;
    private final EmbeddedPostgresSupervisor supervisor;
    private final int schemaVersion;

    private PgStorage(Vertx vertx, PgDocumentStore store, EmbeddedPostgresServer embedded,
            EmbeddedPostgresSupervisor supervisor, int schemaVersion) {
        this.vertx = vertx;
        this.store = store;
        this.history = new PgHistoryStore(store.pool(), dev.tandem.ot.types.StandardTypes.registry());
        this.embedded = embedded;
        this.supervisor = supervisor;
        this.schemaVersion = schemaVersion;
    }

    /** Starts the embedded server if {@code options} name no external one, connects, and migrates. */
    public static Future<PgStorage> start(Vertx vertx, StorageOptions options) {
        Future<EmbeddedPostgresServer> server = options.isEmbedded()
                ? EmbeddedPostgresServer.start(vertx, options.postgresDataDir(), options.getEmbeddedPort())
                : Future.succeededFuture();
        return server.compose(srv -> {
            PgConnectOptions connect;
            try {
                connect = srv != null ? srv.connectOptions() : PgConnectOptions.fromUri(options.getPostgresUrl());
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(new IllegalArgumentException("bad PostgreSQL URL in " + options, e));
            }
            Pool pool = PgDocumentStore.pool(vertx, connect, options.getPoolSize());
            return Migrations.migrate(pool)
                    .map(version -> new PgStorage(vertx, new PgDocumentStore(pool), srv, srv == null ? null
                            : new EmbeddedPostgresSupervisor(vertx, srv, options.getEmbeddedRestartDelayMs()).start(),
                            version))
                    .recover(err -> pool.close()
                            .eventually(() -> stopEmbedded(vertx, srv))
                            .transform(closed -> Future.failedFuture(err)));
        });
    }

    public DocumentStore store() {
        return store;
    }

    /** Named versions, authors, the timeline and compaction, on the same connections as {@link #store()}. */
    public HistoryStore history() {
        return history;
    }

    /** The schema version the database is at. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The embedded server, when this node runs one. */
    public Optional<EmbeddedPostgresServer> embedded() {
        return Optional.ofNullable(embedded);
    }

    /** What restarts the embedded server when it dies, when this node runs one. */
    public Optional<EmbeddedPostgresSupervisor> supervisor() {
        return Optional.ofNullable(supervisor);
    }

    /** Stops supervising, closes the connections, then stops the embedded server if any. */
    public Future<Void> close() {
        Future<Void> unsupervised = supervisor == null ? Future.succeededFuture() : supervisor.close();
        return unsupervised.eventually(store::close).eventually(() -> stopEmbedded(vertx, embedded));
    }

    private static Future<Void> stopEmbedded(Vertx vertx, EmbeddedPostgresServer server) {
        return server == null ? Future.succeededFuture() : server.close(vertx);
    }
}
