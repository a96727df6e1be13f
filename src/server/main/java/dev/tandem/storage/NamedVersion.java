package dev.tandem.storage;

import java.time.Instant;

/** A revision somebody named ("Sent to legal"), by whom ({@code by} may be null: a tool without a client id) and when. */
public record NamedVersion(String docId, long rev, String name, Instant createdAt, Author by) {
}
