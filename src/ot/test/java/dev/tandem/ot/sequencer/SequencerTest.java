package dev.tandem.ot.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.ot.sequencer.ClientSubmission;
import dev.tandem.ot.sequencer.LoadedDocument;
import dev.tandem.ot.sequencer.RevisionRecord;
import dev.tandem.ot.sequencer.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequencerTest {
    private static final SequencerLimits SMALL = new SequencerLimits(4, 50, 1000, 5, 100);

    private static Sequencer fresh(String text, SequencerLimits limits) {
        return new Sequencer("d", new LoadedDocument(new Snapshot("d", 0, text), List.of()), limits, () -> 42L);
    }

    private static Outcome submit(Sequencer s, String client, long seq, long base, String op) {
        s.learnClient(client, null);
        return s.submit(new Submission(client, seq, base, OperationJson.parse(op)));
    }

    private static Outcome.Accepted accepted(Outcome o) {
        return assertInstanceOf(Outcome.Accepted.class, o);
    }

    @Test
    void concurrentEditsOnTheSameBaseAreTransformedInOrder() {
        Sequencer s = fresh("abc", SequencerLimits.DEFAULTS);
        accepted(submit(s, "alice", 1, 0, "[1,\"X\",2]"));
        Outcome.Accepted b = accepted(submit(s, "bob", 1, 0, "[3,\"Y\"]"));
        assertEquals(2, b.revision().rev());
        assertEquals(TextOperation.builder().retain(4).insert("Y").build(), b.revision().op());
        assertEquals("aXbcY", s.snapshot());
        // Bob inserting at the same position as Alice's insert: the later submission goes first.
        Outcome.Accepted c = accepted(submit(s, "carol", 1, 1, "[1,\"Z\",3]"));
        assertEquals("aZXbcY", s.snapshot());
        assertEquals(3, c.revision().rev());
    }

    @Test
    void resubmittedOpIsAckedButNotAppliedTwice() {
        Sequencer s = fresh("", SequencerLimits.DEFAULTS);
        accepted(submit(s, "alice", 1, 0, "[\"hi\"]"));
        accepted(submit(s, "bob", 7, 1, "[2,\"!\"]"));
        Outcome again = s.submit(new Submission("alice", 1, 0, OperationJson.parse("[\"hi\"]")));
        assertEquals(new Outcome.Duplicate(1), again);
        assertEquals("hi!", s.snapshot());
        assertEquals(2, s.head());
    }

    @Test
    void anOlderResubmissionStillInMemoryIsAckedWithItsOriginalRevision() {
        Sequencer s = fresh("", SequencerLimits.DEFAULTS);
        accepted(submit(s, "alice", 1, 0, "[\"a\"]"));
        accepted(submit(s, "bob", 1, 1, "[1,\"b\"]"));
        accepted(submit(s, "alice", 3, 2, "[2,\"c\"]"));
        accepted(submit(s, "alice", 4, 3, "[3,\"d\"]"));
        // A retry of seq 1 (its first attempt timed out at the gateway) arrives after seq 4.
        assertEquals(new Outcome.Duplicate(1), s.submit(new Submission("alice", 1, 0, OperationJson.parse("[\"a\"]"))));
        assertEquals(new Outcome.Duplicate(3), s.submit(new Submission("alice", 3, 2, OperationJson.parse("[2,\"c\"]"))));
        // Seq 2 was never sequenced (seq 3 is in memory and older ones cannot come after it).
        assertRejected(Rejection.STALE_SEQUENCE, s.submit(new Submission("alice", 2, 1, OperationJson.parse("[1,\"x\"]"))));
        assertEquals("abcd", s.snapshot());
        assertEquals(4, s.head());
    }

    @Test
    void anOlderResubmissionThatLeftMemoryIsLookedUpInStorage() {
        Sequencer s = fresh("", SMALL); // 4 revisions in memory
        for (int i = 0; i < 8; i++) {
            accepted(submit(s, "alice", 10 + 2 * i, i, "[" + (i == 0 ? "" : i + ",") + "\"a\"]"));
        }
        s.markCommitted(8);
        Submission old = new Submission("alice", 12, 1, OperationJson.parse("[1,\"a\"]"));
        assertEquals(new Outcome.NeedSubmission("alice", 12), s.submit(old));
        assertEquals(new Outcome.Duplicate(2), s.earlierSubmission(old, 2L));
        assertRejected(Rejection.STALE_SEQUENCE, s.earlierSubmission(old, null));
        // Seq 21 would come after seq 20 (revision 6, in memory): it was never sequenced, no storage needed.
        assertRejected(Rejection.STALE_SEQUENCE, s.submit(new Submission("alice", 21, 5, OperationJson.parse("[5,\"a\"]"))));
        assertEquals("a".repeat(8), s.snapshot());
        assertEquals(8, s.head());
    }

    @Test
    void clientUnknownSinceLoadIsLookedUpFirst() {
        Sequencer s = fresh("", SequencerLimits.DEFAULTS);
        Submission sub = new Submission("alice", 5, 0, OperationJson.parse("[\"x\"]"));
        assertEquals(new Outcome.NeedClient("alice"), s.submit(sub));
        s.learnClient("alice", new ClientSubmission(5, 9));
        assertEquals(new Outcome.Duplicate(9), s.submit(sub));
        assertEquals("", s.snapshot());
    }

    @Test
    void rejectedInputLeavesTheDocumentUnchanged() {
        Sequencer s = fresh("abc", SMALL);
        accepted(submit(s, "a", 1, 0, "[3,\"d\"]"));
        assertRejected(Rejection.REVISION_IN_FUTURE, submit(s, "a", 2, 5, "[4,\"e\"]"));
        assertRejected(Rejection.OPERATION_DOES_NOT_FIT, submit(s, "a", 3, 1, "[5,\"e\"]"), "PAST_END");
        assertRejected(Rejection.OPERATION_DOES_NOT_FIT, submit(s, "a", 4, 1, "[2,\"e\"]"), "BASE_LENGTH_MISMATCH");
        assertRejected(Rejection.OPERATION_DOES_NOT_FIT, submit(s, "a", 5, 0, "[4,\"e\"]"), "PAST_END");
        assertRejected(Rejection.MALFORMED_MESSAGE, submit(s, "a", 0, 1, "[4,\"e\"]"));
        assertRejected(Rejection.DOCUMENT_TOO_LARGE, submit(s, "a", 6, 1, "[4,\"" + "x".repeat(1000) + "\"]"));
        assertEquals("abcd", s.snapshot());
        assertEquals(1, s.head());
        accepted(submit(s, "a", 9, 1, "[4,\"e\"]"));
        assertRejected(Rejection.STALE_SEQUENCE, submit(s, "a", 8, 2, "[5,\"f\"]"));
        assertEquals("abcde", s.snapshot());
    }

    @Test
    void baseOlderThanMemoryAsksForStoredHistoryThenTransformsThroughIt() {
        Sequencer s = fresh("", SMALL);
        List<RevisionRecord> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(accepted(submit(s, "w", i + 1, i, i == 0 ? "[\"a\"]" : "[" + i + ",\"a\"]")).revision());
        }
        assertEquals("aaaaaaaaaa", s.snapshot());
        Submission late = new Submission("late", 1, 2, OperationJson.parse("[\"<\",2]"));
        s.learnClient("late", null);
        Outcome o = s.submit(late);
        assertEquals(new Outcome.NeedHistory(3, 6), o); // memory holds the last 4: 7..10
        Outcome.Accepted done = accepted(s.submit(late, all.subList(2, 6)));
        assertEquals(11, done.revision().rev());
        assertEquals("<aaaaaaaaaa", s.snapshot());
        assertNull(s.revisionsFrom(3));
        assertNull(s.revisionsFrom(7));
        assertEquals(4, s.revisionsFrom(8).size()); // memory holds the last 4: 8..11
    }

    @Test
    void baseBeyondTheCatchUpLimitIsTooOld() {
        Sequencer s = fresh("", new SequencerLimits(4, 3, 1000, 5, 100));
        for (int i = 0; i < 5; i++) {
            accepted(submit(s, "w", i + 1, i, i == 0 ? "[\"a\"]" : "[" + i + ",\"a\"]"));
        }
        assertRejected(Rejection.REVISION_TOO_OLD, submit(s, "x", 1, 1, "[1,\"b\"]"));
    }

    @Test
    void snapshotTextComesWithEveryNthRevision() {
        Sequencer s = fresh("", SMALL);
        for (int i = 0; i < 5; i++) {
            Outcome.Accepted a = accepted(submit(s, "w", i + 1, i, i == 0 ? "[\"a\"]" : "[" + i + ",\"a\"]"));
            if (i < 4) {
                assertNull(a.snapshot());
            } else {
                assertNotNull(a.snapshot());
                assertEquals("aaaaa", a.snapshot());
            }
        }
    }

    @Test
    void loadingReplaysStoredRevisionsAfterTheSnapshot() {
        List<RevisionRecord> after = List.of(
                new RevisionRecord("d", 6, OperationJson.parse("[3,\"d\"]"), "a", 1, 1),
                new RevisionRecord("d", 7, OperationJson.parse("[4,\"e\"]"), "a", 2, 2));
        Sequencer s = new Sequencer("d", new LoadedDocument(new Snapshot("d", 5, "abc"), after), SMALL, () -> 0L);
        assertEquals("abcde", s.snapshot());
        assertEquals(7, s.head());
        assertEquals(7, s.committedHead());
    }

    private static void assertRejected(Rejection code, Outcome o) {
        assertEquals(code, assertInstanceOf(Outcome.Rejected.class, o).reason(), o.toString());
    }

    private static void assertRejected(Rejection code, Outcome o, String detail) {
        Outcome.Rejected r = assertInstanceOf(Outcome.Rejected.class, o);
        assertEquals(code, r.reason(), o.toString());
        assertEquals(detail, r.detail());
    }
}
