package dev.tandem.protocol;

/**
 * What a client does after an error, per {@link ErrorCode}: the one recovery policy of
 * docs/PROTOCOL.md ("Errors and recovery"), followed by the Java and the browser client and
 * checked by both against the table the build exports. Every action keeps the person's edits:
 * either they are sent again, or, where they cannot be rebased, they are offered to the person.
 */
public enum Recovery {
    /** Send the same submission again after {@code retryAfterMs} (transformed by whatever arrived meanwhile). */
    RETRY,
    /**
     * The client's copy is fine: after {@code retryAfterMs} (or a backoff), open the document
     * again with its revision ({@code open} with {@code rev}), then resubmit the edit in flight
     * (deduplication makes that safe) and the rest. Unsent edits stay.
     */
    CATCH_UP,
    /** The session is broken: connect again (a new {@code hello}), then catch up as in {@link #CATCH_UP}. */
    RECONNECT,
    /**
     * The client's copy may be out of step: open without {@code rev} (a snapshot). Edits not
     * acknowledged cannot be rebased on it: they are kept aside and offered to the person (to copy
     * or download), never dropped silently.
     */
    RESYNC,
    /** Nothing can succeed by retrying: stop using the document (or the session) and tell the person why. */
    STOP,
    /**
     * The client sent something this server does not take (a client bug): report it; the
     * document is unchanged. If the error names the edit in flight ({@code seq}), that edit can
     * never be acknowledged: {@link #RESYNC}.
     */
    REPORT,
    /**
     * The session's access token is missing, invalid or expired: ask the application for a new
     * token, connect again with it, then catch up as in {@link #CATCH_UP}. Unsent edits stay.
     */
    REAUTHENTICATE;

    /** The action for a code this client does not know (from a newer server): by its {@code resync} flag. */
    public static Recovery forUnknown(boolean resync) {
        return resync ? RESYNC : REPORT;
    }

    /** The action for an error as a client received it. */
    public static Recovery of(ServerMessage.Error e) {
        ErrorCode code = e.knownCode();
        return code == null ? forUnknown(e.resync()) : code.recovery();
    }
}
