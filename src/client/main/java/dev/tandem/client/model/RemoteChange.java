package dev.tandem.client.model;

import dev.tandem.ot.Operation;

/**
 * Someone else's edit, revision {@code rev} on the server, as applied to the local copy. For the
 * OT types {@code op} is already transformed past this client's unconfirmed edits, so an editor
 * mirroring the local copy applies it as is; for a canvas it is the batch as committed (our
 * pending values still mask it where we set the same properties).
 */
public record RemoteChange<O extends Operation>(String doc, long rev, O op, String client, long seq) {
}
