package dev.tandem.metrics;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The {@code memory_per_active_doc} estimate: (heap used right after the last garbage collection
 * − the same with no document active) / active documents.
 *
 * <p>Used heap after a collection is the best cheap proxy for live data; it still counts garbage
 * in the old generation that only the next full collection frees, so the estimate errs high. The
 * baseline is taken once at start-up (after an explicit collection, before any document loads)
 * and lowered whenever a collection finds a lower heap while no document is active. It is
 * JVM-wide: it means something with one node per JVM, as in production.
 */
final class HeapPerDocument implements NotificationListener, AutoCloseable {
    private final IntSupplier activeDocuments;
    private final Set<String> heapPools = new HashSet<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private volatile long afterLastGc = -1;
    private volatile long baseline = -1;

    HeapPerDocument(IntSupplier activeDocuments) {
        this.activeDocuments = activeDocuments;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Collects garbage and takes the baseline. Blocking (a full collection): call it on a worker thread. */
    void measureBaseline() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        if (afterLastGc < 0) {
            afterLastGc = used;
        }
        lowerBaseline(used);
    }

    /** Bytes per active document; NaN while no document is active or nothing was measured yet. */
    double bytesPerDocument() {
        int docs = activeDocuments.getAsInt();
        long live = afterLastGc;
        long base = baseline;
        if (docs <= 0 || live < 0 || base < 0) {
            return Double.NaN;
        }
        return Math.max(0, live - base) / (double) docs;
    }

    long afterLastGc() {
        return afterLastGc;
    }

    long baseline() {
        return baseline;
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        if ("No GC".equals(info.getGcCause())) {
            return; // a concurrent phase's bookkeeping, not a collection
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        afterLastGc = used;
        if (activeDocuments.getAsInt() == 0) {
            lowerBaseline(used);
        }
    }

    private synchronized void lowerBaseline(long used) {
        if (baseline < 0 || used < baseline) {
            baseline = used;
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
        emitters.clear();
    }
}
