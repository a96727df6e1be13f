package dev.tandem.ot.sequencer;

/** A client's submission {@code seq} that became revision {@code rev}. */
public record ClientSubmission(long seq, long rev) {
}
