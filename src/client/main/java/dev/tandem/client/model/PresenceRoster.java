package dev.tandem.client.model;

import dev.tandem.ot.Document;
import dev.tandem.ot.OtException;
import dev.tandem.ot.Operation;
import dev.tandem.protocol.MalformedFrameException;
import dev.tandem.protocol.ServerMessage.PresenceEntry;
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
 * edits the server has not confirmed yet. No move pushes a caret: text typed exactly at someone's
 * caret by someone else does not push that caret. Types whose selections edits do not move (a
 * canvas pointer, {@link ClientType#selectionsMove()}) skip all of this.
 *
 * <p>Local edits move the selections lazily: an edit is only logged, and a participant's
 * selection is brought up to date when someone asks for it (or when the log is long). In a
 * crowd of n people every operation would otherwise move n selections, n times per second per
 * author, on every client.
 */
final class PresenceRoster<O extends Operation, S> {
    static final int RECENT = 256;
    static final int MAX_UNSETTLED_MOVES = 256;

    private final ClientType<O, S> type;
    private final boolean moving;
    private final Map<String, Participant<S>> others = new LinkedHashMap<>();
    /** Local edits not yet applied to every selection; index {@code movesBase} is the oldest. */
    private final ArrayList<O> moves = new ArrayList<>();
    private long movesBase;
    /** For each participant, the move index its selection is current at. */
    private final Map<String, Long> settledAt = new HashMap<>();
    private final Map<String, PresenceEntry> early = new HashMap<>();
    /** Server operations of the revisions just before and up to the current one, oldest first. */
    private final ArrayDeque<O> recent = new ArrayDeque<>();

    PresenceRoster(ClientType<O, S> type) {
        this.type = type;
        this.moving = type.selectionsMove();
    }

    Collection<Participant<S>> all() {
        settleAll();
        return Collections.unmodifiableCollection(others.values());
    }

    Participant<S> get(String clientId) {
        return others.containsKey(clientId) ? settle(clientId) : null;
    }

    /** The server committed {@code serverOp} as the next revision. */
    void serverRevision(O serverOp) {
        if (!moving) {
            return;
        }
        recent.addLast(serverOp);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    /** The local text changed by {@code op}: every known selection follows it (when next read). */
    void moveThrough(O op) {
        if (!moving || others.isEmpty()) {
            movesBase += moves.size() + 1;
            moves.clear();
            return;
        }
        moves.add(op);
        if (moves.size() > MAX_UNSETTLED_MOVES) {
            settleAll();
        }
    }

    private long movesEnd() {
        return movesBase + moves.size();
    }

    /** Moves one participant's selection through the edits logged since it was last placed. */
    private Participant<S> settle(String clientId) {
        Participant<S> p = others.get(clientId);
        long at = settledAt.getOrDefault(clientId, movesEnd());
        long end = movesEnd();
        if (p.selection() != null && at < end) {
            S s = p.selection();
            for (long i = Math.max(at, movesBase); i < end; i++) {
                s = type.move(s, moves.get((int) (i - movesBase)), false);
            }
            p = new Participant<>(p.clientId(), p.user(), s, p.typing());
            others.put(clientId, p);
        }
        settledAt.put(clientId, end);
        return p;
    }

    private void settleAll() {
        for (String clientId : new ArrayList<>(others.keySet())) {
            settle(clientId);
        }
        movesBase = movesEnd();
        moves.clear();
    }

    /**
     * Takes a presence into the roster; returns the participant as placed in the local text, or
     * null if it belongs to a revision this client has not reached yet.
     */
    Participant<S> accept(PresenceEntry e, long rev, O unconfirmed, Document<O> local) {
        if (e.sel() != null && e.rev() > rev) {
            early.put(e.client(), e);
            return null;
        }
        early.remove(e.client());
        Participant<S> previous = others.containsKey(e.client()) ? settle(e.client()) : null;
        S sel;
        try {
            sel = type.readSelection(e.sel());
        } catch (MalformedFrameException notOurs) {
            sel = null; // the server checks selections; one this client cannot read is shown as hidden
        }
        Participant<S> p = new Participant<>(e.client(), e.user() != null || previous == null ? e.user() : previous.user(),
                sel == null ? null : place(sel, rev - e.rev(), unconfirmed, local), e.typing());
        others.put(e.client(), p);
        settledAt.put(e.client(), movesEnd()); // placed in the current local text
        return p;
    }

    /** The text reached revision {@code rev}: places the presences that were waiting for it. */
    List<Participant<S>> reached(long rev, O unconfirmed, Document<O> local) {
        if (early.isEmpty()) {
            return List.of();
        }
        List<Participant<S>> placed = new ArrayList<>();
        for (Iterator<PresenceEntry> it = new ArrayList<>(early.values()).iterator(); it.hasNext(); ) {
            PresenceEntry e = it.next();
            if (e.rev() <= rev) {
                placed.add(accept(e, rev, unconfirmed, local));
            }
        }
        return placed;
    }

    Participant<S> remove(String clientId) {
        early.remove(clientId);
        if (!others.containsKey(clientId)) {
            return null;
        }
        Participant<S> p = settle(clientId);
        others.remove(clientId);
        settledAt.remove(clientId);
        return p;
    }

    /** Forgets everyone (a new roster follows) and, with {@code history}, the server operations too. */
    void clear(boolean history) {
        others.clear();
        settledAt.clear();
        movesBase = movesEnd();
        moves.clear();
        early.clear();
        if (history) {
            recent.clear();
        }
    }

    private S place(S sel, long behind, O unconfirmed, Document<O> local) {
        if (!moving) {
            return sel;
        }
        try {
            S s = sel;
            if (behind <= recent.size()) {
                int skip = recent.size() - (int) behind;
                for (O op : recent) {
                    if (skip-- <= 0) {
                        s = type.move(s, op, false);
                    }
                }
                if (unconfirmed != null) {
                    s = type.move(s, unconfirmed, false);
                }
                if (type.fits(s, local)) {
                    return s;
                }
            }
        } catch (OtException outOfRange) {
            // A selection beyond the text it claims to belong to: show it clamped rather than fail.
        }
        // Too old to move precisely (or invalid): the nearest positions that exist are the best guess.
        return type.clamp(sel, local);
    }
}
