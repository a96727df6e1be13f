package dev.tandem.history;

import dev.tandem.ot.DocumentType;

/** A document as it was at revision {@code rev}: its type and the stored form of its content. */
public record Version(String docId, DocumentType<?> type, long rev, String content) {
}
