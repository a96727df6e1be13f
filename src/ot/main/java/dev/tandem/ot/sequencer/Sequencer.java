package dev.tandem.ot.sequencer;

import dev.tandem.ot.DocumentType;
import dev.tandem.ot.Operation;
import dev.tandem.ot.OtException;
import dev.tandem.ot.sequencer.ClientSubmission;
import dev.tandem.ot.sequencer.LoadedDocument;
import dev.tandem.ot.sequencer.RevisionRecord;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The core of the concurrency control that lives on the server: the single writer of one
 * document's history, of any {@link DocumentType}. Plain Java, no I/O: the {@code SequencerVerticle} hosts it and does the
 * storage round trips its {@link Outcome}s ask for.
 *
 * <p>A submission made on revision {@code base} is transformed against every revision after
 * {@code base}, in order, then applied and given the next revision number:
 *
 * <pre>
 *   base ── r1 ── r2 ── head          the history the client had not seen
 *     \                   \
 *      op ──transform────► op'         op' = op transformed past r1, r2, ..., head
 *                            └──► revision head + 1
 * </pre>
 *
 * <p>The in-memory state runs ahead of storage: a revision is sequenced here first, committed
 * after. {@link #markCommitted} tells the sequencer how far storage has caught up. If a commit
 * fails the whole sequencer must be discarded and the document reloaded from storage.
 */
public final class Sequencer {
    private final String docId;
    private final SequencerLimits limits;
    private final LongSupplier clock;
    private final WorkingCopy<?> document;
    private final History history;
    private final ClientTable clients;
    private long head;
    private long committedHead;

    /** Rebuilds the state from what storage holds. */
    public Sequencer(String docId, LoadedDocument loaded, SequencerLimits limits, LongSupplier clock) {
        this.docId = docId;
        this.limits = limits;
        this.clock = clock;
        this.document = WorkingCopy.open(loaded.type(), loaded.snapshot().content());
        this.history = new History(limits.historyWindow(), limits.historyKeepMillis(), limits.maxCatchUp());
        this.clients = new ClientTable(limits.maxClients());
        this.head = loaded.snapshot().rev();
        for (RevisionRecord r : loaded.revisionsAfter()) {
            if (r.rev() != head + 1) {
                throw new IllegalStateException(docId + ": stored revisions jump from " + head + " to " + r.rev());
            }
            document.apply(r.op());
            history.add(r);
            head = r.rev();
        }
        this.committedHead = head;
    }

    public String docId() {
        return docId;
    }

    /** The newest sequenced revision (possibly not yet committed). */
    public long head() {
        return head;
    }

    /** The newest revision known to be committed. */
    public long committedHead() {
        return committedHead;
    }

    /** The document's type. */
    public DocumentType<?> type() {
        return document.type;
    }

    /** The stored form of the current content (at {@link #head()}). O(n): for snapshots and readers, not per keystroke. */
    public String snapshot() {
        return document.snapshot();
    }

    /** The current size, in the type's unit (code points for text). */
    public long size() {
        return document.size();
    }

    /** Records that storage now holds every revision up to {@code rev}. */
    public void markCommitted(long rev) {
        if (rev > head) {
            throw new IllegalArgumentException("committed " + rev + " beyond head " + head);
        }
        committedHead = Math.max(committedHead, rev);
    }

    /** Records what storage says about a client's last submission (null: it never submitted). */
    public void learnClient(String clientId, ClientSubmission last) {
        if (!clients.knows(clientId)) {
            clients.put(clientId, last == null ? new ClientSubmission(0, 0) : last, committedHead);
        }
    }

    /** Sequences a submission whose base is recent enough to be in memory. */
    public Outcome submit(Submission s) {
        return submit(s, List.of());
    }

    /**
     * Sequences a submission, with {@code older} = the stored revisions between its base and the
     * in-memory history, when {@link Outcome.NeedHistory} asked for them.
     */
    public Outcome submit(Submission s, List<RevisionRecord> older) {
        if (s.seq() < 1) {
            return reject(Rejection.MALFORMED_MESSAGE, "seq must be 1 or more, got " + s.seq(), null);
        }
        ClientSubmission last = clients.get(s.clientId());
        if (last == null) {
            return new Outcome.NeedClient(s.clientId());
        }
        if (s.seq() == last.seq()) {
            return new Outcome.Duplicate(last.rev());
        }
        if (s.seq() < last.seq()) {
            return earlierInMemory(s);
        }
        if (s.base() < 0 || s.base() > head) {
            return reject(Rejection.REVISION_IN_FUTURE, "base revision " + s.base() + " is after the head " + head, null);
        }
        if (head - s.base() > limits.maxCatchUp()) {
            return reject(Rejection.REVISION_TOO_OLD, "base revision " + s.base() + " is " + (head - s.base())
                    + " revisions behind; at most " + limits.maxCatchUp() + " can be caught up", null);
        }
        if (!document.accepts(s.op())) {
            return reject(Rejection.TYPE_MISMATCH, "a " + document.type.name() + " document takes only "
                    + document.type.name() + " operations", null);
        }
        long firstNeeded = s.base() + 1;
        long inMemory = Math.min(history.oldestRev(), head + 1);
        if (firstNeeded < inMemory && !coversExactly(older, firstNeeded, inMemory - 1)) {
            return new Outcome.NeedHistory(firstNeeded, inMemory - 1);
        }
        Operation op = s.op();
        long baseSize = document.baseSize(op);
        if (baseSize >= 0) {
            long sizeAtBase = sizeAt(s.base(), older);
            if (baseSize != sizeAtBase) {
                String detail = baseSize > sizeAtBase ? "PAST_END" : "BASE_LENGTH_MISMATCH";
                return reject(Rejection.OPERATION_DOES_NOT_FIT, "operation covers " + baseSize
                        + " but the document had " + sizeAtBase + " at revision " + s.base(), detail);
            }
        }
        try {
            for (RevisionRecord r : older) {
                op = document.transform(op, r.op());
            }
            for (long r = Math.max(firstNeeded, inMemory); r <= head; r++) {
                op = document.transform(op, history.get(r).op());
            }
        } catch (OtException e) {
            // With the base size checked, operations that fit their base always transform; a
            // type that does not fix it (rich text) reports a misfit here.
            return baseSize >= 0
                    ? reject(Rejection.INTERNAL_ERROR, "transform failed: " + e.getMessage(), e.code().name())
                    : reject(Rejection.OPERATION_DOES_NOT_FIT, e.getMessage(), e.code().name());
        }
        long sizeAfter = document.sizeAfter(op);
        if (sizeAfter > limits.maxDocumentLength()) {
            return reject(Rejection.DOCUMENT_TOO_LARGE, "the edit would make the document " + sizeAfter
                    + " long; the limit is " + limits.maxDocumentLength(), null);
        }
        Operation applied;
        try {
            applied = document.apply(op);
        } catch (OtException e) {
            return reject(Rejection.OPERATION_DOES_NOT_FIT, e.getMessage(), e.code().name());
        }
        head++;
        RevisionRecord record = new RevisionRecord(docId, head, applied, s.clientId(), s.seq(), clock.getAsLong());
        history.add(record);
        clients.put(s.clientId(), new ClientSubmission(s.seq(), head), committedHead);
        String snapshot = head % limits.snapshotEvery() == 0 ? document.snapshot() : null;
        return new Outcome.Accepted(record, snapshot);
    }

    /**
     * A seq older than the client's last: a retry of an edit sequenced before (its first attempt
     * timed out at the gateway while a pipelining client's later edits went in), or of one that
     * never was. Searched newest to oldest: a client's seqs grow with its revisions, so meeting
     * one of its smaller seqs first means this one was never sequenced.
     */
    private Outcome earlierInMemory(Submission s) {
        for (long r = head; r >= oldestInMemory(); r--) {
            RevisionRecord record = history.get(r);
            if (record.clientId().equals(s.clientId())) {
                if (record.seq() == s.seq()) {
                    return new Outcome.Duplicate(r);
                }
                if (record.seq() < s.seq()) {
                    return earlierSubmission(s, null);
                }
            }
        }
        return new Outcome.NeedSubmission(s.clientId(), s.seq());
    }

    /**
     * The answer to a seq older than the client's last once {@link Outcome.NeedSubmission} has
     * looked it up in storage: {@code storedRev} is the revision it became, or null if it never
     * became one.
     */
    public Outcome earlierSubmission(Submission s, Long storedRev) {
        if (storedRev != null) {
            return new Outcome.Duplicate(storedRev);
        }
        ClientSubmission last = clients.get(s.clientId());
        return reject(Rejection.STALE_SEQUENCE, "seq " + s.seq() + " is older than this client's last seq "
                + (last == null ? "" : last.seq() + " ") + "and was never committed", null);
    }

    /**
     * Revisions {@code from..head} if they are all in memory; null if some must come from storage
     * (then read {@code from..}{@link #oldestInMemory()}{@code -1} there).
     */
    public List<RevisionRecord> revisionsFrom(long from) {
        if (from > head) {
            return List.of();
        }
        if (from < history.oldestRev()) {
            return null;
        }
        return history.from(from);
    }

    /** The oldest revision held in memory, or head + 1 if none. */
    public long oldestInMemory() {
        return Math.min(history.oldestRev(), head + 1);
    }

    /** Number of clients remembered for dedup. */
    public int rememberedClients() {
        return clients.size();
    }

    /** The document's size at revision {@code base}, from the base size of the revision after it. */
    private long sizeAt(long base, List<RevisionRecord> older) {
        if (base == head) {
            return document.size();
        }
        if (!older.isEmpty() && older.get(0).rev() == base + 1) {
            return document.baseSize(older.get(0).op());
        }
        return document.baseSize(history.get(base + 1).op());
    }

    private static boolean coversExactly(List<RevisionRecord> older, long from, long to) {
        if (older.size() != to - from + 1) {
            return false;
        }
        for (int i = 0; i < older.size(); i++) {
            if (older.get(i).rev() != from + i) {
                return false;
            }
        }
        return true;
    }

    private static Outcome reject(Rejection code, String message, String detail) {
        return new Outcome.Rejected(code, message, detail);
    }
}
