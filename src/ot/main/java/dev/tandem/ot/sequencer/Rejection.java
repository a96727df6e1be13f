package dev.tandem.ot.sequencer;

/**
 * Why the {@link Sequencer} refused a submission. Each name is also the name of the wire
 * protocol's error code for it ({@code dev.tandem.protocol.ErrorCode}, pinned by a test), so the
 * OT core needs no protocol import.
 */
public enum Rejection {
    MALFORMED_MESSAGE,
    STALE_SEQUENCE,
    REVISION_IN_FUTURE,
    REVISION_TOO_OLD,
    OPERATION_DOES_NOT_FIT,
    DOCUMENT_TOO_LARGE,
    TYPE_MISMATCH,
    INTERNAL_ERROR
}
