package dev.tandem.storage;

/** A client's submission {@code seq} that became revision {@code rev}. */
public record ClientSubmission(long seq, long rev) {
}
