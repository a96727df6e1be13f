package dev.tandem.client.model;

import dev.tandem.protocol.ClientMessage;

/** Where a {@link DocumentModel} puts the messages it wants sent to the server. */
@FunctionalInterface
public interface Outbox {
    void send(ClientMessage message);
}
