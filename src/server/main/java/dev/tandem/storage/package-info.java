/**
 * Persistence: the {@link dev.tandem.storage.DocumentStore} interface (revisions, snapshots,
 * durable dedup), its PostgreSQL implementation, schema migrations, and the embedded PostgreSQL
 * server a single node runs when it is given no external database.
 *
 * <pre>
 *   PgStorage.start(vertx, StorageOptions)
 *     ├─ EmbeddedPostgresServer   (only without postgresUrl; data in &lt;dataDir&gt;/postgres)
 *     │    └─ EmbeddedPostgresSupervisor (restarts it when its postmaster dies)
 *     ├─ Migrations               (db/migration/V*.sql, once each, under an advisory lock)
 *     └─ PgDocumentStore          (the DocumentStore; append = one INSERT ... unnest statement)
 * </pre>
 */
package dev.tandem.storage;
