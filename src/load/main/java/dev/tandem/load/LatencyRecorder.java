package dev.tandem.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One latency figure of a run (end-to-end, ack or presence), recorded in microseconds into
 * HdrHistogram from any thread: {@link #record} is wait-free, and {@link #roll()} (one sampler
 * thread) swaps out the interval histogram once a second for the time series and folds it into
 * the run's total.
 */
final class LatencyRecorder {
    /** Slowest latency kept exactly; anything slower is clamped so it still counts. */
    static final long HIGHEST_MICROS = 120_000_000L;

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);
    private Histogram interval;

    /** Records {@code nanos} (a difference of two System.nanoTime readings). */
    void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        recorder.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    /** Swaps out what was recorded since the last roll, adds it to the total, and returns it. */
    synchronized Histogram roll() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval.copy();
    }

    /** Everything rolled so far. */
    synchronized Histogram total() {
        return total.copy();
    }

    /** Clears the total (after a warm-up, or between the steps of a crowd run). */
    synchronized void resetTotal() {
        interval = recorder.getIntervalHistogram(interval);
        total.reset();
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMs(Histogram h) {
        return h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0;
    }
}
