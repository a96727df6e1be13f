package dev.tandem.ot.canvas;

import dev.tandem.ot.Document;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import dev.tandem.ot.text.TextOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A working copy of a canvas: its objects by id and each frame's children in (index, id) order.
 * It is the room's truth on the server and a replica's view on a client. Not thread-safe.
 *
 * <p>Applying is sequential and deterministic: each change meets the state the changes before
 * it left, and one that no longer makes sense there is dropped (see {@link #apply}). A limit
 * that would be broken refuses the whole operation and leaves the document as it was.
 */
public final class CanvasDocument implements Document<CanvasOperation> {
    private static final String ROOT = ""; // the children key of the canvas root; no id is empty

    private final CanvasLimits limits;
    private final Map<String, CanvasObject> objects = new HashMap<>();
    private final Map<String, NavigableSet<Sibling>> children = new HashMap<>();

    private CanvasDocument(CanvasLimits limits) {
        this.limits = limits;
    }

    /** An empty canvas. */
    public static CanvasDocument empty(CanvasLimits limits) {
        return new CanvasDocument(limits);
    }

    /**
     * The canvas whose snapshot is {@code json}. The structure and every value are checked; the
     * size limits are not, so a document stored under larger limits still opens.
     *
     * @throws OtException {@link OtError#MALFORMED_SNAPSHOT}
     */
    public static CanvasDocument fromSnapshot(String json, CanvasLimits limits) {
        CanvasDocument doc = new CanvasDocument(limits);
        try {
            for (CanvasObject o : CanvasSnapshots.read(json)) {
                if (doc.objects.containsKey(o.id())) {
                    throw new OtException(OtError.MALFORMED_SNAPSHOT, "object " + o.id() + " appears twice");
                }
                doc.put(o);
            }
            doc.checkTree();
        } catch (OtException e) {
            if (e.code() == OtError.MALFORMED_SNAPSHOT) {
                throw e;
            }
            throw new OtException(OtError.MALFORMED_SNAPSHOT, e.code() + ": " + e.getMessage());
        }
        return doc;
    }

    /** A copy that shares no mutable state with this one. */
    public CanvasDocument copy() {
        CanvasDocument c = new CanvasDocument(limits);
        for (CanvasObject o : objects.values()) {
            c.put(o);
        }
        return c;
    }

    public CanvasLimits limits() {
        return limits;
    }

    /** The object {@code id}, or null if there is none. */
    public CanvasObject get(String id) {
        return objects.get(id);
    }

    public boolean contains(String id) {
        return objects.containsKey(id);
    }

    /** The children of frame {@code parent} (null: the root) in (index, id) order. */
    public List<CanvasObject> children(String parent) {
        NavigableSet<Sibling> set = children.get(parent == null ? ROOT : parent);
        if (set == null) {
            return List.of();
        }
        List<CanvasObject> out = new ArrayList<>(set.size());
        for (Sibling s : set) {
            out.add(objects.get(s.id()));
        }
        return out;
    }

    /** Every object, parents before children, siblings in (index, id) order. */
    public List<CanvasObject> inTreeOrder() {
        return subtree(null);
    }

    /** The object count. */
    @Override
    public long size() {
        return objects.size();
    }

    @Override
    public String snapshot() {
        return CanvasJson.writeSnapshot(inTreeOrder());
    }

    /** How deep {@code id} sits: 1 for a child of the root, 0 for the root (null). */
    public int depth(String id) {
        int d = 0;
        for (String at = id; at != null; at = objects.get(at).parent()) {
            d++;
        }
        return d;
    }

    /** Whether {@code ancestor} is {@code id} or one of the frames it sits in. */
    public boolean isSelfOrAncestor(String ancestor, String id) {
        for (String at = id; at != null; at = objects.get(at).parent()) {
            if (at.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies {@code op} change by change and returns it without the changes that were dropped:
     * a change to an object that does not exist (deleted, never created); a create of an id that
     * exists, or into a parent that is missing or not a frame; a move into a missing parent,
     * into something not a frame, or into the object itself or one of its descendants. A create
     * dropped because its id exists takes the batch's later changes to that id with it: they
     * were made for the object this batch meant to create (two people undoing the same delete
     * recreate one id at once), not for the one that holds the id.
     *
     * @throws OtException a limit ({@code TOO_MANY_OBJECTS}, {@code TOO_DEEP},
     *     {@code TOO_MANY_PROPERTIES}, {@code PROPERTY_TOO_LONG}, {@code INVALID_INDEX}) or an edit that does not fit
     *     its text ({@code BASE_LENGTH_MISMATCH}, {@code PAST_END}); the document is unchanged
     */
    @Override
    public CanvasOperation apply(CanvasOperation op) {
        return applyLogged(op).op();
    }

    /** What applying an operation did: the operation as applied, and how to take it back. */
    record Applied(CanvasOperation op, ChangeLog log) {
    }

    /** Applies {@code op} and keeps the log that {@link #rollback} takes it back with. */
    Applied applyLogged(CanvasOperation op) {
        ChangeLog log = new ChangeLog();
        List<Change> kept = new ArrayList<>(op.size());
        java.util.Set<String> dead = new java.util.HashSet<>();
        try {
            for (Change c : op.changes()) {
                if (applyChange(c, log, dead)) {
                    kept.add(c);
                }
            }
        } catch (RuntimeException e) {
            rollback(log);
            throw e;
        }
        return new Applied(kept.size() == op.size() ? op : new CanvasOperation(kept), log);
    }

    /** Takes back what {@code log} recorded (the newest change first). */
    void rollback(ChangeLog log) {
        for (int i = log.size() - 1; i >= 0; i--) {
            CanvasObject now = objects.get(log.id(i));
            if (now != null) {
                remove(now);
            }
            CanvasObject before = log.before(i);
            if (before != null) {
                put(before);
            }
        }
    }

    /**
     * The operation that undoes {@code op} on this document, which it was not yet applied to
     * (it is applied to find out, then taken back). Changes that applying would drop have no
     * inverse.
     */
    CanvasOperation inverse(CanvasOperation op) {
        ChangeLog log = new ChangeLog();
        List<List<Change>> inverses = new ArrayList<>();
        java.util.Set<String> dead = new java.util.HashSet<>();
        try {
            for (Change c : op.changes()) {
                List<Change> inverse = inverseBefore(c);
                if (applyChange(c, log, dead)) {
                    inverses.add(inverse);
                }
            }
        } finally {
            rollback(log);
        }
        List<Change> out = new ArrayList<>();
        for (int i = inverses.size() - 1; i >= 0; i--) {
            out.addAll(inverses.get(i));
        }
        return new CanvasOperation(out);
    }

    // The inverse of c as the document stands before c (only meaningful if c is then applied).
    private List<Change> inverseBefore(Change c) {
        CanvasObject o = objects.get(c.id());
        if (c instanceof Change.Create) {
            return List.of(new Change.Delete(c.id()));
        }
        if (o == null) {
            return List.of();
        }
        if (c instanceof Change.Delete) {
            List<Change> creates = new ArrayList<>();
            for (CanvasObject x : subtree(o.id())) {
                creates.add(new Change.Create(x.id(), x.kind(), x.parent(), x.index(), x.props()));
            }
            return creates;
        }
        if (c instanceof Change.Set s) {
            return List.of(new Change.Set(s.id(), s.prop(), o.props().get(s.prop())));
        }
        if (c instanceof Change.Move) {
            return List.of(new Change.Move(o.id(), o.parent(), o.index()));
        }
        Change.Edit e = (Change.Edit) c;
        PropertyValue old = o.props().get(e.prop());
        if (old == null) {
            return List.of(new Change.Set(e.id(), e.prop(), null));
        }
        String text = ((PropertyValue.StringValue) old).value();
        if (e.op().baseLength() != text.codePointCount(0, text.length())) {
            return List.of(); // applying will refuse it
        }
        return List.of(new Change.Edit(e.id(), e.prop(), e.op().invert(text)));
    }

    /** Applies one change; false if it was dropped. */
    private boolean applyChange(Change c, ChangeLog log, java.util.Set<String> dead) {
        if (c instanceof Change.Create cr) {
            return create(cr, log, dead);
        }
        CanvasObject o = dead.contains(c.id()) ? null : objects.get(c.id());
        if (o == null) {
            return false;
        }
        if (c instanceof Change.Delete) {
            for (CanvasObject x : subtree(o.id())) {
                log.record(x.id(), x);
                remove(x);
            }
            return true;
        }
        if (c instanceof Change.Set s) {
            if (s.value() != null) {
                CanvasSchema.checkSize(s.prop(), s.value(), limits);
            }
            replace(o, o.withProps(withProperty(o, s.prop(), s.value())), log);
            return true;
        }
        if (c instanceof Change.Move m) {
            return move(o, m, log, dead);
        }
        Change.Edit e = (Change.Edit) c;
        PropertyValue old = o.props().get(e.prop());
        if (old != null && !(old instanceof PropertyValue.StringValue)) {
            throw new OtException(OtError.NOT_A_TEXT_PROPERTY, e.id() + "." + e.prop() + " does not hold text");
        }
        String text = old == null ? "" : ((PropertyValue.StringValue) old).value();
        TextOperation t = e.op();
        t.checkFits(text.codePointCount(0, text.length()));
        int max = CanvasSchema.maxLength(e.prop(), limits);
        if (t.targetLength() > max) {
            throw new OtException(OtError.PROPERTY_TOO_LONG, "the edit makes " + e.id() + "." + e.prop() + " "
                    + t.targetLength() + " characters long; the limit is " + max);
        }
        replace(o, o.withProps(withProperty(o, e.prop(), new PropertyValue.StringValue(t.apply(text)))), log);
        return true;
    }

    private boolean create(Change.Create c, ChangeLog log, java.util.Set<String> dead) {
        if (objects.containsKey(c.id()) || dead.contains(c.id())) {
            dead.add(c.id());
            return false;
        }
        if (!isFrame(c.parent(), dead)) {
            return false;
        }
        checkIndex(c.index());
        if (objects.size() >= limits.maxObjects()) {
            throw new OtException(OtError.TOO_MANY_OBJECTS, "a canvas holds at most " + limits.maxObjects() + " objects");
        }
        if (depth(c.parent()) + 1 > limits.maxDepth()) {
            throw tooDeep(c.id(), depth(c.parent()) + 1);
        }
        if (c.props().size() > limits.maxProperties()) {
            throw tooManyProperties(c.id(), c.props().size());
        }
        for (var e : c.props().asMap().entrySet()) {
            CanvasSchema.checkSize(e.getKey(), e.getValue(), limits);
        }
        log.record(c.id(), null);
        put(new CanvasObject(c.id(), c.kind(), c.parent(), c.index(), c.props()));
        return true;
    }

    private boolean move(CanvasObject o, Change.Move m, ChangeLog log, java.util.Set<String> dead) {
        if (!isFrame(m.parent(), dead) || (m.parent() != null && isSelfOrAncestor(o.id(), m.parent()))) {
            return false;
        }
        checkIndex(m.index());
        int deepest = depth(m.parent()) + height(o.id());
        if (deepest > limits.maxDepth()) {
            throw tooDeep(o.id(), deepest);
        }
        replace(o, o.movedTo(m.parent(), m.index()), log);
        return true;
    }

    private void checkIndex(String index) {
        if (index.length() > limits.maxIndexLength()) {
            throw new OtException(OtError.INVALID_INDEX, "an index of " + index.length() + " characters; the limit is "
                    + limits.maxIndexLength());
        }
    }

    private Properties withProperty(CanvasObject o, String prop, PropertyValue value) {
        Properties p = o.props().with(prop, value);
        if (p.size() > limits.maxProperties()) {
            throw tooManyProperties(o.id(), p.size());
        }
        return p;
    }

    // Whether parent (null: the root) exists, is a frame, and is not an id whose create this batch dropped.
    private boolean isFrame(String parent, java.util.Set<String> dead) {
        if (parent == null) {
            return true;
        }
        CanvasObject p = objects.get(parent);
        return p != null && p.kind().isContainer() && !dead.contains(parent);
    }

    // Levels from id down to its deepest descendant, counting id itself.
    private int height(String id) {
        int best = 0;
        Deque<Map.Entry<String, Integer>> stack = new ArrayDeque<>();
        stack.push(Map.entry(id, 1));
        while (!stack.isEmpty()) {
            Map.Entry<String, Integer> at = stack.pop();
            best = Math.max(best, at.getValue());
            NavigableSet<Sibling> kids = children.get(at.getKey());
            if (kids != null) {
                for (Sibling s : kids) {
                    stack.push(Map.entry(s.id(), at.getValue() + 1));
                }
            }
        }
        return best;
    }

    /** {@code id} and everything inside it (everything for null), parents first, siblings in order. */
    List<CanvasObject> subtree(String id) {
        List<CanvasObject> out = new ArrayList<>();
        Deque<Iterator<Sibling>> stack = new ArrayDeque<>();
        if (id != null) {
            out.add(objects.get(id));
        }
        NavigableSet<Sibling> top = children.get(id == null ? ROOT : id);
        if (top == null) {
            return out;
        }
        stack.push(top.iterator());
        while (!stack.isEmpty()) {
            Iterator<Sibling> it = stack.peek();
            if (!it.hasNext()) {
                stack.pop();
                continue;
            }
            CanvasObject o = objects.get(it.next().id());
            out.add(o);
            NavigableSet<Sibling> kids = children.get(o.id());
            if (kids != null) {
                stack.push(kids.iterator());
            }
        }
        return out;
    }

    private void replace(CanvasObject old, CanvasObject now, ChangeLog log) {
        log.record(old.id(), old);
        remove(old);
        put(now);
    }

    private void put(CanvasObject o) {
        objects.put(o.id(), o);
        children.computeIfAbsent(o.parent() == null ? ROOT : o.parent(), k -> new TreeSet<>()).add(new Sibling(o.index(), o.id()));
    }

    private void remove(CanvasObject o) {
        objects.remove(o.id());
        String key = o.parent() == null ? ROOT : o.parent();
        NavigableSet<Sibling> set = children.get(key);
        set.remove(new Sibling(o.index(), o.id()));
        if (set.isEmpty()) {
            children.remove(key);
        }
    }

    // Every parent exists and is a frame, and following parents always reaches the root.
    private void checkTree() {
        for (CanvasObject o : objects.values()) {
            if (o.parent() == null) {
                continue;
            }
            CanvasObject p = objects.get(o.parent());
            if (p == null || !p.kind().isContainer()) {
                throw new OtException(OtError.MALFORMED_SNAPSHOT, "object " + o.id() + " sits in " + o.parent()
                        + (p == null ? ", which does not exist" : ", which is not a frame"));
            }
        }
        if (subtree(null).size() != objects.size()) {
            throw new OtException(OtError.MALFORMED_SNAPSHOT, "some objects are their own ancestors");
        }
    }

    private OtException tooDeep(String id, int depth) {
        return new OtException(OtError.TOO_DEEP, "object " + id + " would sit " + depth
                + " levels deep; frames nest at most " + limits.maxDepth() + " levels");
    }

    private OtException tooManyProperties(String id, int n) {
        return new OtException(OtError.TOO_MANY_PROPERTIES, "object " + id + " would have " + n
                + " properties; the limit is " + limits.maxProperties());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanvasDocument d && objects.equals(d.objects);
    }

    @Override
    public int hashCode() {
        return objects.hashCode();
    }

    @Override
    public String toString() {
        return objects.size() > 20 ? "CanvasDocument(" + objects.size() + " objects)" : snapshot();
    }

    /** The order of siblings: by index, then by id, so equal indexes from two clients still sort alike everywhere. */
    private record Sibling(String index, String id) implements Comparable<Sibling> {
        @Override
        public int compareTo(Sibling o) {
            int c = index.compareTo(o.index);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }
}
