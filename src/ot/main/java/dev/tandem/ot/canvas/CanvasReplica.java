package dev.tandem.ot.canvas;

import dev.tandem.ot.DocumentType.Side;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import dev.tandem.ot.canvas.CanvasTransform.PropertyKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A client's copy of a canvas, as Figma's and tldraw's clients keep one: the server's state with
 * the client's own unacknowledged batches applied on top. Pure: the caller moves the messages.
 *
 * <pre>
 *   view = server state (up to revision()) + pending batches, oldest first
 *
 *   edit(op)        apply op to the view, keep it pending, record its undo entry
 *   takeOutgoing()  the next batch to send (one in flight at a time), on revision()
 *   remote(rev, C)  take pending off, apply C, transform pending past C, put pending back
 *   ack(rev, C)     take pending off, apply C (our batch as committed), put the rest back
 * </pre>
 *
 * <p>Our own values therefore mask the server's for the same property until the server confirms
 * them, so a shape being dragged never jumps back; the view equals the server's state once every
 * batch is acknowledged. Taking pending off and putting it back uses each batch's log, so a
 * remote change costs the size of the pending batches, not of the document. Not thread-safe.
 */
public final class CanvasReplica {
    /** Undo entries kept. */
    public static final int MAX_UNDO = 500;

    private final CanvasDocument view;
    private final CanvasLimits limits;
    private final List<Pending> pending = new ArrayList<>();
    private final UndoHistory history = new UndoHistory(MAX_UNDO);
    private long revision;
    private boolean inFlight;

    /** A batch to send: {@code op} made on revision {@code base}. */
    public record Outgoing(long base, CanvasOperation op) {
    }

    // A batch of ours the server has not acknowledged, and how to take it off the view (null: it
    // could not be applied to the view, which the server will most likely tell us too).
    private static final class Pending {
        CanvasOperation op;
        ChangeLog log;

        Pending(CanvasOperation op, ChangeLog log) {
            this.op = op;
            this.log = log;
        }
    }

    /** The replica of a document whose snapshot at {@code revision} is {@code snapshot}. */
    public CanvasReplica(CanvasType type, String snapshot, long revision) {
        this.view = type.open(snapshot);
        this.limits = type.limits();
        this.revision = revision;
    }

    /** The newest server revision applied. */
    public long revision() {
        return revision;
    }

    /** What the person sees: the server's state with our pending batches on top. Read it; do not apply to it. */
    public CanvasDocument view() {
        return view;
    }

    /** Whether some batch of ours awaits its acknowledgement. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The server's state as we know it, without our pending batches (O(size): for tests and tools). */
    public String serverSnapshot() {
        takeOffPending();
        try {
            return view.snapshot();
        } finally {
            putBackPending();
        }
    }

    /**
     * Makes a change of ours: applies it to the view and keeps it for sending.
     *
     * @return {@code op} as applied to the view
     * @throws OtException if it breaks a limit or does not fit (the view is unchanged)
     */
    public CanvasOperation edit(CanvasOperation op) {
        if (op.size() > limits.maxChanges()) {
            throw new OtException(OtError.BATCH_TOO_LARGE, "a batch has " + op.size() + " changes; the limit is "
                    + limits.maxChanges());
        }
        CanvasDocument.Applied a = view.applyLogged(op);
        pending.add(new Pending(op, a.log()));
        history.recorded(UndoHistory.entryOf(List.of(a.log()), a.op(), view));
        return a.op();
    }

    /**
     * The next batch to send, or null if one is in flight or nothing waits. Every waiting batch
     * goes at once, up to the batch limit: the server transforms a batch past what its author had
     * not seen, never past the author's own batches, so only one may be in flight.
     */
    public Outgoing takeOutgoing() {
        if (inFlight || pending.isEmpty()) {
            return null;
        }
        Pending first = pending.get(0);
        while (pending.size() > 1 && first.op.size() + pending.get(1).op.size() <= limits.maxChanges()) {
            Pending next = pending.remove(1);
            first.op = first.op.then(next.op);
            // A batch the view could not take has no log (nothing to take off): count it as empty.
            first.log = ChangeLog.concat(first.log == null ? new ChangeLog() : first.log,
                    next.log == null ? new ChangeLog() : next.log);
        }
        inFlight = true;
        return new Outgoing(revision, first.op);
    }

