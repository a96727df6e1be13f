package dev.tandem.client.wire;

import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.protocol.ErrorCode;
import java.util.List;

/** A message the server sends (docs/PROTOCOL.md), after JSON decoding. */
public sealed interface ServerMessage {

    /** The document a message is about, or null for session-level messages. */
    default String doc() {
        return null;
    }

    /** Answer to {@code hello}. */
    record Welcome(String session, String node, long maxMessageBytes) implements ServerMessage {
    }

    /**
     * Answer to {@code open}: either the revisions after the client's {@code rev} ({@code ops}),
     * or the whole text ({@code snapshot}, with {@code reset} when the client's revision was too old).
     */
    record Opened(String doc, long rev, String snapshot, boolean reset, List<Revision> ops,
            List<PresenceEntry> presence) implements ServerMessage {
        public Opened {
            ops = ops == null ? List.of() : List.copyOf(ops);
            presence = presence == null ? List.of() : List.copyOf(presence);
        }
    }

    /** The submission {@code seq} of this client became revision {@code rev}. */
    record Ack(String doc, long seq, long rev) implements ServerMessage {
    }

    /** Another client's committed edit, made on revision {@code rev - 1}. */
    record Op(String doc, long rev, TextOperation op, String client, long seq) implements ServerMessage {
    }

    /** Another participant's caret or selection at revision {@code rev}. */
    record Presence(String doc, PresenceEntry entry) implements ServerMessage {
    }

    /** A participant closed the document or went away. */
    record Left(String doc, String client) implements ServerMessage {
    }

    /** Answer to {@code close}. */
    record Closed(String doc) implements ServerMessage {
    }

    /**
     * A refused request. {@code code} is kept as sent (an unknown code from a newer server is not an
     * error); {@code doc}, {@code seq} and {@code retryAfterMs} are null when absent.
     */
    record Error(String code, String message, boolean resync, String doc, Long seq, Long retryAfterMs,
            String detail) implements ServerMessage {

        /** The code as a known {@link ErrorCode}, or null if this client does not know it. */
        public ErrorCode knownCode() {
            try {
                return ErrorCode.valueOf(code);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** Answer to {@code ping}, echoing its {@code t}. */
    record Pong(long t) implements ServerMessage {
    }

    /** A message type this client does not know; ignored, for forward compatibility. */
    record Unknown(String type) implements ServerMessage {
    }

    /** One committed revision as listed in {@code opened.ops}. */
    record Revision(long rev, TextOperation op, String client, long seq) {
    }

    /** A participant's presence: {@code sel} is null when their caret is hidden. */
    record PresenceEntry(String client, User user, long rev, Selection sel, boolean typing) {
    }
}
