package dev.tandem.history;

import dev.tandem.storage.HistoryEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Groups a document's timeline into editing sessions, the way Google Docs groups its version
 * history: edits close together in time are one session, whoever made them (two people writing
 * at once make one session, listing both), and a pause of {@code gapMillis} starts a new one.
 * A shorter pause of {@code handoverMillis} also starts one where the person editing changes to
 * someone who had no part in the session (Ana stops, Bo starts a minute later: two sessions).
 *
 * <p>Fed newest first, as the timeline is read ({@link dev.tandem.storage.HistoryStore#timeline}):
 * {@link #add} returns a session once an older entry no longer belongs to it.
 */
public final class SessionGrouper {
    private final long gapMillis;
    private final long handoverMillis;
    private long fromRev = -1;
    private long toRev;
    private long startMillis;
    private long endMillis;
    private Map<String, Long> byClient = new LinkedHashMap<>();

    public SessionGrouper(long gapMillis, long handoverMillis) {
        if (gapMillis < 0 || handoverMillis < 0) {
            throw new IllegalArgumentException("gaps must not be negative");
        }
        this.gapMillis = gapMillis;
        this.handoverMillis = Math.min(handoverMillis, gapMillis);
    }

    /** Adds the next older entry; returns the session it closed, or null if it belongs to the open one. */
    public EditingSession add(HistoryEntry e) {
        EditingSession closed = null;
        if (fromRev >= 0) {
            long pause = startMillis - e.timeMillis();
            boolean newcomer = !byClient.containsKey(e.clientId());
            if (pause > gapMillis || (newcomer && pause > handoverMillis) || e.rev() != fromRev - 1) {
                closed = finish();
            }
        }
        if (fromRev < 0) {
            toRev = e.rev();
            endMillis = e.timeMillis();
        }
        fromRev = e.firstRev();
        startMillis = e.timeMillis();
        byClient.merge(e.clientId(), (long) e.span(), Long::sum);
        return closed;
    }

    /** The open session (the oldest so far), or null if none is open; the grouper is empty after. */
    public EditingSession finish() {
        if (fromRev < 0) {
            return null;
        }
        EditingSession s = new EditingSession(fromRev, toRev, startMillis, endMillis, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byClient)));
        fromRev = -1;
        byClient = new LinkedHashMap<>();
        return s;
    }
}
