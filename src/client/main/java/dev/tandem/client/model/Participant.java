package dev.tandem.client.model;

import dev.tandem.protocol.User;

/**
 * Another person in the document as this client sees them: {@code selection} is in the local
 * copy's positions (already moved through every edit since they sent it), null when hidden. For
 * text it is a {@link dev.tandem.ot.text.Selection} in code points, for rich text one in UTF-16
 * units, for a canvas a {@link CanvasPresence}.
 */
public record Participant<S>(String clientId, User user, S selection, boolean typing) {
}
