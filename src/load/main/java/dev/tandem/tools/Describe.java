package dev.tandem.tools;

import dev.tandem.ot.canvas.CanvasObject;
import dev.tandem.ot.canvas.Change;
import dev.tandem.ot.canvas.PropertyValue;
import dev.tandem.ot.richtext.Attributes;
import dev.tandem.ot.richtext.Delta;
import dev.tandem.ot.richtext.DeltaOp;
import dev.tandem.ot.text.Component;
import dev.tandem.ot.text.TextOperation;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One-line descriptions of operations and objects for the command-line client. */
final class Describe {
    /** Properties shown when an object is listed, in this order; others are counted. */
    private static final List<String> SHOWN = List.of("x", "y", "width", "height", "fill", "text", "name");
    private static final int MAX_TEXT = 40;

    private Describe() {
    }

    /** {@code +"text" at 5, -3 at 9}: what a text operation does, positions in the text as it goes. */
    static String text(TextOperation op) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (Component c : op.components()) {
            if (c instanceof Component.Retain) {
                pos += c.length();
                continue;
            }
            separate(sb);
            if (c instanceof Component.Insert ins) {
                sb.append('+').append(quote(ins.text())).append(" at ").append(pos);
                pos += c.length();
            } else {
                sb.append('-').append(c.length()).append(" at ").append(pos);
            }
        }
        return sb.length() == 0 ? "(no change)" : sb.toString();
    }

    /** {@code +"Hi" at 3 {bold}, -2 at 7, format 9..12 {italic: null}}: a delta, positions in UTF-16 units. */
    static String richText(Delta delta) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (DeltaOp op : delta.ops()) {
            if (op instanceof DeltaOp.Retain r && r.attributes().isEmpty()) {
                pos += r.length();
                continue;
            }
            separate(sb);
            if (op instanceof DeltaOp.TextInsert t) {
                sb.append('+').append(quote(t.text())).append(" at ").append(pos).append(formats(t.attributes()));
                pos += op.length();
            } else if (op instanceof DeltaOp.EmbedInsert e) {
                sb.append("+").append(e.embed().kind().wireName()).append(" ").append(quote(e.embed().value())).append(" at ").append(pos).append(formats(e.attributes()));
                pos += 1;
            } else if (op instanceof DeltaOp.Delete) {
                sb.append('-').append(op.length()).append(" at ").append(pos);
            } else {
                sb.append("format ").append(pos).append("..").append(pos + op.length()).append(formats(op.attributes()));
                pos += op.length();
            }
        }
        return sb.length() == 0 ? "(no change)" : sb.toString();
    }

    /** {@code s1 sticky in f1 at a0 x=10 text="Hi" (+2 more)}: an object as listed. */
    static String object(CanvasObject o) {
        StringBuilder sb = new StringBuilder(o.id()).append(' ').append(o.kind().name().toLowerCase(Locale.ROOT))
                .append(" in ").append(o.parent() == null ? "the board" : o.parent()).append(" at ").append(o.index());
        Map<String, PropertyValue> props = o.props().asMap();
        int shown = 0;
        for (String name : SHOWN) {
            PropertyValue v = props.get(name);
            if (v != null) {
                sb.append(' ').append(name).append('=').append(value(v));
                shown++;
            }
        }
        if (props.size() > shown) {
            sb.append(" (+").append(props.size() - shown).append(" more)");
        }
        return sb.toString();
    }

    /** {@code set r1.x = 5}, {@code edit s1.text +"a" at 3}, ...: one canvas change. */
    static String change(Change c) {
        if (c instanceof Change.Create cr) {
            return "create " + object(new CanvasObject(cr.id(), cr.kind(), cr.parent(), cr.index(), cr.props()));
        } else if (c instanceof Change.Delete d) {
            return "delete " + d.id();
        } else if (c instanceof Change.Set s) {
            return "set " + s.id() + "." + s.prop() + " = " + (s.value() == null ? "(unset)" : value(s.value()));
        } else if (c instanceof Change.Move m) {
            return "move " + m.id() + " to " + (m.parent() == null ? "the board" : m.parent()) + " at " + m.index();
        }
        Change.Edit e = (Change.Edit) c;
        return "edit " + e.id() + "." + e.prop() + " " + text(e.op());
    }

    private static String value(PropertyValue v) {
        if (v instanceof PropertyValue.NumberValue n) {
            double d = n.value();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        } else if (v instanceof PropertyValue.StringValue s) {
            String t = s.value();
            return quote(t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) + "..." : t);
        } else if (v instanceof PropertyValue.BooleanValue b) {
            return Boolean.toString(b.value());
        }
        return ((PropertyValue.PointsValue) v).size() / 2 + " points";
    }

    private static String formats(Attributes a) {
        return a.isEmpty() ? "" : " " + a;
    }

    private static void separate(StringBuilder sb) {
        if (sb.length() > 0) {
            sb.append(", ");
        }
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
