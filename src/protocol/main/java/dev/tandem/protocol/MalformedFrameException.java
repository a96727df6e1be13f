package dev.tandem.protocol;

/** A server frame that is not what docs/PROTOCOL.md describes (seen by a client). */
public final class MalformedFrameException extends RuntimeException {
    public MalformedFrameException(String message) {
        super(message);
    }
}
