package dev.tandem.ot.sequencer;

import dev.tandem.ot.sequencer.RevisionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent revisions of a document, in a ring: at least the last {@code window}, and
 * also every revision younger than {@code keepMillis} (by the revisions' own clock), up to
 * {@code cap}.
 *
 * <p>Why both: a submission is transformed against every revision since its base, and one whose
 * base has left memory waits for a read from storage while the document's queue waits behind
 * it. A fixed count covers very different times: 128 revisions are minutes of a quiet document
 * but 57 ms of a crowd typing 2,250 edits a second, where one burst of lag pushed bases out of
 * memory, every storage read added more lag, and the document never caught up. Keeping what
 * the last seconds produced makes memory follow the document's pace instead; a quiet document
 * still holds only {@code window} revisions, and the ring shrinks again after a burst.
 */
final class History {
    private final int window;
    private final long keepMillis;
    private final int cap;
    private RevisionRecord[] ring;
    private int size;
    private int start; // index of the oldest

    /** A ring of exactly {@code window} revisions. */
    History(int window) {
        this(window, 0, window);
    }

    History(int window, long keepMillis, int cap) {
        this.window = Math.max(1, window);
        this.keepMillis = keepMillis;
        this.cap = Math.max(this.window, cap);
        this.ring = new RevisionRecord[Math.min(this.window, 16)];
    }

    void add(RevisionRecord r) {
        if (size > 0 && r.rev() != newest().rev() + 1) {
            throw new IllegalStateException("history gap: " + newest().rev() + " then " + r.rev());
        }
        if (size == cap) {
            dropOldest();
        } else if (size == ring.length) {
            resize(Math.min(cap, ring.length * 2));
        }
        ring[(start + size++) % ring.length] = r;
        while (size > window && (keepMillis <= 0 || ring[start].timeMillis() < r.timeMillis() - keepMillis)) {
            dropOldest();
        }
        if (ring.length > 64 && size < ring.length / 4) {
            resize(Math.max(size * 2, Math.min(window, 16)));
        }
    }

    private void dropOldest() {
        ring[start] = null;
        start = (start + 1) % ring.length;
        size--;
    }

    private void resize(int capacity) {
        RevisionRecord[] next = new RevisionRecord[capacity];
        for (int i = 0; i < size; i++) {
            next[i] = ring[(start + i) % ring.length];
        }
        ring = next;
        start = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The oldest revision number held, or {@code Long.MAX_VALUE} when empty. */
    long oldestRev() {
        return size == 0 ? Long.MAX_VALUE : ring[start].rev();
    }

    RevisionRecord newest() {
        return ring[(start + size - 1) % ring.length];
    }

    /** The record of revision {@code rev}; it must be held. */
    RevisionRecord get(long rev) {
        long offset = rev - oldestRev();
        if (offset < 0 || offset >= size) {
            throw new IllegalArgumentException("revision " + rev + " not in memory");
        }
        return ring[(int) ((start + offset) % ring.length)];
    }

    /** Revisions {@code from..newest} (from must be held, or one past the newest). */
    List<RevisionRecord> from(long from) {
        List<RevisionRecord> out = new ArrayList<>();
        if (size == 0) {
            return out;
        }
        for (long r = from; r <= newest().rev(); r++) {
            out.add(get(r));
        }
        return out;
    }
}
