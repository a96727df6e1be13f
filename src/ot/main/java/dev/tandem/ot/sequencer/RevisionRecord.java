package dev.tandem.ot.sequencer;

import dev.tandem.ot.Operation;

/**
 * One committed revision: operation {@code op} took document {@code docId} from revision
 * {@code rev - 1} to {@code rev}. {@code clientId}/{@code seq} identify the submission (dedup);
 * {@code timeMillis} is when it was sequenced (epoch milliseconds).
 */
public record RevisionRecord(String docId, long rev, Operation op, String clientId, long seq, long timeMillis) {
}
