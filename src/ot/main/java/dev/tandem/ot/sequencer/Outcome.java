package dev.tandem.ot.sequencer;

import dev.tandem.ot.sequencer.RevisionRecord;

/** What the {@link Sequencer} made of a submission. */
public sealed interface Outcome {

    /**
     * The edit became revision {@code revision.rev()}; commit it, then ack and broadcast.
     * {@code snapshot} is the full text at that revision when a snapshot is due, else null.
     */
    record Accepted(RevisionRecord revision, String snapshot) implements Outcome {
    }

    /** The same {@code (clientId, seq)} was sequenced before as revision {@code rev}: ack again, apply nothing. */
    record Duplicate(long rev) implements Outcome {
    }

    /** Refused; the document is unchanged. */
    record Rejected(Rejection reason, String message, String detail) implements Outcome {
    }

    /** The client's last submission must be looked up in storage first (dedup after a restart). */
    record NeedClient(String clientId) implements Outcome {
    }

    /**
     * A seq older than the client's last that is not in memory: look up in storage which revision
     * {@code (clientId, seq)} became, then ask {@link Sequencer#earlierSubmission}.
     */
    record NeedSubmission(String clientId, long seq) implements Outcome {
    }

    /** The base is older than the history in memory: fetch revisions {@code fromRev..toRev} from storage. */
    record NeedHistory(long fromRev, long toRev) implements Outcome {
    }
}
