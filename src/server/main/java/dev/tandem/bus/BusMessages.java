package dev.tandem.bus;

import dev.tandem.ot.sequencer.RevisionRecord;
import dev.tandem.ot.sequencer.Submission;
import java.util.List;

/** The records that travel on the event bus between gateways and sequencers. */
public final class BusMessages {
    private BusMessages() {
    }

    /**
     * Open (or read) a document; {@code knownRev} is the revision the reader has, or -1;
     * {@code docType}, when not null, is the type the reader expects (another gets {@code TYPE_MISMATCH}).
     */
    public record OpenRequest(String docId, long knownRev, String docType) {
    }

    /**
     * The committed state at {@code rev} of a document of type {@code docType}: {@code snapshot}
     * (the stored form of the whole content) when the reader had no revision or is too far behind
     * ({@code reset}), otherwise the revisions after its {@code knownRev}.
     */
    public record OpenReply(String docType, long rev, String snapshot, List<RevisionRecord> ops, boolean reset) {
    }

    /** A client's edit for a document. */
    public record SubmitRequest(String docId, Submission submission) {
    }

    /** The edit is revision {@code rev}; {@code duplicate} if it had been committed before. */
    public record SubmitReply(long rev, boolean duplicate) {
    }

    /**
     * Ask a node to run the sequencer of a document, first creating it with type
     * {@code createType} unless that is null.
     */
    public record ActivateRequest(String docId, String createType) {
    }

    /**
     * A participant's presence in a document, relayed between gateways. {@code sel} is the
     * selection's JSON text as the document's type checked it, or null when none is shown;
     * {@code left} means the participant went away.
     */
    public record PresenceUpdate(String docId, String clientId, String sessionId, String name, String color,
            long rev, String sel, boolean typing, boolean left, long sentAtMillis) {
    }

    static final Class<?>[] ALL = {OpenRequest.class, OpenReply.class, SubmitRequest.class, SubmitReply.class,
        ActivateRequest.class, PresenceUpdate.class, RevisionRecord.class};
}
