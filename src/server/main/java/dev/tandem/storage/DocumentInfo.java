package dev.tandem.storage;

import java.time.Instant;

/** A line of the document list: id, head revision, creation time. */
public record DocumentInfo(String docId, long rev, Instant createdAt) {
}
