package dev.tandem.client;

import dev.tandem.protocol.ServerMessage;

/** A failure of a {@link TandemClient} operation; {@link #error()} is the server's refusal, if that was it. */
public final class TandemClientException extends RuntimeException {
    private final ServerMessage.Error error;

    public TandemClientException(String message) {
        super(message);
        this.error = null;
    }

    public TandemClientException(ServerMessage.Error error) {
        super(error.code() + ": " + error.message());
        this.error = error;
    }

    /** The server's error message, or null if the failure was not a refusal. */
    public ServerMessage.Error error() {
        return error;
    }

    /** The server's error code, or null. */
    public String code() {
        return error == null ? null : error.code();
    }
}
