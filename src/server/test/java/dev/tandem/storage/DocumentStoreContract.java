package dev.tandem.storage;

import dev.tandem.ot.sequencer.ClientSubmission;
import dev.tandem.ot.sequencer.LoadedDocument;
import dev.tandem.ot.sequencer.RevisionRecord;
import dev.tandem.ot.sequencer.Snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tandem.ot.text.TextOperation;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link DocumentStore} must do. An implementation's test extends this class and
 * supplies the store; the store may hold data from other tests, so every test works on
 * documents of its own (ids with a random part).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DocumentStoreContract {

    /** The store under test. */
    protected abstract DocumentStore store();

    // ---------------------------------------------------------------- health

    @Test
    void pingSucceedsWhileTheStoreAnswers() {
        await(store().ping());
    }

    // ---------------------------------------------------------------- documents

    @Test
    void createDocumentTellsWhetherItWasNew() {
        String id = newId("create");
        assertFalse(await(store().exists(id)));
        assertTrue(await(store().createDocument(id)));
        assertFalse(await(store().createDocument(id)), "second create of the same id");
        assertTrue(await(store().exists(id)));
    }

    @Test
    void newDocumentIsEmptyAtRevisionZero() {
        String id = created("empty");
        LoadedDocument loaded = await(store().load(id)).orElseThrow();
        assertEquals(new Snapshot(id, 0, ""), loaded.snapshot());
        assertEquals(List.of(), loaded.revisionsAfter());
        assertEquals(0, loaded.headRevision());
        assertEquals(Optional.of(0L), await(store().headRevision(id)));
    }

    @Test
    void listDocumentsPagesInIdOrderWithHeadRevisions() {
        String prefix = newId("list") + "-";
        Instant before = Instant.now().minusSeconds(60);
        for (String s : List.of("c", "a", "e", "b", "d")) {
            create(prefix + s);
        }
        Edits a = new Edits(prefix + "a");
        await(store().append(List.of(a.type("cli-0001", 1, "x"), a.type("cli-0001", 2, "y"))));

        List<DocumentInfo> first = await(store().listDocuments(prefix, 2));
        assertEquals(List.of(prefix + "a", prefix + "b"), ids(first));
        assertEquals(2, first.get(0).rev(), "head revision of a");
        assertEquals(0, first.get(1).rev(), "head revision of b");
        assertTrue(first.get(0).createdAt().isAfter(before), "created just now: " + first.get(0).createdAt());
        assertTrue(first.get(0).createdAt().isBefore(Instant.now().plusSeconds(60)));

        assertEquals(List.of(prefix + "c", prefix + "d"), ids(await(store().listDocuments(prefix + "b", 2))));
        List<DocumentInfo> last = await(store().listDocuments(prefix + "d", 2));
        assertEquals(prefix + "e", last.get(0).docId());
        assertEquals(List.of(), await(store().listDocuments(prefix, 0)));
    }

    @Test
    void listingFromTheStartVisitsEveryDocumentOnceInOrder() {
        String prefix = newId("walk") + "-";
        List<String> mine = List.of(prefix + "1", prefix + "2", prefix + "3");
        mine.forEach(this::create);

        List<String> seen = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 10_000; page++) {
            List<DocumentInfo> docs = await(store().listDocuments(after, 3));
            assertTrue(docs.size() <= 3, "a page holds at most the limit");
            if (docs.isEmpty()) {
                break;
            }
            seen.addAll(ids(docs));
            after = docs.get(docs.size() - 1).docId();
        }
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i - 1).compareTo(seen.get(i)) < 0, "ascending, no repeats: " + seen.get(i - 1) + ", " + seen.get(i));
        }
        assertTrue(seen.containsAll(mine), "every document is listed");
        assertEquals(List.of(), await(store().listDocuments(null, 0)));
    }

    // ---------------------------------------------------------------- append and read back

    @Test
    void appendedRevisionsReadBackExactly() {
        String id = created("roundtrip");
        Edits e = new Edits(id);
        e.type("client-α", 1, "héllo 👋🏽 wörld");
        e.edit("client-α", 2, 6, 2, "🧑‍🤝‍🧑 \"quoted\" \\ back\\slash\n\ttab");
        e.edit("c-zero-00", 7, 0, 1, "\u0000nul and \u001f control");
        e.type("c-zero-00", 8, "𝕏 astral ☃ and combining é");
        await(store().append(e.revisions()));

        List<RevisionRecord> stored = await(store().revisions(id, 1, 100, 100));
        assertEquals(e.revisions(), stored);
        String text = "";
        for (RevisionRecord r : stored) {
            text = ((dev.tandem.ot.text.TextOperation) r.op()).apply(text);
        }
        assertEquals(e.text(), text, "replaying the stored operations rebuilds the text");
    }

    @Test
    void emptyAppendSucceeds() {
        await(store().append(List.of()));
    }

    @Test
    void appendOfAStoredRevisionConflictsAndStoresNothingOfItsBatch() {
        String id = created("fence");
        Edits mine = new Edits(id);
        await(store().append(List.of(mine.type("owner-a1", 1, "a"))));

        // Another sequencer, unaware of revision 1, writes its own revision 1 and 2.
        Edits other = new Edits(id);
        List<RevisionRecord> rival = List.of(other.type("owner-b1", 1, "b"), other.type("owner-b1", 2, "c"));
        assertConflict(store().append(rival));

        // A batch mixing a good row (revision 2) and a stored one (revision 1) stores neither.
        RevisionRecord good = mine.type("owner-a1", 2, "b");
        assertConflict(store().append(List.of(good, other.revisions().get(0))));

        assertEquals(Optional.of(1L), await(store().headRevision(id)));
        assertEquals(mine.range(1, 1), await(store().revisions(id, 1, 100, 100)));
    }

    @Test
    void appendOfAStoredSubmissionConflictsAndStoresNothingOfItsBatch() {
        String id = created("dedup");
        String otherDoc = created("dedup-other");
        Edits e = new Edits(id);
        await(store().append(List.of(e.type("client-1", 5, "a"))));

        // The same (client, seq) again, as a new revision: refused, along with the rest of the batch.
        Edits o = new Edits(otherDoc);
        RevisionRecord unrelated = o.type("client-9", 1, "z");
        RevisionRecord resubmitted = new RevisionRecord(id, 2, TextOperation.splice(1, 1, 0, "b"), "client-1", 5, Edits.T0);
        assertConflict(store().append(List.of(unrelated, resubmitted)));

        assertEquals(Optional.of(1L), await(store().headRevision(id)));
        assertEquals(Optional.of(0L), await(store().headRevision(otherDoc)), "the other document's row was not stored");
        // The same client and seq in another document is a different submission.
        await(store().append(List.of(new RevisionRecord(otherDoc, 1, TextOperation.splice(0, 0, 0, "z"), "client-1", 5, Edits.T0))));
        assertEquals(Optional.of(1L), await(store().headRevision(otherDoc)));
    }

    @Test
    void ofConcurrentWritersOfOneRevisionExactlyOneWins() {
        String id = created("race");
        List<Future<Void>> attempts = new ArrayList<>();
        for (int owner = 0; owner < 8; owner++) {
            Edits e = new Edits(id);
            attempts.add(store().append(List.of(e.type("owner-" + owner + "-x", 1, "text of " + owner))));
        }
        int won = 0;
        for (Future<Void> attempt : attempts) {
            Throwable t = failureOrNull(attempt);
            if (t == null) {
                won++;
            } else {
                StorageException e = assertInstanceOf(StorageException.class, t);
                assertEquals(StorageException.Code.CONFLICT, e.code());
            }
        }
        assertEquals(1, won, "exactly one writer commits revision 1");
        assertEquals(1, await(store().revisions(id, 1, 10, 10)).size());
    }

    @Test
    void duplicatesInsideOneBatchConflict() {
        String id = created("twice");
        Edits e = new Edits(id);
        RevisionRecord r1 = e.type("client-1", 1, "a");
        RevisionRecord sameRev = new RevisionRecord(id, 1, r1.op(), "client-2", 1, Edits.T0);
        assertConflict(store().append(List.of(r1, sameRev)));
        RevisionRecord sameSeq = new RevisionRecord(id, 2, TextOperation.splice(1, 1, 0, "b"), "client-1", 1, Edits.T0);
        assertConflict(store().append(List.of(r1, sameSeq)));
        assertEquals(Optional.of(0L), await(store().headRevision(id)));
    }

    @Test
    void oneBatchCanHoldSeveralDocuments() {
        String x = created("batch-x");
        String y = created("batch-y");
        Edits ex = new Edits(x);
        Edits ey = new Edits(y);
        List<RevisionRecord> batch = List.of(ex.type("cx-00001", 1, "x1"), ey.type("cy-00001", 1, "y1"),
                ex.type("cx-00001", 2, "x2"), ey.type("cy-00001", 2, "y2"), ey.type("cy-00001", 3, "y3"));
        await(store().append(batch));
        assertEquals(ex.revisions(), await(store().revisions(x, 1, 10, 10)));
        assertEquals(ey.revisions(), await(store().revisions(y, 1, 10, 10)));
        assertEquals(Optional.of(2L), await(store().headRevision(x)));
        assertEquals(Optional.of(3L), await(store().headRevision(y)));
    }

    @Test
    void appendToAnUnknownDocumentFailsAndCreatesNothing() {
        String known = created("known");
        String unknown = newId("unknown");
        Edits k = new Edits(known);
        Edits u = new Edits(unknown);
        Throwable failure = failureOf(store().append(List.of(k.type("client-1", 1, "k"), u.type("client-1", 1, "u"))));
        assertNotNull(failure);
        assertFalse(await(store().exists(unknown)), "appending must not create the document");
        assertEquals(Optional.empty(), await(store().headRevision(unknown)));
        assertEquals(Optional.of(0L), await(store().headRevision(known)), "the known document's row was not stored either");
    }

    // ---------------------------------------------------------------- reads

    @Test
    void revisionsHonourTheRangeAndTheLimit() {
        String id = created("range");
        Edits e = new Edits(id);
        for (int i = 1; i <= 10; i++) {
            e.type("client-1", i, Integer.toString(i));
        }
        await(store().append(e.revisions()));

        assertEquals(e.range(3, 7), await(store().revisions(id, 3, 7, 100)));
        assertEquals(e.range(3, 4), await(store().revisions(id, 3, 7, 2)), "limit keeps the first ones");
        assertEquals(e.range(9, 10), await(store().revisions(id, 9, 500, 100)), "a range past the head stops at the head");
        assertEquals(e.range(1, 10), await(store().revisions(id, 0, Long.MAX_VALUE, 100)));
        assertEquals(List.of(), await(store().revisions(id, 7, 3, 100)), "from after to");
        assertEquals(List.of(), await(store().revisions(id, 11, 20, 100)));
        assertEquals(List.of(), await(store().revisions(id, 1, 10, 0)));
        assertEquals(List.of(), await(store().revisions(newId("nothing"), 1, 10, 10)));
    }

    @Test
    void headRevisionFollowsAppends() {
        String id = created("head");
        assertEquals(Optional.empty(), await(store().headRevision(newId("nothing"))));
        assertEquals(Optional.of(0L), await(store().headRevision(id)));
        Edits e = new Edits(id);
        await(store().append(List.of(e.type("client-1", 1, "a"))));
        await(store().append(List.of(e.type("client-1", 2, "b"), e.type("client-1", 3, "c"))));
        assertEquals(Optional.of(3L), await(store().headRevision(id)));
    }

    @Test
    void lastSubmissionIsTheHighestSeqOfThatClientInThatDocument() {
        String id = created("last");
        String other = created("last-other");
        Edits e = new Edits(id);
        await(store().append(List.of(e.type("client-a", 1, "a"), e.type("client-b", 7, "b"), e.type("client-a", 3, "c"))));
        Edits o = new Edits(other);
        await(store().append(List.of(o.type("client-a", 40, "z"))));

        assertEquals(Optional.of(new ClientSubmission(3, 3)), await(store().lastSubmission(id, "client-a")));
        assertEquals(Optional.of(new ClientSubmission(7, 2)), await(store().lastSubmission(id, "client-b")));
        assertEquals(Optional.of(new ClientSubmission(40, 1)), await(store().lastSubmission(other, "client-a")));
        assertEquals(Optional.empty(), await(store().lastSubmission(id, "client-c")));
        assertEquals(Optional.empty(), await(store().lastSubmission(newId("nothing"), "client-a")));
    }

    @Test
    void submissionRevisionFindsWhichRevisionAnyStoredSubmissionBecame() {
        String id = created("submission");
        String other = created("submission-other");
        Edits e = new Edits(id);
        await(store().append(List.of(e.type("client-a", 1, "a"), e.type("client-b", 1, "b"), e.type("client-a", 4, "c"),
                e.type("client-a", 9, "d"))));
        await(store().append(List.of(new Edits(other).type("client-a", 2, "z"))));

        assertEquals(Optional.of(1L), await(store().submissionRevision(id, "client-a", 1)));
        assertEquals(Optional.of(3L), await(store().submissionRevision(id, "client-a", 4)));
        assertEquals(Optional.of(2L), await(store().submissionRevision(id, "client-b", 1)));
        assertEquals(Optional.empty(), await(store().submissionRevision(id, "client-a", 2)), "a seq never stored");
        assertEquals(Optional.empty(), await(store().submissionRevision(id, "client-c", 1)));
        assertEquals(Optional.of(1L), await(store().submissionRevision(other, "client-a", 2)));
        assertEquals(Optional.empty(), await(store().submissionRevision(newId("nothing"), "client-a", 1)));
    }

    // ---------------------------------------------------------------- snapshots

    @Test
    void loadStartsFromTheLatestSnapshotAndReadsOnlyLaterRevisions() {
        String id = created("load");
        Edits e = new Edits(id);
        for (int i = 1; i <= 7; i++) {
            e.type("client-1", i, "w" + i + " ");
        }
        await(store().append(e.revisions()));
        await(store().saveSnapshot(id, 2, e.textAt(2)));
        await(store().saveSnapshot(id, 5, e.textAt(5)));

        LoadedDocument loaded = await(store().load(id)).orElseThrow();
        assertEquals(new Snapshot(id, 5, e.textAt(5)), loaded.snapshot());
        assertEquals(e.range(6, 7), loaded.revisionsAfter(), "only the revisions after the snapshot");
        assertEquals(7, loaded.headRevision());
        String text = loaded.snapshot().content();
        for (RevisionRecord r : loaded.revisionsAfter()) {
            text = ((dev.tandem.ot.text.TextOperation) r.op()).apply(text);
        }
        assertEquals(e.text(), text);
    }

    @Test
    void loadOfASnapshotAtTheHeadHasNoRevisionsAfter() {
        String id = created("load-head");
        Edits e = new Edits(id);
        await(store().append(List.of(e.type("client-1", 1, "abc"), e.type("client-1", 2, "def"))));
        await(store().saveSnapshot(id, 2, e.text()));
        LoadedDocument loaded = await(store().load(id)).orElseThrow();
        assertEquals(new Snapshot(id, 2, "abcdef"), loaded.snapshot());
        assertEquals(List.of(), loaded.revisionsAfter());
        assertEquals(2, loaded.headRevision());
    }

    @Test
    void loadOfAnUnknownDocumentIsEmpty() {
        assertEquals(Optional.empty(), await(store().load(newId("nothing"))));
    }

    @Test
    void snapshotAtOrBeforePicksTheNewestNotAfterTheRevision() {
        String id = created("at");
        Edits e = new Edits(id);
        for (int i = 1; i <= 5; i++) {
            e.type("client-1", i, "r" + i);
        }
        await(store().append(e.revisions()));
        await(store().saveSnapshot(id, 2, e.textAt(2)));
        await(store().saveSnapshot(id, 4, e.textAt(4)));

        assertEquals(new Snapshot(id, 0, ""), await(store().snapshotAtOrBefore(id, 1)));
        assertEquals(new Snapshot(id, 2, e.textAt(2)), await(store().snapshotAtOrBefore(id, 2)));
        assertEquals(new Snapshot(id, 2, e.textAt(2)), await(store().snapshotAtOrBefore(id, 3)));
        assertEquals(new Snapshot(id, 4, e.textAt(4)), await(store().snapshotAtOrBefore(id, 4)));
        assertEquals(new Snapshot(id, 4, e.textAt(4)), await(store().snapshotAtOrBefore(id, 1_000)));
        String unknown = newId("nothing");
        assertEquals(new Snapshot(unknown, 0, ""), await(store().snapshotAtOrBefore(unknown, 10)));
    }

    @Test
    void snapshotsKeepAnyTextExactlyAndSavingTwiceIsHarmless() {
        String id = created("snap");
        Edits e = new Edits(id);
        String text = "emoji 👋🏽🧑‍🤝‍🧑, NUL \u0000, 𝕏, \"quotes\" and \\ backslash\r\n";
        await(store().append(List.of(e.type("client-1", 1, text))));
        await(store().saveSnapshot(id, 1, text));
        await(store().saveSnapshot(id, 1, text));
        assertEquals(new Snapshot(id, 1, text), await(store().snapshotAtOrBefore(id, 1)));
        assertEquals(new Snapshot(id, 1, text), await(store().load(id)).orElseThrow().snapshot());
    }

    @Test
    void snapshotOfAnUnknownDocumentFails() {
        String unknown = newId("nothing");
        assertNotNull(failureOf(store().saveSnapshot(unknown, 1, "text")));
        assertFalse(await(store().exists(unknown)));
    }

    // ---------------------------------------------------------------- helpers

    /** A fresh valid document id ({@code [A-Za-z0-9._-]}, unique per call). */
    protected static String newId(String hint) {
        return hint + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** Creates a document with a fresh id and returns the id. */
    protected String created(String hint) {
        return create(newId(hint));
    }

    /** Creates the document {@code id}, which must be new, and returns the id. */
    protected String create(String id) {
        assertTrue(await(store().createDocument(id)), "created " + id);
        return id;
    }

    /** Waits for {@code future} and returns its result, or throws its failure. */
    protected static <T> T await(Future<T> future) {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within 30 s", e);
        }
    }

    /** Waits for {@code future} to fail and returns why. */
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

    /** Waits for {@code future}: null if it succeeded, else why it failed. */
    protected static Throwable failureOrNull(Future<?> future) {
        try {
            future.await(30, TimeUnit.SECONDS);
            return null;
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within 30 s", e);
        } catch (Throwable t) {
            return t;
        }
    }

    protected static void assertConflict(Future<?> future) {
        Throwable t = failureOf(future);
        StorageException e = assertInstanceOf(StorageException.class, t, "a StorageException, got " + t);
        assertEquals(StorageException.Code.CONFLICT, e.code(), e.getMessage());
    }

    private static List<String> ids(List<DocumentInfo> docs) {
        return docs.stream().map(DocumentInfo::docId).toList();
    }
}
