package dev.tandem.client.model;

import dev.tandem.ot.Operation;

/**
 * What one event did to the client state: the {@code next} state, the edit to {@code send} as a
 * submission (or null) and the operation to {@code apply} to the local copy (or null).
 */
public record Step<O extends Operation>(ClientState<O> next, Pending<O> send, O apply) {

    static <O extends Operation> Step<O> to(ClientState<O> next) {
        return new Step<>(next, null, null);
    }
}
