package dev.tandem.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The counters and latency recorders of one workload run, shared by all its simulated users. */
final class RunStats {
    final LatencyRecorder e2e = new LatencyRecorder();
    final LatencyRecorder ack = new LatencyRecorder();
    final LatencyRecorder presence = new LatencyRecorder();
    final LongAdder keystrokes = new LongAdder();
    final LongAdder submitted = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder presenceSent = new LongAdder();
    final LongAdder presenceReceived = new LongAdder();
    final LongAdder editsLost = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void error(String code) {
        errors.computeIfAbsent(code == null ? "UNKNOWN" : code, c -> new LongAdder()).increment();
    }

    /** Errors of every kind: server error messages, lost edits, unexpected disconnects. */
    long errorCount() {
        long n = editsLost.sum() + disconnects.sum();
        for (LongAdder a : errors.values()) {
            n += a.sum();
        }
        return n;
    }

    /** Error counts by code, plus {@code EDITS_LOST} and {@code DISCONNECTED} when they happened. */
    Map<String, Long> errorsByCode() {
        Map<String, Long> m = new TreeMap<>();
        errors.forEach((k, v) -> m.put(k, v.sum()));
        if (editsLost.sum() > 0) {
            m.put("EDITS_LOST", editsLost.sum());
        }
        if (disconnects.sum() > 0) {
            m.put("DISCONNECTED", disconnects.sum());
        }
        return m;
    }
}
