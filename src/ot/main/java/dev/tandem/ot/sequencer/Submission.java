package dev.tandem.ot.sequencer;

import dev.tandem.ot.Operation;

/** An edit as a client submitted it: {@code op} made on revision {@code base}. */
public record Submission(String clientId, long seq, long base, Operation op) {
}
