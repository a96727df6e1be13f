package dev.tandem.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tandem.ot.Document;
import dev.tandem.ot.Operation;
import dev.tandem.ot.sequencer.ClientSubmission;
import dev.tandem.ot.sequencer.LoadedDocument;
import dev.tandem.ot.sequencer.RevisionRecord;
import dev.tandem.ot.sequencer.Snapshot;
import dev.tandem.ot.text.TextType;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link HistoryStore} must do, beside its {@link DocumentStore}. An implementation's
 * test supplies both; every test works on documents of its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class HistoryStoreContract {
    /** Everything Edits makes is from 2024: old by any retention window. */
    private static final Instant NOW = Instant.now();
    /** Edits makes a revision every 1.001 s: runs of at most 5 revisions by time. */
    private static final CompactionPolicy POLICY = new CompactionPolicy(0, 4_500, 1000);

    protected abstract DocumentStore store();

    protected abstract HistoryStore history();

    // ---------------------------------------------------------------- the timeline

    @Test
    void entriesComeOldestFirstWithOperationsAndTheTimelineNewestFirstWithout() {
        String id = created("timeline");
        Edits e = new Edits(id);
        e.type("client-a", 1, "Hello");
        e.type("client-b", 1, " world");
        e.edit("client-a", 2, 0, 1, "J");
        await(store().append(e.revisions()));

        List<HistoryEntry> entries = await(history().entries(id, 2, 3, 10));
        assertEquals(List.of(2L, 3L), entries.stream().map(HistoryEntry::rev).toList());
        assertEquals(e.revisions().get(1).op(), entries.get(0).op());
        assertEquals(new HistoryEntry(3, 1, e.revisions().get(2).op(), "client-a", 2, Edits.T0 + 3 * 1_001), entries.get(1));

        List<HistoryEntry> timeline = await(history().timeline(id, 2, 10));
        assertEquals(List.of(2L, 1L), timeline.stream().map(HistoryEntry::rev).toList(), "newest first, from revision 2");
        assertNull(timeline.get(0).op(), "the timeline reads no operations");
        assertEquals("client-b", timeline.get(0).clientId());
        assertEquals(1, await(history().timeline(id, Long.MAX_VALUE, 1)).size(), "limit");

        assertEquals(3L, await(history().entryHolding(id, 3)).orElseThrow().rev());
        assertEquals(Optional.empty(), await(history().entryHolding(id, 4)), "beyond the head");
        assertEquals(Optional.empty(), await(history().entryHolding(id, 0)), "revision 0 is no row");
    }

    // ---------------------------------------------------------------- named versions

    @Test
    void namedVersionsAreListedNewestFirstRenamedInPlaceAndDeleted() {
        String id = created("versions");
        Edits e = new Edits(id);
        for (int i = 1; i <= 6; i++) {
            e.type("client-a", i, "x" + i);
        }
        await(store().append(e.revisions()));
        Author ana = new Author("client-a", "Ana", "#d81b60", null);
        await(history().recordAuthor(id, ana));

        NamedVersion legal = await(history().nameVersion(id, 2, "Sent to legal", ana));
        assertEquals(2, legal.rev());
        assertTrue(legal.createdAt().isAfter(NOW.minusSeconds(60)));
        await(history().nameVersion(id, 5, "Final", null));
        await(history().nameVersion(id, 0, "Blank page", ana));

        List<NamedVersion> all = await(history().namedVersions(id, Long.MAX_VALUE, 10));
        assertEquals(List.of(5L, 2L, 0L), all.stream().map(NamedVersion::rev).toList());
        assertEquals("Sent to legal", all.get(1).name());
        assertEquals(ana, all.get(1).by(), "who named it, with the colour the author last used");
        assertNull(all.get(0).by(), "named by a tool without a client id");
        assertEquals(List.of(2L), await(history().namedVersions(id, 4, 1)).stream().map(NamedVersion::rev).toList());

        await(history().nameVersion(id, 2, "Sent to legal (v2)", ana));
        assertEquals("Sent to legal (v2)", await(history().namedVersions(id, 2, 1)).get(0).name(), "a second name replaces the first");

        assertTrue(await(history().deleteVersion(id, 5)));
        assertFalse(await(history().deleteVersion(id, 5)), "already gone");
        assertFalse(await(history().deleteVersion(id, 3)), "never named");
        assertEquals(List.of(2L, 0L), await(history().namedVersions(id, Long.MAX_VALUE, 10)).stream().map(NamedVersion::rev).toList());

        assertInstanceOf(IllegalArgumentException.class, failureOf(history().nameVersion(id, 7, "Future", ana)), "after the head");
        assertInstanceOf(IllegalArgumentException.class, failureOf(history().nameVersion(newId("ghost"), 0, "x", ana)));
    }

    // ---------------------------------------------------------------- authors

    @Test
    void anAuthorIsTheLatestNameAClientEditedWith() {
        String id = created("authors");
        await(history().recordAuthor(id, new Author("client-a", "Ana", "#d81b60", null)));
        await(history().recordAuthor(id, new Author("client-b", "Bo", "#3949ab", "user-7")));
        await(history().recordAuthor(id, new Author("client-a", "Ana B.", "#00897b", null)));
        Map<String, Author> found = await(history().authors(id, List.of("client-a", "client-b", "client-c")));
        assertEquals(Map.of("client-a", new Author("client-a", "Ana B.", "#00897b", null),
                "client-b", new Author("client-b", "Bo", "#3949ab", "user-7")), found);
        assertEquals(Map.of(), await(history().authors(created("authors-none"), List.of("client-a"))));
        assertInstanceOf(IllegalArgumentException.class,
                failureOf(history().recordAuthor(newId("ghost"), new Author("client-a", "Ana", null, null))));
    }

    // ---------------------------------------------------------------- compaction

    @Test
    void compactionJoinsRunsOfOneClientAndEveryKeptRevisionStillRebuildsExactly() {
        String id = created("compact");
        Edits e = new Edits(id);
        for (int i = 1; i <= 12; i++) {
            e.type("client-a", i, "a" + i);             // revs 1..12: runs of 5 (by time), 5, 2
        }
        e.type("client-b", 1, "[b]");                    // 13
        e.type("client-a", 13, "!");                     // 14: a again, but b came between
        e.type("client-a", 15, "?");                     // 15: a gap in a's seqs: a run of its own
        e.type("client-a", 16, ".");                     // 16
        for (int i = 17; i <= 20; i++) {
            e.type("client-a", i, "z");                  // 17..20: the head, beyond the snapshot
        }
        await(store().append(e.revisions()));
        await(store().saveSnapshot(id, 16, e.textAt(16)));
        LoadedDocument before = await(store().load(id)).orElseThrow();

        CompactionResult r = await(history().compact(id, POLICY, NOW));
        assertTrue(r.done() && !r.busy(), r.toString());
        List<HistoryEntry> rows = await(history().entries(id, 1, 100, 100));
        assertEquals(List.of(5L, 10L, 12L, 13L, 14L, 16L, 17L, 18L, 19L, 20L), rows.stream().map(HistoryEntry::rev).toList());
        assertEquals(List.of(5, 5, 2, 1, 1, 2, 1, 1, 1, 1), rows.stream().map(HistoryEntry::span).toList());
        assertEquals(10, r.rowsRemoved());
        assertTrue(r.bytesReclaimed() > 10 * 40, "ten rows of about 70 bytes each, less what the kept rows grew: " + r);
        assertEquals(Edits.T0 + 6 * 1_001, rows.get(1).timeMillis(), "a joined row has the time of its first revision");

        for (long rev : List.of(0L, 5L, 10L, 12L, 13L, 14L, 16L, 18L, 20L)) {
            assertEquals(e.textAt(rev), textAt(id, rev), "revision " + rev);
        }
        assertEquals(before, await(store().load(id)).orElseThrow(), "a load reads the same snapshot and tail");
        assertEquals(Optional.of(14L), await(history().entryHolding(id, 14)).map(HistoryEntry::rev));
        assertEquals(Optional.of(10L), await(history().entryHolding(id, 7)).map(HistoryEntry::rev), "7 is inside 6..10");

        CompactionResult again = await(history().compact(id, POLICY, NOW));
        assertEquals(0, again.rowsRemoved(), "nothing more to join");
    }

    @Test
    void dedupRecordsKeepTheirMeaningAfterCompaction() {
        String id = created("compact-dedup");
        Edits e = new Edits(id);
        for (int i = 1; i <= 4; i++) {
            e.type("client-a", 10 + i, "a");           // revs 1..4, seqs 11..14
        }
        e.type("client-b", 3, "b");                     // 5
        e.type("client-a", 20, "c");                    // 6: a's last
        e.type("client-a", 21, "d");                    // 7
        await(store().append(e.revisions()));
        await(store().saveSnapshot(id, 7, e.textAt(7)));
        await(history().compact(id, POLICY, NOW));
        assertEquals(List.of(4L, 5L, 7L), await(history().entries(id, 1, 10, 10)).stream().map(HistoryEntry::rev).toList());

        for (int i = 1; i <= 4; i++) {
            assertEquals(Optional.of((long) i), await(store().submissionRevision(id, "client-a", 10 + i)), "seq " + (10 + i));
        }
        assertEquals(Optional.of(6L), await(store().submissionRevision(id, "client-a", 20)));
        assertEquals(Optional.of(7L), await(store().submissionRevision(id, "client-a", 21)));
        assertEquals(Optional.of(5L), await(store().submissionRevision(id, "client-b", 3)));
        for (long never : List.of(10L, 15L, 19L, 22L)) {
            assertEquals(Optional.empty(), await(store().submissionRevision(id, "client-a", never)), "seq " + never + " was never stored");
        }
        assertEquals(Optional.of(new ClientSubmission(21, 7)), await(store().lastSubmission(id, "client-a")));
        assertEquals(Optional.of(new ClientSubmission(3, 5)), await(store().lastSubmission(id, "client-b")));
        assertConflict(store().append(List.of(new RevisionRecord(id, 8, e.revisions().get(0).op(), "client-a", 21, 0))));
    }

    @Test
    void compactionKeepsNamedVersionsSnapshotsAndWhatClientsMayStillNeed() {
        String id = created("compact-keep");
        Edits e = new Edits(id);
        for (int i = 1; i <= 30; i++) {
            e.type("client-a", i, Integer.toString(i % 10));
        }
        await(store().append(e.revisions()));
        await(store().saveSnapshot(id, 4, e.textAt(4)));
        await(store().saveSnapshot(id, 25, e.textAt(25)));
        await(history().nameVersion(id, 7, "Draft", null));
        CompactionPolicy keep10 = new CompactionPolicy(10, 60_000, 1000);

        CompactionResult r = await(history().compact(id, keep10, NOW));
        assertTrue(r.done());
        List<HistoryEntry> rows = await(history().entries(id, 1, 100, 100));
        // Up to min(head 30 - 10, snapshot 25) = 20; 4 (snapshot) and 7 (named) end their runs.
        assertEquals(List.of(4L, 7L, 20L, 21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L, 30L),
                rows.stream().map(HistoryEntry::rev).toList());
        assertEquals(e.textAt(7), textAt(id, 7), "the named version");
        assertEquals(e.textAt(4), textAt(id, 4));
        assertInstanceOf(RevisionCompactedException.class, failureOf(history().nameVersion(id, 12, "Too late", null)),
                "revision 12 is inside 8..20");
        await(history().nameVersion(id, 20, "Kept", null));

        // Nothing is old enough: nothing happens.
        String young = created("compact-young");
        Edits y = new Edits(young);
        for (int i = 1; i <= 5; i++) {
            y.type("client-a", i, "y");
        }
        await(store().append(y.revisions()));
        await(store().saveSnapshot(young, 5, y.textAt(5)));
        CompactionResult none = await(history().compact(young, POLICY, Instant.ofEpochMilli(Edits.T0)));
        assertEquals(0, none.rowsRemoved());
        assertEquals(5, await(history().entries(young, 1, 10, 10)).size());
    }

    @Test
    void oldSnapshotsAreThinnedToOnePerSpacingAndRunsGoOnAcrossTheDroppedOnes() {
        String id = created("compact-thin");
        Edits e = new Edits(id);
        for (int i = 1; i <= 60; i++) {
            e.type("client-a", i, Integer.toString(i % 10));
        }
        await(store().append(e.revisions()));
        for (long rev = 5; rev <= 55; rev += 5) { // a snapshot every 5 revisions: 5, 10, ..., 55
            await(store().saveSnapshot(id, rev, e.textAt((int) rev)));
        }
        await(history().nameVersion(id, 35, "Draft", null));
        // Keep the last 10 (so up to min(60 - 10, latest snapshot 55) = 50), one snapshot per 20 revisions.
        CompactionResult r = await(history().compact(id, new CompactionPolicy(10, 60_000, 1000, 20), NOW));
        assertTrue(r.done());
        // Buckets of 20: 0-19 keeps 5, 20-39 keeps 20 (and 35, a named version), 40-59 keeps 40 and
        // 55 (the latest, where loads start); 10, 15, 25, 30, 45 and 50 are dropped.
        assertEquals(6, r.snapshotsDropped());
        List<Long> kept = new java.util.ArrayList<>();
        for (long rev = 5; rev <= 55; rev += 5) {
            if (await(store().snapshotAtOrBefore(id, rev)).rev() == rev) {
                kept.add(rev);
            }
        }
        assertEquals(List.of(5L, 20L, 35L, 40L, 55L), kept);
        // One author, within a minute: runs end only at kept snapshots and named versions now.
        List<HistoryEntry> rows = await(history().entries(id, 1, 100, 100));
        assertEquals(List.of(5L, 20L, 35L, 40L, 50L, 51L, 52L, 53L, 54L, 55L, 56L, 57L, 58L, 59L, 60L),
                rows.stream().map(HistoryEntry::rev).toList());
        for (long rev : List.of(5L, 20L, 35L, 40L, 50L, 55L, 60L)) {
            assertEquals(e.textAt((int) rev), textAt(id, rev), "the document at " + rev);
        }
        assertTrue(r.bytesReclaimed() > 0);
        // Every snapshot kept (spacing 0): nothing more is dropped.
        assertEquals(0, await(history().compact(id, new CompactionPolicy(10, 60_000, 1000), NOW)).snapshotsDropped());
    }

    @Test
    void smallBatchesCarryARunOnAndEndWhereOneBigBatchEnds() {
        String small = created("compact-small");
        String big = created("compact-big");
        for (String id : List.of(small, big)) {
            Edits e = new Edits(id);
            for (int i = 1; i <= 23; i++) {
                e.type(i % 7 == 0 ? "client-b" : "client-a", i, "t");
            }
            await(store().append(e.revisions()));
            await(store().saveSnapshot(id, 23, e.textAt(23)));
        }
        await(history().compact(big, POLICY, NOW));
        CompactionPolicy threeRows = new CompactionPolicy(0, POLICY.runMillis(), 3);
        int batches = 0;
        CompactionResult r;
        do {
            r = await(history().compact(small, threeRows, NOW));
            batches++;
        } while (!r.done() && batches < 100);
        assertTrue(r.done());
        assertTrue(batches > 5, "batches: " + batches);
        assertEquals(await(history().entries(big, 1, 100, 100)).stream().map(x -> x.rev() + "/" + x.span()).toList(),
                await(history().entries(small, 1, 100, 100)).stream().map(x -> x.rev() + "/" + x.span()).toList());
    }

    @Test
    void candidatesAreDocumentsWithOldHistoryNotYetLookedAtFarEnoughFromTheHead() {
        String prefix = newId("cand") + "-";
        String old = create(prefix + "a");
        String shortDoc = create(prefix + "b");
        create(prefix + "c"); // empty
        Edits e = new Edits(old);
        for (int i = 1; i <= 8; i++) {
            e.type("client-a", i, "o");
        }
        await(store().append(e.revisions()));
        await(store().saveSnapshot(old, 8, e.textAt(8)));
        await(store().append(List.of(new Edits(shortDoc).type("client-a", 1, "s"))));

        HistoryStore.CompactionCandidates page = await(history().compactionCandidates(prefix, NOW, 2, 3));
        assertEquals(List.of(old), page.docIds(), "b has 1 revision, within 2 of its head; c has none");
        assertEquals(prefix + "c", page.lastExamined());
        assertEquals(List.of(), await(history().compactionCandidates(prefix, Instant.ofEpochMilli(Edits.T0), 2, 3)).docIds(),
                "nothing is older than the first revision");

        await(history().compact(old, new CompactionPolicy(2, 60_000, 1000), NOW));
        assertEquals(List.of(), await(history().compactionCandidates(prefix, NOW, 2, 3)).docIds(), "looked at up to head - 2");
    }

    // ---------------------------------------------------------------- helpers

    /** The document at {@code rev}, rebuilt the way readers do: a snapshot, then whole entries. */
    protected String textAt(String id, long rev) {
        Snapshot snap = await(store().snapshotAtOrBefore(id, rev));
        Document<?> doc = TextType.INSTANCE.open(snap.content());
        for (HistoryEntry h : await(history().entries(id, snap.rev() + 1, rev, 10_000))) {
            if (h.firstRev() != snap.rev() + 1 && h.firstRev() <= snap.rev()) {
                fail("entry " + h + " crosses the snapshot at " + snap.rev());
            }
            apply(doc, h.op());
        }
        List<HistoryEntry> last = await(history().entries(id, snap.rev() + 1, rev, 10_000));
        if (!last.isEmpty() && last.get(last.size() - 1).rev() != rev) {
            fail("revision " + rev + " is not kept: the last entry is " + last.get(last.size() - 1));
        }
        return doc.snapshot();
    }

    @SuppressWarnings("unchecked")
    private static <O extends Operation> void apply(Document<O> doc, Operation op) {
        doc.apply((O) op);
    }

    protected static String newId(String hint) {
        return hint + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    protected String created(String hint) {
        return create(newId(hint));
    }

    protected String create(String id) {
        assertTrue(await(store().createDocument(id)), "created " + id);
        return id;
    }

    protected static <T> T await(Future<T> future) {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within 30 s", e);
        }
    }

    protected static Throwable failureOf(Future<?> future) {
        Object result;
        try {
            result = future.await(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within 30 s", e);
        } catch (Throwable t) {
            return t;
        }
        return fail("expected a failure, got " + result);
    }

    private static void assertConflict(Future<?> future) {
        StorageException se = assertInstanceOf(StorageException.class, failureOf(future));
        assertEquals(StorageException.Code.CONFLICT, se.code());
    }

}
