package dev.tandem.ot.canvas;

import dev.tandem.ot.canvas.CanvasTransform.PropertyKey;
import dev.tandem.ot.canvas.CanvasTransform.TextEffects;
import dev.tandem.ot.DocumentType.Side;
import dev.tandem.ot.text.TextOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One person's undo and redo stacks on a canvas, after Figma: an entry restores only what still
 * shows our change (see {@link UndoStep}), and the redo entry is made when undoing, from what the
 * undo actually did, so undo then redo leaves the document as it was.
 *
 * <p>Both stacks are relative to the current view, newest entry first: undoing the newest takes
 * the view to where the next one applies. Others' edits of a text are folded into the text steps
 * ({@link #transform}), as ot.js's undo manager does.
 */
final class UndoHistory {
    private final int maxEntries;
    private final Deque<List<UndoStep>> undo = new ArrayDeque<>();
    private final Deque<List<UndoStep>> redo = new ArrayDeque<>();

    UndoHistory(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    boolean canUndo() {
        return !undo.isEmpty();
    }

    boolean canRedo() {
        return !redo.isEmpty();
    }

    /** A new change of ours: its entry goes on the undo stack and the redo stack is cleared. */
    void recorded(List<UndoStep> entry) {
        redo.clear();
        pushUndo(entry);
    }

    void pushUndo(List<UndoStep> entry) {
        if (entry.isEmpty()) {
            return;
        }
        undo.push(entry);
        if (undo.size() > maxEntries) {
            undo.removeLast();
        }
    }

    void pushRedo(List<UndoStep> entry) {
        if (!entry.isEmpty()) {
            redo.push(entry);
        }
    }

    List<UndoStep> popUndo() {
        return undo.poll();
    }

    List<UndoStep> popRedo() {
        return redo.poll();
    }

    /**
     * A step of an entry being undone was not made because its guard failed: the older entries'
     * text steps for that property were made for the text the step would have restored, so they
     * can no longer apply.
     */
    void lineageBroken(PropertyKey key, boolean redoing) {
        forget(redoing ? redo : undo, Set.of(key), Set.of());
    }

    /** Forgets the text steps of these properties and objects in both stacks. */
    void forgetText(Set<PropertyKey> keys, Set<String> ids) {
        forget(undo, keys, ids);
        forget(redo, keys, ids);
    }

    private static void forget(Deque<List<UndoStep>> stack, Set<PropertyKey> keys, Set<String> ids) {
        List<List<UndoStep>> entries = new ArrayList<>(stack);
        stack.clear();
        for (List<UndoStep> entry : entries) {
            List<UndoStep> kept = new ArrayList<>(entry.size());
            for (UndoStep s : entry) {
                boolean drop = s instanceof UndoStep.RestoreText t
                        && (ids.contains(t.id()) || keys.contains(new PropertyKey(t.id(), t.prop())));
                if (!drop) {
                    kept.add(s);
                }
            }
            if (!kept.isEmpty()) {
                stack.addLast(kept);
            }
        }
    }

    /** The view changed by {@code effect} (others' work): fold it into both stacks' text steps. */
    void transform(CanvasOperation effect) {
        // Only text steps change. Without any (a drag sets numbers: 500 entries of them), nothing
        // is rebuilt: rebuilding both stacks for every remote batch took 60% of the W6 load
        // generator's CPU, where 50 people each drag and receive 49 others' batches 20 times a second.
        boolean undoText = hasText(undo);
        boolean redoText = hasText(redo);
        if (!undoText && !redoText) {
            return;
        }
        // One TextEffects per stack: transforming a step past them advances them (transformPast).
        if (undoText) {
            transform(undo, TextEffects.of(effect));
        }
        if (redoText) {
            transform(redo, TextEffects.of(effect));
        }
    }

    private static boolean hasText(Deque<List<UndoStep>> stack) {
        for (List<UndoStep> entry : stack) {
            for (UndoStep s : entry) {
                if (s instanceof UndoStep.RestoreText) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void transform(Deque<List<UndoStep>> stack, TextEffects theirs) {
        if (theirs.isEmpty() || stack.isEmpty()) {
            return;
        }
        Set<PropertyKey> stoppedKeys = new HashSet<>();
        Set<String> stoppedIds = new HashSet<>();
        List<List<UndoStep>> entries = new ArrayList<>(stack);
        stack.clear();
        for (List<UndoStep> entry : entries) {
            List<UndoStep> out = new ArrayList<>(entry.size());
            for (UndoStep s : entry) {
                if (!(s instanceof UndoStep.RestoreText t)) {
                    out.add(s);
                    continue;
                }
                PropertyKey key = new PropertyKey(t.id(), t.prop());
                if (stoppedIds.contains(t.id()) || stoppedKeys.contains(key)) {
                    out.add(s);
                } else if (!theirs.isReset(key)) {
                    out.add(new UndoStep.RestoreText(t.id(), t.prop(), theirs.transformPast(key, t.inverse(), Side.LEFT)));
                } // else: someone replaced the text; our characters are gone with it
            }
            // Older entries come before this one's sets, creates and deletes: what others did
            // on top of those does not reach them.
            for (UndoStep s : entry) {
                if (s instanceof UndoStep.RestoreValue v) {
                    stoppedKeys.add(new PropertyKey(v.id(), v.prop()));
                } else if (s instanceof UndoStep.Remove || s instanceof UndoStep.Recreate) {
                    stoppedIds.add(s.id());
                }
            }
            if (!out.isEmpty()) {
                stack.addLast(out);
            }
        }
    }

    /**
     * The entry that takes the view back from what {@code applied} did, read from the logs of
     * applying it: the objects' states before (first recorded) and now.
     */
    static List<UndoStep> entryOf(List<ChangeLog> logs, CanvasOperation applied, CanvasDocument doc) {
        Map<String, CanvasObject> before = new LinkedHashMap<>();
        Map<String, Boolean> existed = new LinkedHashMap<>();
        for (ChangeLog log : logs) {
            for (int i = 0; i < log.size(); i++) {
                if (!existed.containsKey(log.id(i))) {
                    existed.put(log.id(i), log.before(i) != null);
                    before.put(log.id(i), log.before(i));
                }
            }
        }
        Map<PropertyKey, TextOperation> edits = textEdits(applied);
        List<UndoStep> recreates = new ArrayList<>();
        List<UndoStep> moves = new ArrayList<>();
        List<UndoStep> values = new ArrayList<>();
        List<UndoStep> removes = new ArrayList<>();
        for (Map.Entry<String, CanvasObject> e : before.entrySet()) {
            CanvasObject was = e.getValue();
            CanvasObject now = doc.get(e.getKey());
            if (was == null && now == null) {
                continue;
            }
            if (was == null || now == null || was.kind() != now.kind()) {
                if (now != null) {
                    removes.add(new UndoStep.Remove(now.id()));
                }
                if (was != null) {
                    recreates.add(new UndoStep.Recreate(was));
                }
                continue;
            }
            if (!Objects.equals(was.parent(), now.parent()) || !was.index().equals(now.index())) {
                moves.add(0, new UndoStep.MoveBack(was.id(), was.parent(), was.index(), now.parent(), now.index()));
            }
            Set<String> names = new HashSet<>(was.props().asMap().keySet());
            names.addAll(now.props().asMap().keySet());
            for (String prop : names.stream().sorted().toList()) {
                PropertyValue old = was.props().get(prop);
                PropertyValue current = now.props().get(prop);
                if (Objects.equals(old, current)) {
                    continue;
                }
                TextOperation edit = edits.get(new PropertyKey(was.id(), prop));
                if (edit != null && old instanceof PropertyValue.StringValue s) {
                    values.add(new UndoStep.RestoreText(was.id(), prop, edit.invert(s.value())));
                } else {
                    values.add(new UndoStep.RestoreValue(was.id(), prop, old, current));
                }
            }
        }
        List<UndoStep> out = new ArrayList<>(parentsFirst(recreates));
        out.addAll(moves);
        out.addAll(values);
        out.addAll(removes);
        return out;
    }

    // Each property's edits in applied composed into one, for properties only edited (not set,
    // their object not created or deleted) by it.
    private static Map<PropertyKey, TextOperation> textEdits(CanvasOperation applied) {
        TextEffects effects = TextEffects.of(applied);
        Map<PropertyKey, TextOperation> out = new LinkedHashMap<>();
        for (Map.Entry<PropertyKey, List<TextOperation>> e : effects.edits.entrySet()) {
            if (!effects.isReset(e.getKey())) {
                TextOperation all = null;
                for (TextOperation t : e.getValue()) {
                    all = all == null ? t : all.compose(t);
                }
                out.put(e.getKey(), all);
            }
        }
        return out;
    }

    // Recreates ordered so that a frame comes before what sits in it.
    private static List<UndoStep> parentsFirst(List<UndoStep> recreates) {
        Set<String> waiting = new HashSet<>();
        for (UndoStep s : recreates) {
            waiting.add(s.id());
        }
        List<UndoStep> out = new ArrayList<>(recreates.size());
        List<UndoStep> left = new ArrayList<>(recreates);
        while (!left.isEmpty()) {
            int before = left.size();
            for (Iterator<UndoStep> it = left.iterator(); it.hasNext(); ) {
                UndoStep.Recreate r = (UndoStep.Recreate) it.next();
                String parent = r.object().parent();
                if (parent == null || !waiting.contains(parent)) {
                    out.add(r);
                    waiting.remove(r.id());
                    it.remove();
                }
            }
            if (left.size() == before) {
                out.addAll(left); // cannot happen for states of one tree; keep them rather than loop
                break;
            }
        }
        return out;
    }
}
