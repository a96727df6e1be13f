package dev.tandem.storage;

import dev.tandem.ot.sequencer.ClientSubmission;
import dev.tandem.ot.sequencer.LoadedDocument;
import dev.tandem.ot.sequencer.RevisionRecord;
import dev.tandem.ot.sequencer.Snapshot;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Durable home of documents: their revisions (the source of truth), snapshots (a shortcut for
 * loading) and the dedup record of which client submission became which revision.
 *
 * <p>Every method is asynchronous and safe to call from any Vert.x context. A revision exists
 * once {@link #append} has succeeded; callers acknowledge edits only then. Implementations must
 * pass {@code DocumentStoreContract}.
 */
public interface DocumentStore {

    /**
     * Creates an empty document (revision 0) of type {@code type}. Succeeds with {@code false}
     * if it already exists (whatever its type).
     */
    Future<Boolean> createDocument(String docId, String type);

    /** Creates an empty plain-text document; see {@link #createDocument(String, String)}. */
    default Future<Boolean> createDocument(String docId) {
        return createDocument(docId, dev.tandem.ot.DocumentTypes.DEFAULT);
    }

    /** Whether the document exists. */
    Future<Boolean> exists(String docId);

    /** The document's type, or empty if it does not exist. */
    Future<Optional<String>> documentType(String docId);

    /** Documents ordered by id, starting after {@code afterId} (null: from the start). */
    Future<List<DocumentInfo>> listDocuments(String afterId, int limit);

    /**
     * Everything needed to rebuild the current content: the document's type, its latest snapshot
     * (revision 0 with the type's empty snapshot if there is none) and every revision after it, in order. Empty if the document does
     * not exist. Never reads the whole history of a document that has snapshots.
     */
    Future<Optional<LoadedDocument>> load(String docId);

    /**
     * Appends revisions, possibly of several documents, atomically: all are stored or none.
     * Fails with {@link StorageException} code {@link StorageException.Code#CONFLICT} when a
     * {@code (doc, rev)} or a {@code (doc, client, seq)} is already stored; this is the fence
     * that stops two sequencers from both committing a revision.
     */
    Future<Void> append(List<RevisionRecord> revisions);

    /**
     * Stored revisions of a document with {@code fromRev <= rev <= toRev}, in order, at most
     * {@code limit}. History that compaction joined (older than the retention window, and never
     * within the catch-up limit of the head or after the latest snapshot, which is all the
     * sequencers and catching-up clients read) comes as one record per joined stretch, numbered
     * with the stretch's last revision; {@link HistoryStore#entries} says what each stands for.
     */
    Future<List<RevisionRecord>> revisions(String docId, long fromRev, long toRev, int limit);

    /** The client's submission with the highest seq for this document, if any (durable dedup). */
    Future<Optional<ClientSubmission>> lastSubmission(String docId, String clientId);

    /**
     * The revision that the client's submission {@code seq} became, if it is stored (dedup of late
     * retries), also where compaction joined it with the client's neighbouring submissions.
     */
    Future<Optional<Long>> submissionRevision(String docId, String clientId, long seq);

    /** Stores the full text of a document at a committed revision (idempotent). */
    Future<Void> saveSnapshot(String docId, long rev, String content);

    /** The newest snapshot at or before {@code rev}; revision 0 with the type's empty snapshot if none. */
    Future<Snapshot> snapshotAtOrBefore(String docId, long rev);

    /** The highest stored revision of a document (0 if none); empty if the document does not exist. */
    Future<Optional<Long>> headRevision(String docId);

    /** Succeeds when the store answers a trivial request (readiness: is the database reachable?). */
    Future<Void> ping();

    /** Releases connections. */
    Future<Void> close();
}
