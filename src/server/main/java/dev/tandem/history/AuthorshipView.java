package dev.tandem.history;

import java.util.List;

/**
 * Who wrote each part of a document at revision {@code rev}: runs of {@code length} units from
 * {@code start} (the type's unit: code points for text, UTF-16 units for rich text), each by a
 * client id, or by null where the text was already there at revision {@code from}, where the
 * replay started (0 when it covers the whole history).
 */
public record AuthorshipView(long rev, long from, List<Run> runs) {

    /** {@code length} units from {@code start} written by {@code clientId} (null: before {@code from}). */
    public record Run(long start, long length, String clientId) {
    }
}
