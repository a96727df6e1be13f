package dev.tandem.load;

/** What a simulated user does on each tick. */
enum Behaviour {
    /** Inserts a character at its caret (80%) or deletes the one before it (20%), on a timer. */
    TYPING,
    /** Types as {@link #TYPING}, but the next keystroke goes out only once the previous is acknowledged. */
    CLOSED_LOOP,
    /** Moves its caret, no edits. */
    PRESENCE,
    /** Drags one canvas object and moves the pointer with it (W6, W7). */
    DRAGGING,
    /** Connected and open, nothing else. */
    IDLE
}
