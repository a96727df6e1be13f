package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Readers that never read cost the node a bounded amount of heap: each one's queue is capped
 * ({@code maxQueuedBytes}) and past it the reader is dropped ({@code SLOW_CONSUMER}). The node runs
 * in this JVM, so the heap measured here (used after a full collection) is the node's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowReaderMemoryTest {
    private static final int READERS = 30;
    private static final int QUEUE_BYTES = 256 * 1024;

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void thirtyReadersThatNeverReadAreDroppedAndTheHeapStaysBounded() throws Exception {
        Vertx vertx = Vertx.vertx();
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        options.gateway().setMaxQueuedBytes(QUEUE_BYTES);
        TandemNode node = TestNodes.start(vertx, options);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        String doc = "slow-readers";
        List<StalledClient> stalled = new ArrayList<>();
        try (RawClient writer = RawClient.hello(vertx, node.port(), "memory-writer-client")) {
            writer.send(RawClient.open(doc, null, true));
            writer.expect("opened");
            Set<String> readers = new HashSet<>();
            for (int i = 0; i < READERS; i++) {
                String id = "memory-reader-" + i;
                stalled.add(new StalledClient(node.port(), id, doc));
                readers.add(RawClient.openModeId(id));
            }
            long baseline = usedAfterGc(memory);
            long peak = baseline;
            String chunk = "m".repeat(16 * 1024);
            Set<String> dropped = new HashSet<>();
            long rev = 0;
            long bytesTowardReaders = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (dropped.size() < READERS && rev < 2000 && System.nanoTime() < deadline) {
                JsonArray op = rev == 0 ? new JsonArray().add(chunk) : new JsonArray().add(-chunk.length()).add(chunk);
                writer.send(RawClient.submit(doc, rev, op, rev + 1));
                rev = writer.expect("ack").getLong("rev");
                bytesTowardReaders += (long) chunk.length() * (READERS - dropped.size());
                for (JsonObject m : writer.seen()) {
                    if ("left".equals(m.getString("type")) && readers.contains(m.getString("client"))) {
                        dropped.add(m.getString("client"));
                    }
                }
                if (rev % 25 == 0) {
                    peak = Math.max(peak, usedAfterGc(memory));
                }
            }
            peak = Math.max(peak, usedAfterGc(memory));
            long after = usedAfterGc(memory);
            System.out.printf("slow readers: %d of %d dropped after %d edits of 16 KiB (%.1f MiB fanned out toward them); "
                    + "heap after GC: baseline %.1f MiB, peak %.1f MiB (+%.1f), after %.1f MiB%n", dropped.size(), READERS, rev,
                    bytesTowardReaders / 1048576.0, baseline / 1048576.0, peak / 1048576.0, (peak - baseline) / 1048576.0,
                    after / 1048576.0);
            assertTrue(dropped.size() == READERS, "every reader that never reads is dropped: " + dropped.size());
            // Each reader holds at most its queue plus what the transport buffers before it reports full.
            long bound = READERS * (QUEUE_BYTES + 512L * 1024) + 32L * 1024 * 1024;
            assertTrue(peak - baseline < bound, "heap growth " + (peak - baseline) + " bytes stays under " + bound);
            assertTrue(after - baseline < 32L * 1024 * 1024, "and goes back once they are gone: " + (after - baseline));
        } finally {
            for (StalledClient s : stalled) {
                s.close();
            }
            TestNodes.stop(node);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
