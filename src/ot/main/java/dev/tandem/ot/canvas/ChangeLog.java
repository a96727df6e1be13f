package dev.tandem.ot.canvas;

import java.util.ArrayList;
import java.util.List;

/**
 * What applying an operation replaced, in order: for each step, an object's id and its state
 * before (null if it did not exist). Played backwards it restores the document; a client replica
 * uses it to take its unacknowledged changes off before applying the server's (as tldraw's
 * client rebases its speculative changes).
 */
final class ChangeLog {
    private final List<String> ids = new ArrayList<>();
    private final List<CanvasObject> before = new ArrayList<>();

    void record(String id, CanvasObject previous) {
        ids.add(id);
        before.add(previous);
    }

    /** The log of applying what {@code a} logged, then what {@code b} logged. */
    static ChangeLog concat(ChangeLog a, ChangeLog b) {
        ChangeLog out = new ChangeLog();
        for (ChangeLog log : List.of(a, b)) {
            out.ids.addAll(log.ids);
            out.before.addAll(log.before);
        }
        return out;
    }

    int size() {
        return ids.size();
    }

    String id(int i) {
        return ids.get(i);
    }

    CanvasObject before(int i) {
        return before.get(i);
    }
}
