package dev.tandem.history;

import java.util.Map;

/**
 * A stretch of a document's history that people see as one entry of the timeline: revisions
 * {@code fromRev..toRev}, made between {@code startMillis} and {@code endMillis} (epoch ms), and
 * how many revisions each client id made in it (in order of their latest edit).
 */
public record EditingSession(long fromRev, long toRev, long startMillis, long endMillis, Map<String, Long> revisionsByClient) {

    /** Revisions in the session. */
    public long revisions() {
        return toRev - fromRev + 1;
    }
}
