package dev.tandem.history;

import dev.tandem.ot.Authorship;
import dev.tandem.ot.Document;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.DocumentTypes;
import dev.tandem.ot.Operation;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import dev.tandem.storage.DocumentStore;
import dev.tandem.storage.HistoryEntry;
import dev.tandem.storage.HistoryStore;
import dev.tandem.storage.RevisionCompactedException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a document's past through its type: the content at a kept revision (the snapshot at or
 * before it, then whole history entries), the change between two revisions (the stored
 * operations composed, or the type's diff), and who wrote which part (the entries replayed
 * through {@link Authorship}). Fails with the protocol's codes: {@code DOCUMENT_NOT_FOUND},
 * {@code REVISION_IN_FUTURE}, {@code REVISION_COMPACTED}, and {@code MALFORMED_MESSAGE} for
 * authorship of a type whose documents are not a sequence.
 */
public final class VersionReader {
    /** Entries read per query while replaying. */
    static final int PAGE = 2_000;

    private final DocumentStore documents;
    private final HistoryStore history;
    private final DocumentTypes types;

    public VersionReader(DocumentStore documents, HistoryStore history, DocumentTypes types) {
        this.documents = documents;
        this.history = history;
        this.types = types;
    }

    /** The document's type and head revision. */
    public Future<Head> head(String docId) {
        return documents.documentType(docId).compose(type -> {
            if (type.isEmpty()) {
                return Future.failedFuture(notFound(docId));
            }
            return documents.headRevision(docId).map(h -> new Head(types.get(type.get()), h.orElse(0L)));
        });
    }

    /** A document's type and its newest revision. */
    public record Head(DocumentType<?> type, long rev) {
    }

    /** The document at revision {@code rev}, which must be kept (not inside a compacted stretch). */
    public Future<Version> at(String docId, long rev) {
        return head(docId).compose(head -> at(docId, head, rev));
    }

    private Future<Version> at(String docId, Head head, long rev) {
        if (rev > head.rev()) {
            return Future.failedFuture(new TandemException(ErrorCode.REVISION_IN_FUTURE,
                    "revision " + rev + " is after the head " + head.rev()));
        }
        return documents.snapshotAtOrBefore(docId, rev).compose(snap -> {
            Document<?> doc = head.type().open(snap.content());
            return replay(docId, snap.rev(), rev, e -> apply(doc, e.op())).map(v -> new Version(docId, head.type(), rev, doc.snapshot()));
        });
    }

    /**
     * The stored operations after {@code fromRev} up to {@code toRev} composed into one: what
     * people did between the two (both kept revisions, {@code fromRev <= toRev}). Past
     * {@code maxEntries} entries it is the type's diff of the two contents instead.
     */
    public Future<Operation> changes(String docId, long fromRev, long toRev, int maxEntries) {
        return head(docId).compose(head -> {
            if (toRev > head.rev()) {
                return Future.failedFuture(new TandemException(ErrorCode.REVISION_IN_FUTURE,
                        "revision " + toRev + " is after the head " + head.rev()));
            }
            if (toRev - fromRev > maxEntries) {
                return diff(docId, head, fromRev, toRev);
            }
            Operation[] composed = new Operation[1];
            return requireKept(docId, fromRev).compose(kept -> replay(docId, fromRev, toRev, e -> {
                composed[0] = composed[0] == null ? e.op() : compose(head.type(), composed[0], e.op());
            })).compose(v -> composed[0] != null ? Future.succeededFuture(composed[0])
                    : at(docId, head, toRev).map(version -> noChange(head.type(), version.content())));
        });
    }

    /** The type's diff from the content at {@code fromRev} to the content at {@code toRev}: what restores {@code toRev} on {@code fromRev}. */
    public Future<Operation> diff(String docId, long fromRev, long toRev) {
        return head(docId).compose(head -> diff(docId, head, fromRev, toRev));
    }

    private Future<Operation> diff(String docId, Head head, long fromRev, long toRev) {
        return at(docId, head, fromRev).compose(from -> at(docId, head, toRev)
                .map(to -> (Operation) head.type().diff(from.content(), to.content())));
    }

