package dev.tandem.client.model;

import dev.tandem.ot.text.TextOperation;

/**
 * Someone else's edit, revision {@code rev} on the server, as applied to the local text:
 * {@code op} is already transformed past this client's unconfirmed edits, so an editor mirroring
 * the local text applies it as is.
 */
public record RemoteChange(String doc, long rev, TextOperation op, String client, long seq) {
}
