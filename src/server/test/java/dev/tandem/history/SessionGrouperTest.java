package dev.tandem.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tandem.storage.HistoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionGrouperTest {
    private static final long MIN = 60_000;

    /** rev, client, minute: the timeline oldest first, as people made it. */
    private static List<HistoryEntry> timeline(Object... parts) {
        List<HistoryEntry> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i += 3) {
            long rev = ((Number) parts[i]).longValue();
            int span = out.isEmpty() ? (int) rev : (int) (rev - out.get(out.size() - 1).rev());
            out.add(new HistoryEntry(rev, span, null, (String) parts[i + 1], rev, (long) (((Number) parts[i + 2]).doubleValue() * MIN)));
        }
        return out;
    }

    private static List<EditingSession> group(List<HistoryEntry> oldestFirst, long gap, long handover) {
        SessionGrouper g = new SessionGrouper(gap, handover);
        List<EditingSession> out = new ArrayList<>();
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            EditingSession closed = g.add(oldestFirst.get(i));
            if (closed != null) {
                out.add(closed);
            }
        }
        EditingSession last = g.finish();
        if (last != null) {
            out.add(last);
        }
        assertNull(g.finish(), "empty after finishing");
        return out;
    }

    @Test
    void aLongPauseStartsASessionAndPeopleWritingTogetherShareOne() {
        List<HistoryEntry> t = timeline(
                1, "ana", 0, 2, "bo", 0.2, 3, "ana", 0.5, 4, "bo", 1,   // together
                5, "ana", 30, 6, "ana", 31);                              // half an hour later
        List<EditingSession> s = group(t, 10 * MIN, MIN);
        assertEquals(2, s.size());
        assertEquals(new EditingSession(5, 6, 30 * MIN, 31 * MIN, Map.of("ana", 2L)), s.get(0));
        assertEquals(1, s.get(1).fromRev());
        assertEquals(4, s.get(1).toRev());
        assertEquals(List.of("bo", "ana"), List.copyOf(s.get(1).revisionsByClient().keySet()), "latest edit first");
        assertEquals(2L, s.get(1).revisionsByClient().get("ana"));
    }

    @Test
    void aShortPauseWhereSomeoneElseTakesOverStartsASessionToo() {
        List<HistoryEntry> t = timeline(1, "ana", 0, 2, "ana", 1, 3, "bo", 3, 4, "bo", 4, 5, "ana", 6);
        List<EditingSession> s = group(t, 10 * MIN, MIN);
        // Bo takes over after a 2-minute pause (more than the 1-minute hand-over): a new session.
        // Ana comes back 2 minutes after Bo's last edit, and she made none of Bo's session: another.
        assertEquals(List.of(5L, 3L, 1L), s.stream().map(EditingSession::fromRev).toList());
        assertEquals(List.of(1L, 2L, 2L), s.stream().map(EditingSession::revisions).toList());
    }

    @Test
    void aCompactedEntryCountsEveryRevisionItStandsFor() {
        List<HistoryEntry> t = timeline(40, "ana", 0, 41, "bo", 0.5);
        List<EditingSession> s = group(t, 10 * MIN, MIN);
        assertEquals(1, s.size());
        assertEquals(41, s.get(0).revisions());
        assertEquals(Map.of("ana", 40L, "bo", 1L), s.get(0).revisionsByClient());
    }
}
