package dev.tandem.client.model;

import dev.tandem.ot.text.TextOperation;

/**
 * Local edits the server never confirmed and this client had to drop. {@code edits} is all of
 * them as one operation on the server's text at the last revision this client knew, and
 * {@code textSeen} is the local text the person was looking at. {@code reason} is the error code
 * that forced the drop, or {@code "RESET"}. An application may show them, or diff
 * {@code textSeen} against the new text to offer them again.
 */
public record LostEdits(String doc, String textSeen, TextOperation edits, String reason) {
}
