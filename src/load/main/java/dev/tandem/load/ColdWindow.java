package dev.tandem.load;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The first seconds after a freshly started node said ready ({@code --cold}), reported apart from
 * the rest of the run: how long the node took to say ready, how long after that the users were
 * connected and typing, the latencies and operations of the window, its per-second series and
 * what it cost in CPU. A node that is fast when warm can still serve its first users seconds of
 * lag while its code is interpreted and compiled; this window shows it.
 */
record ColdWindow(double readyWaitSeconds, double typingAfterReadySeconds, double seconds, long ops, Histogram e2e,
        Histogram ack, Histogram presence, List<TimePoint> series, CpuCost cost) {

    double opsPerSecond() {
        return seconds > 0 ? ops / seconds : 0;
    }
}
