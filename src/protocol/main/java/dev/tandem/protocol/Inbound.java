package dev.tandem.protocol;

/**
 * One message of a client frame as the server decoded it: a valid {@link ClientMessage}, or why it
 * is not one, with what could be read of it to address the error.
 */
public sealed interface Inbound {

    /** A well-formed message. */
    record Valid(ClientMessage message) implements Inbound {
    }

    /**
     * A message that cannot be handled: {@code error} says why; {@code type}, {@code doc} and
     * {@code seq} are what the message said they were (null when absent or unreadable), so the
     * error reply can name the document and submission.
     */
    record Invalid(TandemException error, String type, String doc, Long seq) implements Inbound {
    }
}
