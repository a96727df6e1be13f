package dev.tandem.ot.sequencer;

import dev.tandem.ot.text.TextOperation;

/** An edit as a client submitted it: {@code op} made on revision {@code base}. */
public record Submission(String clientId, long seq, long base, TextOperation op) {
}
