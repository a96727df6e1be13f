package dev.tandem.client.model;

import dev.tandem.ot.Operation;

/**
 * Local edits the server never confirmed and this client had to drop. {@code edits} is all of
 * them as one operation on the server's document at the last revision this client knew, and
 * {@code seen} is the local copy the person was looking at, in the type's stored form (for text
 * the text itself). {@code reason} is the error code that forced the drop, or {@code "RESET"}. An
 * application may show them, or diff {@code seen} against the new document to offer them again.
 */
public record LostEdits<O extends Operation>(String doc, String seen, O edits, String reason) {
}
