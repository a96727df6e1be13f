package dev.tandem.storage;

/** The full text of a document at a committed revision. */
public record Snapshot(String docId, long rev, String content) {
}
