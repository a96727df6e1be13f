package dev.tandem.client.model;

import dev.tandem.ot.text.TextOperation;

/**
 * What one event did to the client state: the {@code next} state, the edit to {@code send} as a
 * submission (or null) and the operation to {@code apply} to the local text (or null).
 */
public record Step(ClientState next, Pending send, TextOperation apply) {

    static Step to(ClientState next) {
        return new Step(next, null, null);
    }
}
