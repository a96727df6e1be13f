package dev.tandem.storage;

import java.time.Instant;

/** A line of the document list: id, type, head revision, creation time. */
public record DocumentInfo(String docId, String type, long rev, Instant createdAt) {
}
