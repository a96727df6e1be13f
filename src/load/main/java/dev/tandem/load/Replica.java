package dev.tandem.load;

/**
 * A simulated user's copy of its document, as the user's behaviour needs it: the length to type
 * into, a caret, its own edits and, at the end of a run, what to compare with the server. Either
 * the client library's full model ({@link FullReplica}) or one that keeps the library's client
 * state machine but not the content ({@link LiteReplica}); either on any document type a
 * {@link Typing} exists for. Used on the connection's event loop only.
 */
interface Replica {
    String docId();

    /** Open and in sync with the server's stream (edits may be typed). */
    boolean isLive();

    /**
     * Edits may be typed even if they cannot be sent yet: open once, and not closed. The client
     * library's model keeps edits made offline and sends them once open again; a lite copy types
     * only while live.
     */
    default boolean canEdit() {
        return isLive();
    }

    /** Length of the local document in its type's unit. */
    int length();

    /** Where the user types, in the local document. */
    int caret();

    /** Puts the caret at {@code position} (no presence is sent). */
    void placeCaret(int position);

    /** Types {@code s} at the caret, submitted under the next seq (or buffered behind the one in flight). */
    void type(String s);

    /** Deletes the character before the caret, if there is one. */
    void backspace();

    /** Sets ({@code on}) or removes {@code attribute} on up to {@code count} units before the caret. */
    void format(int count, String attribute, boolean on);

    /** The seq of the last local edit (the next one is this + 1). */
    long lastSeq();

    long revision();

    /** Live, with no local edit waiting for the server. */
    boolean isSynced();

    /** The local document in its type's stored form, or null if this replica does not keep it. */
    String text();

    /** Moves the caret and tells the others (presence storm); only a full replica can. */
    void movePresence(int position);
}
