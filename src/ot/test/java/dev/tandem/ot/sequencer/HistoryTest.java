package dev.tandem.ot.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.ot.text.TextOperation;
import dev.tandem.ot.sequencer.RevisionRecord;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static RevisionRecord rev(long rev, long timeMillis) {
        return new RevisionRecord("d", rev, TextOperation.builder().insert("x").build(), "c", rev, timeMillis);
    }

    @Test
    void aPlainWindowKeepsExactlyTheLastRevisions() {
        History h = new History(4);
        for (long r = 1; r <= 10; r++) {
            h.add(rev(r, 0));
        }
        assertEquals(4, h.size());
        assertEquals(7, h.oldestRev());
        assertEquals(10, h.newest().rev());
        assertEquals(8, h.get(8).rev());
        assertThrows(IllegalArgumentException.class, () -> h.get(6));
        assertEquals(4, h.from(7).size());
    }

    @Test
    void aBusyDocumentKeepsTheLastSecondsUpToTheCap() {
        History h = new History(4, 1_000, 500);
        // 300 revisions within one second: all kept, far more than the window of 4.
        for (long r = 1; r <= 300; r++) {
            h.add(rev(r, r));
        }
        assertEquals(300, h.size());
        assertEquals(1, h.oldestRev());
        for (long r = 1; r <= 300; r++) {
            assertEquals(r, h.get(r).rev());
        }
        // Past the cap the oldest go, however young.
        for (long r = 301; r <= 700; r++) {
            h.add(rev(r, 300));
        }
        assertEquals(500, h.size());
        assertEquals(201, h.oldestRev());
        assertEquals(700, h.newest().rev());
    }

    @Test
    void revisionsOlderThanTheKeepTimeLeaveButTheWindowStays() {
        History h = new History(4, 1_000, 10_000);
        for (long r = 1; r <= 1000; r++) {
            h.add(rev(r, 0)); // a burst at time 0
        }
        assertEquals(1000, h.size());
        h.add(rev(1001, 5_000)); // five seconds later: the burst is old
        assertEquals(4, h.size());
        assertEquals(998, h.oldestRev());
        h.add(rev(1002, 5_001));
        assertEquals(4, h.size());
        assertEquals(1002, h.get(1002).rev());
        assertEquals(999, h.get(999).rev());
        assertEquals(4, h.from(999).size());
    }

    @Test
    void aGapIsRefused() {
        History h = new History(4, 1_000, 100);
        h.add(rev(1, 0));
        assertThrows(IllegalStateException.class, () -> h.add(rev(3, 0)));
    }
}