    /**
     * Who wrote each part of the document at {@code rev}: the history replayed from the snapshot
     * at or before {@code rev - maxEntries} (from the start when that is 0), so at most about
     * {@code maxEntries} entries plus one snapshot interval are read.
     */
    public Future<AuthorshipView> authorship(String docId, long rev, long maxEntries) {
        return head(docId).compose(head -> {
            if (rev > head.rev()) {
                return Future.failedFuture(new TandemException(ErrorCode.REVISION_IN_FUTURE,
                        "revision " + rev + " is after the head " + head.rev()));
            }
            if (!walks(head.type())) {
                return Future.failedFuture(new TandemException(ErrorCode.MALFORMED_MESSAGE, head.type().name()
                        + " documents are not text: they have no authorship by position (see PROTOCOL.md)"));
            }
            return documents.snapshotAtOrBefore(docId, Math.max(0, rev - maxEntries)).compose(snap -> {
                long size = head.type().open(snap.content()).size();
                Authorship authorship = new Authorship(size, Authorship.UNKNOWN);
                Map<String, Integer> index = new HashMap<>();
                List<String> clients = new ArrayList<>();
                return replay(docId, snap.rev(), rev, e -> {
                    int author = index.computeIfAbsent(e.clientId(), c -> {
                        clients.add(c);
                        return clients.size() - 1;
                    });
                    fold(authorship, head.type(), e.op(), author);
                }).map(v -> {
                    List<AuthorshipView.Run> runs = new ArrayList<>();
                    for (Authorship.Span s : authorship.spans()) {
                        runs.add(new AuthorshipView.Run(s.start(), s.length(),
                                s.author() == Authorship.UNKNOWN ? null : clients.get(s.author())));
                    }
                    return new AuthorshipView(rev, snap.rev(), runs);
                });
            });
        });
    }

    /** Fails with REVISION_COMPACTED unless the document at {@code rev} is kept exactly. */
    private Future<Void> requireKept(String docId, long rev) {
        if (rev == 0) {
            return Future.succeededFuture();
        }
        return history.entryHolding(docId, rev).compose(e -> e.isEmpty() || e.get().rev() == rev
                ? Future.<Void>succeededFuture()
                : Future.failedFuture(new RevisionCompactedException(rev, e.get().firstRev() - 1, e.get().rev())));
    }

    /**
     * Hands {@code each} the entries after kept revision {@code afterRev} up to {@code toRev}, a
     * page at a time; fails with REVISION_COMPACTED if {@code toRev} ends inside an entry.
     */
    private Future<Void> replay(String docId, long afterRev, long toRev, Consumer<HistoryEntry> each) {
        if (afterRev >= toRev) {
            return Future.succeededFuture();
        }
        return history.entries(docId, afterRev + 1, toRev, PAGE).compose(page -> {
            long expected = afterRev + 1;
            for (HistoryEntry e : page) {
                if (e.firstRev() != expected) {
                    return Future.failedFuture(new IllegalStateException("history of " + docId + " does not follow on at "
                            + expected + ": " + e));
                }
                each.accept(e);
                expected = e.rev() + 1;
            }
            long reached = expected - 1;
            if (page.size() == PAGE && reached < toRev) {
                return replay(docId, reached, toRev, each);
            }
            if (reached == toRev) {
                return Future.succeededFuture();
            }
            // toRev lies inside the next entry (one ending after it): it was compacted.
            return history.entryHolding(docId, toRev).compose(e -> Future.failedFuture(e.isPresent()
                    ? new RevisionCompactedException(toRev, e.get().firstRev() - 1, e.get().rev())
                    : new IllegalStateException("history of " + docId + " ends at " + reached + " before " + toRev)));
        });
    }

    private static TandemException notFound(String docId) {
        return new TandemException(ErrorCode.DOCUMENT_NOT_FOUND, "document " + docId + " does not exist");
    }

    @SuppressWarnings("unchecked")
    private static <O extends Operation> void apply(Document<O> doc, Operation op) {
        doc.apply((O) op);
    }

    @SuppressWarnings("unchecked")
    private static <O extends Operation> Operation compose(DocumentType<O> type, Operation a, Operation b) {
        return type.compose((O) a, (O) b);
    }

    @SuppressWarnings("unchecked")
    private static <O extends Operation> void fold(Authorship authorship, DocumentType<O> type, Operation op, int author) {
        authorship.apply(type, (O) op, author);
    }

    /** The operation that changes nothing on {@code content}: its diff with itself. */
    private static Operation noChange(DocumentType<?> type, String content) {
        return type.diff(content, content);
    }

    /** Whether the type's documents are a sequence (it walks an operation that changes nothing). */
    public static <O extends Operation> boolean walks(DocumentType<O> type) {
        return type.walk(type.diff(type.emptySnapshot(), type.emptySnapshot()), new NoEdits());
    }

    /** Only asks whether the type walks at all. */
    private static final class NoEdits implements dev.tandem.ot.SequenceEdits {
        @Override
        public void retain(long n) {
        }

        @Override
        public void insert(long n) {
        }

        @Override
        public void delete(long n) {
        }
    }
}
