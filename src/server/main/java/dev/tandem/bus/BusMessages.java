package dev.tandem.bus;

import dev.tandem.ot.sequencer.Submission;
import dev.tandem.ot.sequencer.RevisionRecord;
import java.util.List;

/** The records that travel on the event bus between gateways and sequencers. */
public final class BusMessages {
    private BusMessages() {
    }

    /** Open (or read) a document; {@code knownRev} is the revision the reader has, or -1. */
    public record OpenRequest(String docId, long knownRev) {
    }

    /**
     * The committed state at {@code rev}: {@code snapshot} (the full text) when the reader had no
     * revision or is too far behind ({@code reset}), otherwise the revisions after its {@code knownRev}.
     */
    public record OpenReply(long rev, String snapshot, List<RevisionRecord> ops, boolean reset) {
    }

    /** A client's edit for a document. */
    public record SubmitRequest(String docId, Submission submission) {
    }

    /** The edit is revision {@code rev}; {@code duplicate} if it had been committed before. */
    public record SubmitReply(long rev, boolean duplicate) {
    }

    /** Ask a node to run the sequencer of a document (creating the document if {@code create}). */
    public record ActivateRequest(String docId, boolean create) {
    }

    /**
     * A participant's presence in a document, relayed between gateways. {@code anchor}/{@code head}
     * are -1 when no caret is shown; {@code left} means the participant went away.
     */
    public record PresenceUpdate(String docId, String clientId, String sessionId, String name, String color,
            long rev, int anchor, int head, boolean typing, boolean left, long sentAtMillis) {
    }

    static final Class<?>[] ALL = {OpenRequest.class, OpenReply.class, SubmitRequest.class, SubmitReply.class,
        ActivateRequest.class, PresenceUpdate.class, RevisionRecord.class};
}
