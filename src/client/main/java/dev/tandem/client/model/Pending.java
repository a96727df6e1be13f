package dev.tandem.client.model;

import dev.tandem.ot.text.TextOperation;

/**
 * A local edit not yet acknowledged, with the {@code seq} it is (or will be) submitted under.
 * The operation always applies to the text just before it: the server's revision for the one in
 * flight, the in-flight result for the buffer.
 */
public record Pending(long seq, TextOperation op) {
}