    /**
     * Our batch in flight as it stands now, on {@link #revision()}: transformed past every batch
     * committed since it was sent, so it can be sent again after a reconnect. Null if none.
     */
    public Outgoing inFlight() {
        return inFlight ? new Outgoing(revision, pending.get(0).op) : null;
    }

    /** Every batch of ours the server has not acknowledged, as one batch on the server's state (empty if none). */
    public CanvasOperation unconfirmed() {
        CanvasOperation all = CanvasOperation.EMPTY;
        for (Pending p : pending) {
            all = all.then(p.op);
        }
        return all;
    }

    /**
     * Revision {@code rev}, someone else's batch as committed.
     *
     * @throws IllegalStateException if revisions arrive out of order, or a committed batch does
     *     not apply as committed (not the server's stream): open the replica again from a snapshot
     */
    public void remote(long rev, CanvasOperation committed) {
        checkNext(rev);
        takeOffPending();
        applyCommitted(committed);
        revision = rev;
        CanvasOperation theirs = committed;
        for (Pending p : pending) {
            try {
                CanvasOperation mine = CanvasTransform.transform(p.op, theirs, Side.LEFT);
                theirs = CanvasTransform.transform(theirs, p.op, Side.RIGHT);
                p.op = mine;
            } catch (OtException e) {
                // Our batch has edits that do not fit (a bug of ours, such as reusing an id): the
                // server will refuse it; the view goes on without folding others' edits into it.
            }
        }
        putBackPending();
        history.transform(theirs);
    }

    /** Revision {@code rev}, our in-flight batch as the server committed it (changes it dropped are missing). */
    public void ack(long rev, CanvasOperation committed) {
        if (!inFlight) {
            throw new IllegalStateException("an acknowledgement with no batch in flight");
        }
        checkNext(rev);
        takeOffPending();
        applyCommitted(committed);
        revision = rev;
        pending.remove(0);
        inFlight = false;
        putBackPending();
    }

    /**
     * The server refused our in-flight batch: it leaves the view, and so do the later pending
     * text edits made on top of what it did (their text is not the server's).
     */
    public void rejected() {
        if (!inFlight) {
            throw new IllegalStateException("a rejection with no batch in flight");
        }
        takeOffPending();
        Pending refused = pending.remove(0);
        inFlight = false;
        forgetEditsAfter(-1, refused.op);
        putBackPending();
    }

    public boolean canUndo() {
        return history.canUndo();
    }

    public boolean canRedo() {
        return history.canRedo();
    }

    /**
     * Undoes our newest change where it still shows: a value someone else changed since stays
     * theirs. Returns the batch made (empty if nothing was left to undo); it is pending like any
     * edit, and its redo entry is made from what it did.
     */
    public CanvasOperation undo() {
        return replay(history.popUndo(), false);
    }

    /** Redoes the newest undone change, on the same terms as {@link #undo}. */
    public CanvasOperation redo() {
        return replay(history.popRedo(), true);
    }

