package dev.tandem.storage;

import dev.tandem.ot.sequencer.RevisionRecord;
import dev.tandem.ot.text.TextOperation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Measures the group-commit hot path, {@link PgDocumentStore#append}, against the embedded
 * PostgreSQL with fsync on: the latency of one append (one statement, one commit) for batches
 * of 1, 10 and 100 rows, then the throughput with the pool's connections all busy.
 *
 * <p>Run: {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt}
 * then {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.tandem.storage.AppendBenchmark}.
 */
public final class AppendBenchmark {

    /** The pool size {@link TestPostgres#newStore} gives, as {@link StorageOptions#DEFAULT_POOL_SIZE}. */
    private static final int POOL = 4;

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        PgDocumentStore store = TestPostgres.newStore(vertx);
        try {
            System.out.printf("append latency, one in flight (fsync=on, synchronous_commit=on), %d-connection pool%n", POOL);
            for (int batch : new int[] {1, 10, 100}) {
                Doc doc = new Doc(store, "bench-seq-" + batch);
                run(doc, batch, 300);                       // warm-up: JIT, statement cache, WAL files
                Histogram h = run(doc, batch, batch == 100 ? 1_000 : 2_000);
                System.out.printf("batch=%3d appends=%5d p50=%6.0fus p99=%6.0fus max=%6.0fus rows/s=%8.0f%n",
                        batch, h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                        h.getMaxValue() / 1e3, batch * 1e9 / h.getMean());
            }
            System.out.printf("append throughput, %d documents appending at once (one in flight each)%n", POOL * 2);
            for (int batch : new int[] {1, 10, 100}) {
                List<Doc> docs = new ArrayList<>();
                for (int i = 0; i < POOL * 2; i++) {
                    docs.add(new Doc(store, "bench-par-" + batch + "-" + i));
                }
                int appends = batch == 100 ? 200 : 1_000;
                long t0 = System.nanoTime();
                List<Future<Void>> all = new ArrayList<>();
                for (Doc d : docs) {
                    all.add(d.appendMany(batch, appends));
                }
                Future.all(all).await(600, TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("batch=%3d appends/s=%7.0f rows/s=%8.0f%n",
                        batch, docs.size() * appends / seconds, docs.size() * appends * (double) batch / seconds);
            }
        } finally {
            store.close().await(30, TimeUnit.SECONDS);
            vertx.close().await(30, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static Histogram run(Doc doc, int batch, int appends) throws Exception {
        Histogram h = new Histogram(3);
        for (int i = 0; i < appends; i++) {
            List<RevisionRecord> records = doc.next(batch);
            long t0 = System.nanoTime();
            doc.store.append(records).await(30, TimeUnit.SECONDS);
            h.recordValue(System.nanoTime() - t0);
        }
        return h;
    }

    /** One document typed into by one client, a keystroke per revision, as in the workloads. */
    private static final class Doc {
        final PgDocumentStore store;
        final String id;
        long rev;
        int length;

        Doc(PgDocumentStore store, String id) throws Exception {
            this.store = store;
            this.id = id;
            store.createDocument(id).await(30, TimeUnit.SECONDS);
        }

        List<RevisionRecord> next(int batch) {
            List<RevisionRecord> records = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                rev++;
                TextOperation op = TextOperation.splice(length, length, 0, "x");
                length++;
                records.add(new RevisionRecord(id, rev, op, "bench-client-0001", rev, System.currentTimeMillis()));
            }
            return records;
        }

        Future<Void> appendMany(int batch, int remaining) {
            if (remaining == 0) {
                return Future.succeededFuture();
            }
            return store.append(next(batch)).compose(v -> appendMany(batch, remaining - 1));
        }
    }
}
