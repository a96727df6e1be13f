package dev.tandem.client.model;

import dev.tandem.client.wire.ServerMessage.PresenceEntry;
import dev.tandem.ot.OtException;
import dev.tandem.ot.Selection;
import dev.tandem.ot.TextOperation;
import dev.tandem.ot.TextOperation.Bias;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The other participants of a document with their selections in local-text coordinates.
 *
 * <p>A presence names the server revision its selection belongs to. One from the past is moved
 * through the server's operations since then (this roster keeps the last {@value #RECENT}), one
 * from the future waits until the text gets there, and both are then moved through the local
 * edits the server has not confirmed yet. Every move uses bias {@link Bias#BEFORE}: text typed
 * exactly at someone's caret by someone else does not push that caret.
 */
final class PresenceRoster {
    static final int RECENT = 256;

    private final Map<String, Participant> others = new LinkedHashMap<>();
    private final Map<String, PresenceEntry> early = new HashMap<>();
    /** Server operations of the revisions just before and up to the current one, oldest first. */
    private final ArrayDeque<TextOperation> recent = new ArrayDeque<>();

    Collection<Participant> all() {
        return Collections.unmodifiableCollection(others.values());
    }

    Participant get(String clientId) {
        return others.get(clientId);
    }

    /** The server committed {@code serverOp} as the next revision. */
    void serverRevision(TextOperation serverOp) {
        recent.addLast(serverOp);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    /** The local text changed by {@code op}: every known selection follows it. */
    void moveThrough(TextOperation op) {
        for (Map.Entry<String, Participant> e : others.entrySet()) {
            Participant p = e.getValue();
            if (p.selection() != null) {
                e.setValue(new Participant(p.clientId(), p.user(), p.selection().transform(op, Bias.BEFORE), p.typing()));
            }
        }
    }

    /**
     * Takes a presence into the roster; returns the participant as placed in the local text, or
     * null if it belongs to a revision this client has not reached yet.
     */
    Participant accept(PresenceEntry e, long rev, TextOperation unconfirmed, int localLength) {
        if (e.sel() != null && e.rev() > rev) {
            early.put(e.client(), e);
            return null;
        }
        early.remove(e.client());
        Participant previous = others.get(e.client());
        Participant p = new Participant(e.client(), e.user() != null || previous == null ? e.user() : previous.user(),
                e.sel() == null ? null : place(e.sel(), rev - e.rev(), unconfirmed, localLength), e.typing());
        others.put(e.client(), p);
        return p;
    }

    /** The text reached revision {@code rev}: places the presences that were waiting for it. */
    List<Participant> reached(long rev, TextOperation unconfirmed, int localLength) {
        if (early.isEmpty()) {
            return List.of();
        }
        List<Participant> placed = new ArrayList<>();
        for (Iterator<PresenceEntry> it = new ArrayList<>(early.values()).iterator(); it.hasNext(); ) {
            PresenceEntry e = it.next();
            if (e.rev() <= rev) {
                placed.add(accept(e, rev, unconfirmed, localLength));
            }
        }
        return placed;
    }

    Participant remove(String clientId) {
        early.remove(clientId);
        return others.remove(clientId);
    }

    /** Forgets everyone (a new roster follows) and, with {@code history}, the server operations too. */
    void clear(boolean history) {
        others.clear();
        early.clear();
        if (history) {
            recent.clear();
        }
    }

    private Selection place(Selection sel, long behind, TextOperation unconfirmed, int localLength) {
        try {
            Selection s = sel;
            if (behind <= recent.size()) {
                int skip = recent.size() - (int) behind;
                for (TextOperation op : recent) {
                    if (skip-- <= 0) {
                        s = s.transform(op, Bias.BEFORE);
                    }
                }
                if (unconfirmed != null) {
                    s = s.transform(unconfirmed, Bias.BEFORE);
                }
                return s;
            }
        } catch (OtException outOfRange) {
            // A selection beyond the text it claims to belong to: show it clamped rather than fail.
        }
        // Too old to move precisely (or invalid): the nearest positions that exist are the best guess.
        return new Selection(Math.max(0, Math.min(sel.anchor(), localLength)), Math.max(0, Math.min(sel.head(), localLength)));
    }
}
