package dev.tandem.storage;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the history people see is made of, beside the revisions themselves: the stored rows of a
 * document's timeline (compacted or not), named versions, who each client id is, and the
 * compaction of old history. Implementations must pass {@code HistoryStoreContract}.
 *
 * <p>Every method is asynchronous and safe to call from any Vert.x context. Arguments that cannot
 * be right (a null id, a negative limit) fail with {@link IllegalArgumentException}; a database
 * that cannot answer with {@link StorageException}.
 */
public interface HistoryStore {

    /** Rows with {@code fromRev <= rev <= toRev}, oldest first, with their operations; at most {@code limit}. */
    Future<List<HistoryEntry>> entries(String docId, long fromRev, long toRev, int limit);

    /**
     * Rows with {@code rev <= atOrBefore}, newest first, without their operations (the timeline);
     * at most {@code limit}.
     */
    Future<List<HistoryEntry>> timeline(String docId, long atOrBefore, int limit);

    /**
     * The row that holds revision {@code rev}: the one whose {@code firstRev()..rev} contains it;
     * empty if no row does (revision 0, beyond the head, or an unknown document).
     */
    Future<Optional<HistoryEntry>> entryHolding(String docId, long rev);

    /** Names revision {@code rev} (a revision that already has a name gets the new one). */
    Future<NamedVersion> nameVersion(String docId, long rev, String name, Author by);

    /** Named versions with {@code rev <= atOrBefore}, newest first, at most {@code limit}. */
    Future<List<NamedVersion>> namedVersions(String docId, long atOrBefore, int limit);

    /** Removes the name of revision {@code rev}; false if it had none. */
    Future<Boolean> deleteVersion(String docId, long rev);

    /** Records who {@code author.clientId()} is in this document (its latest name wins). */
    Future<Void> recordAuthor(String docId, Author author);

    /** The recorded authors of the document among {@code clientIds}, by client id. */
    Future<Map<String, Author>> authors(String docId, Collection<String> clientIds);

    /**
     * Documents after {@code afterId} (null: from the start), in id order, among the next
     * {@code limit} documents, that may have history to compact: revisions not yet looked at that
     * were sequenced before {@code olderThan}, beyond {@code keepRevisions} of the head. Ids of
     * server-internal documents are included. The last id examined is the next page's
     * {@code afterId}: the answer's {@link CompactionCandidates#lastExamined()}.
     */
    Future<CompactionCandidates> compactionCandidates(String afterId, Instant olderThan, long keepRevisions, int limit);

    /**
     * One batch of compaction of a document, in one transaction, taken only while no other node
     * compacts (a database-wide lock: the first to ask gets it; the others get {@code busy}).
     * Touches only revisions sequenced before {@code olderThan}, at or before the latest snapshot,
     * and more than {@code policy.keepRevisions()} behind the head.
     */
    Future<CompactionResult> compact(String docId, CompactionPolicy policy, Instant olderThan);

    /** One page of {@link #compactionCandidates}: the documents to compact, and where the page ended. */
    record CompactionCandidates(List<String> docIds, String lastExamined) {
    }
}
