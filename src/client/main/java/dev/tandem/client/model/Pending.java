package dev.tandem.client.model;

import dev.tandem.ot.Operation;

/**
 * A local edit not yet acknowledged, with the {@code seq} it is (or will be) submitted under.
 * The operation always applies to the copy just before it: the server's revision for the one in
 * flight, the in-flight result for the buffer.
 */
public record Pending<O extends Operation>(long seq, O op) {
}
