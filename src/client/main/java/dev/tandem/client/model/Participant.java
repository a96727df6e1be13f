package dev.tandem.client.model;

import dev.tandem.protocol.User;
import dev.tandem.ot.text.Selection;

/**
 * Another person in the document as this client sees them: {@code selection} is in the local
 * text's code points (already moved through every edit since they sent it), null when hidden.
 */
public record Participant(String clientId, User user, Selection selection, boolean typing) {
}