    private CanvasOperation replay(List<UndoStep> entry, boolean redoing) {
        if (entry == null) {
            return CanvasOperation.EMPTY;
        }
        // Resolve step by step on the view, each seeing the steps before it, then take them back.
        List<Change> changes = new ArrayList<>();
        List<ChangeLog> trial = new ArrayList<>();
        try {
            for (UndoStep step : entry) {
                Change c = step.resolve(view);
                if (c == null) {
                    if (step instanceof UndoStep.RestoreValue v) {
                        history.lineageBroken(new PropertyKey(v.id(), v.prop()), redoing);
                    }
                    continue;
                }
                try {
                    CanvasDocument.Applied a = view.applyLogged(CanvasOperation.of(c));
                    trial.add(a.log());
                    changes.addAll(a.op().changes());
                } catch (OtException e) {
                    // a limit the document now meets (a full canvas): that step cannot be made
                }
            }
        } finally {
            for (int i = trial.size() - 1; i >= 0; i--) {
                view.rollback(trial.get(i));
            }
        }
        // Apply for real, in batches within the limit (recreating a large frame can exceed it).
        List<ChangeLog> logs = new ArrayList<>();
        List<Change> applied = new ArrayList<>();
        for (int from = 0; from < changes.size(); from += limits.maxChanges()) {
            CanvasOperation part = new CanvasOperation(changes.subList(from, Math.min(changes.size(), from + limits.maxChanges())));
            CanvasDocument.Applied a = view.applyLogged(part);
            pending.add(new Pending(part, a.log()));
            logs.add(a.log());
            applied.addAll(a.op().changes());
        }
        CanvasOperation op = new CanvasOperation(applied);
        List<UndoStep> inverse = UndoHistory.entryOf(logs, op, view);
        if (redoing) {
            history.pushUndo(inverse);
        } else {
            history.pushRedo(inverse);
        }
        return op;
    }

    private void checkNext(long rev) {
        if (rev != revision + 1) {
            throw new IllegalStateException("revision " + rev + " after " + revision + ": revisions must arrive in order");
        }
    }

    private void applyCommitted(CanvasOperation committed) {
        CanvasOperation applied = view.apply(committed);
        if (applied.size() != committed.size()) {
            throw new IllegalStateException("a committed batch did not apply as committed: " + committed
                    + " applied as " + applied);
        }
    }

    private void takeOffPending() {
        for (int i = pending.size() - 1; i >= 0; i--) {
            ChangeLog log = pending.get(i).log;
            if (log != null) {
                view.rollback(log);
            }
        }
    }

    private void putBackPending() {
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            try {
                p.log = view.applyLogged(p.op).log();
            } catch (OtException e) {
                // Others' work now makes this batch break a limit. Sent, the server decides; not
                // sent, it is refused here. Either way the later batches' text edits made on top
                // of it may not fit what the server will have, so they go.
                p.log = null;
                forgetEditsAfter(i, p.op);
                if (i > 0 || !inFlight) {
                    pending.remove(i--);
                }
            }
        }
    }

    // Drops the text edits of the batches after index i that were made on what op set or edited.
    private void forgetEditsAfter(int i, CanvasOperation op) {
        Set<PropertyKey> keys = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Change c : op.changes()) {
            if (c instanceof Change.Edit e) {
                keys.add(new PropertyKey(e.id(), e.prop()));
            } else if (c instanceof Change.Set s) {
                keys.add(new PropertyKey(s.id(), s.prop()));
            } else if (c instanceof Change.Create || c instanceof Change.Delete) {
                ids.add(c.id());
            }
        }
        history.forgetText(keys, ids);
        for (int j = i + 1; j < pending.size(); j++) {
            pending.get(j).op = withoutEditsOf(pending.get(j).op, keys, ids);
        }
    }

    private static CanvasOperation withoutEditsOf(CanvasOperation op, Set<PropertyKey> keys, Set<String> ids) {
        List<Change> kept = new ArrayList<>();
        for (Change c : op.changes()) {
            if (c instanceof Change.Set s) {
                keys.remove(new PropertyKey(s.id(), s.prop())); // our own value again: later edits fit it
            } else if (c instanceof Change.Create || c instanceof Change.Delete) {
                ids.remove(c.id());
            } else if (c instanceof Change.Edit e && (ids.contains(e.id()) || keys.contains(new PropertyKey(e.id(), e.prop())))) {
                continue;
            }
            kept.add(c);
        }
        return new CanvasOperation(kept);
    }
}
