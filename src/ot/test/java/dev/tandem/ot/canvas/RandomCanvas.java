package dev.tandem.ot.canvas;

import dev.tandem.ot.OtException;
import dev.tandem.ot.text.RandomEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random canvas changes made the way a person's client makes them, against what it shows:
 * shapes created in frames, dragged, recoloured, typed into, moved between frames (sometimes into
 * their own descendants), deleted, with some changes to objects that do not exist.
 */
public final class RandomCanvas {
    private static final String[] COLORS = {"#f00", "#00ff00", "#0000ffcc", "none", "#abcd"};
    private static final Kind[] KINDS = Kind.values();

    private final Random r;
    private final String prefix;
    private final boolean hostile;
    private int next;

    /** An honest client's changes: ids it makes are new. */
    public RandomCanvas(Random r, String prefix) {
        this(r, prefix, false);
    }

    /** With {@code hostile}, also creates with ids that exist (someone else's, or its own again). */
    RandomCanvas(Random r, String prefix, boolean hostile) {
        this.r = r;
        this.prefix = prefix;
        this.hostile = hostile;
    }

    /** A batch of 1..max changes, each made on the view as the ones before it left it; the view is unchanged after. */
    public CanvasOperation batch(CanvasDocument view, int max) {
        int n = 1 + r.nextInt(max);
        List<Change> changes = new ArrayList<>();
        List<ChangeLog> logs = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Change c = change(view);
                try {
                    logs.add(view.applyLogged(CanvasOperation.of(c)).log());
                    changes.add(c);
                } catch (OtException e) {
                    // over a limit here: a person's client would not offer it
                }
            }
        } finally {
            for (int i = logs.size() - 1; i >= 0; i--) {
                view.rollback(logs.get(i));
            }
        }
        return new CanvasOperation(changes);
    }

    Change change(CanvasDocument view) {
        List<CanvasObject> all = view.inTreeOrder();
        int p = r.nextInt(100);
        if (all.isEmpty() || p < 22) {
            return create(view, all);
        }
        CanvasObject o = all.get(r.nextInt(all.size()));
        String id = r.nextInt(25) == 0 ? "ghost" + r.nextInt(3) : o.id();
        if (p < 30) {
            return new Change.Delete(id);
        }
        if (p < 58) {
            String prop = prop();
            return new Change.Set(id, prop, r.nextInt(10) == 0 ? null : value(prop));
        }
        if (p < 72) {
            String parent = parent(all, true);
            return new Change.Move(id, parent, index(view, parent));
        }
        String prop = r.nextInt(4) == 0 ? "name" : "text";
        PropertyValue v = o.props().get(prop);
        String text = v instanceof PropertyValue.StringValue s ? s.value() : "";
        return new Change.Edit(o.id(), prop, RandomEdits.operation(r, RandomEdits.length(text)));
    }

    private Change create(CanvasDocument view, List<CanvasObject> all) {
        Kind kind = r.nextInt(3) == 0 ? Kind.FRAME : KINDS[r.nextInt(KINDS.length)];
        String parent = parent(all, r.nextInt(10) == 0);
        String id = hostile && r.nextInt(4) == 0 && !all.isEmpty() ? all.get(r.nextInt(all.size())).id() : prefix + (next++);
        Properties props = Properties.EMPTY;
        for (String prop : new String[] {"x", "y", "fill", "text"}) {
            if (r.nextBoolean()) {
                props = props.with(prop, value(prop));
            }
        }
        return new Change.Create(id, kind, parent, index(view, parent), props);
    }

    // A frame (or the root), or with anyObject any object at all, which applying may refuse.
    private String parent(List<CanvasObject> all, boolean anyObject) {
        List<String> frames = new ArrayList<>();
        for (CanvasObject o : all) {
            if (anyObject || o.kind() == Kind.FRAME) {
                frames.add(o.id());
            }
        }
        if (frames.isEmpty() || r.nextInt(3) == 0) {
            return null;
        }
        return frames.get(r.nextInt(frames.size()));
    }

    // Between two neighbours, at an end, or (one time in eight) equal to a sibling's index.
    private String index(CanvasDocument view, String parent) {
        List<CanvasObject> siblings = view.children(parent);
        if (!siblings.isEmpty() && r.nextInt(8) == 0) {
            return siblings.get(r.nextInt(siblings.size())).index();
        }
        int at = r.nextInt(siblings.size() + 1);
        String a = at == 0 ? null : siblings.get(at - 1).index();
        String b = at == siblings.size() ? null : siblings.get(at).index();
        try {
            return FractionalIndex.between(a, b);
        } catch (OtException equalNeighbours) {
            return FractionalIndex.between(a, null);
        }
    }

    private String prop() {
        String[] props = {"x", "y", "x", "y", "width", "fill", "stroke", "text", "name", "locked", "data-a", "data-b", "data-c", "align"};
        return props[r.nextInt(props.length)];
    }

    PropertyValue value(String prop) {
        return switch (prop) {
            case "x", "y" -> new PropertyValue.NumberValue(r.nextInt(2000) - 1000 + (r.nextBoolean() ? 0.5 : 0));
            case "width" -> new PropertyValue.NumberValue(r.nextInt(500));
            case "fill", "stroke" -> new PropertyValue.StringValue(COLORS[r.nextInt(COLORS.length)]);
            case "text", "name" -> new PropertyValue.StringValue(RandomEdits.text(r, 6));
            case "locked" -> new PropertyValue.BooleanValue(r.nextBoolean());
            case "align" -> new PropertyValue.StringValue(r.nextBoolean() ? "left" : "center");
            default -> r.nextBoolean() ? new PropertyValue.NumberValue(r.nextInt(100)) : new PropertyValue.StringValue("v" + r.nextInt(9));
        };
    }
}
