package dev.tandem.sequencer;

import dev.tandem.storage.RevisionRecord;
import java.util.ArrayList;
import java.util.List;

/** The most recent revisions of a document, in a ring of fixed capacity. */
final class History {
    private final RevisionRecord[] ring;
    private int size;
    private int start; // index of the oldest

    History(int capacity) {
        ring = new RevisionRecord[capacity];
    }

    void add(RevisionRecord r) {
        if (size > 0 && r.rev() != newest().rev() + 1) {
            throw new IllegalStateException("history gap: " + newest().rev() + " then " + r.rev());
        }
        if (size < ring.length) {
            ring[(start + size++) % ring.length] = r;
        } else {
            ring[start] = r;
            start = (start + 1) % ring.length;
        }
    }

    boolean isEmpty() {
        return size == 0;
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
