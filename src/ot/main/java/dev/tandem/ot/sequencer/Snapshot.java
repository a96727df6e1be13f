package dev.tandem.ot.sequencer;

/** The full text of a document at a committed revision. */
public record Snapshot(String docId, long rev, String content) {
}
