package dev.tandem.ot.canvas;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import dev.tandem.ot.text.CodePoints;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schema of canvas properties: what each property holds and in what range, checked on every
 * value before it reaches a document (as tldraw's record validators are).
 *
 * <p>Properties are the same for every kind (a renderer ignores what does not apply, such as
 * {@code points} on a rectangle). Applications keep their own values in custom properties named
 * {@code data-<name>}: a string, a number or a boolean.
 */
public final class CanvasSchema {
    /** Coordinates and sizes stay within plus or minus a billion: far beyond any board, well inside a double's exact range. */
    public static final double MAX_COORDINATE = 1e9;
    /** Custom numbers stay within JavaScript's exactly representable integers. */
    public static final double MAX_CUSTOM_NUMBER = 9_007_199_254_740_991d;
    /** The prefix of custom property names. */
    public static final String CUSTOM_PREFIX = "data-";

    private static final Pattern COLOR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|none");
    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        number("x", -MAX_COORDINATE, MAX_COORDINATE);
        number("y", -MAX_COORDINATE, MAX_COORDINATE);
        number("width", 0, MAX_COORDINATE);
        number("height", 0, MAX_COORDINATE);
        number("rotation", -360, 360);
        number("opacity", 0, 1);
        number("strokeWidth", 0, 1_000);
        number("fontSize", 1, 1_000);
        SPECS.put("fill", new Spec(Type.COLOR, 0, 0, Set.of()));
        SPECS.put("stroke", new Spec(Type.COLOR, 0, 0, Set.of()));
        SPECS.put("text", new Spec(Type.TEXT, 0, 0, Set.of()));
        SPECS.put("name", new Spec(Type.TEXT, 0, 0, Set.of()));
        SPECS.put("align", new Spec(Type.CHOICE, 0, 0, Set.of("left", "center", "right")));
        SPECS.put("points", new Spec(Type.POINTS, -MAX_COORDINATE, MAX_COORDINATE, Set.of()));
        SPECS.put("locked", new Spec(Type.BOOLEAN, 0, 0, Set.of()));
    }

    private CanvasSchema() {
    }

    /** The kinds of value a property holds. */
    public enum Type {
        /** A finite number within the property's range. */
        NUMBER,
        /** A string that may be edited character by character ({@code text}, {@code name}). */
        TEXT,
        /** {@code #rgb}, {@code #rgba}, {@code #rrggbb}, {@code #rrggbbaa} or {@code none}. */
        COLOR,
        /** One of a fixed set of strings. */
        CHOICE,
        /** A boolean. */
        BOOLEAN,
        /** An even-length array of coordinates. */
        POINTS,
        /** A custom {@code data-*} property: a string, a finite number or a boolean. */
        CUSTOM
    }

    private record Spec(Type type, double min, double max, Set<String> choices) {
    }

    private static void number(String name, double min, double max) {
        SPECS.put(name, new Spec(Type.NUMBER, min, max, Set.of()));
    }

    /** The names of the built-in properties, in the schema's order. */
    public static Set<String> builtInProperties() {
        return SPECS.keySet();
    }

    /**
     * The type of property {@code name}.
     *
     * @throws OtException {@link OtError#UNKNOWN_PROPERTY}
     */
    public static Type typeOf(String name) {
        Spec spec = name == null ? null : SPECS.get(name);
        if (spec != null) {
            return spec.type;
        }
        if (isCustomName(name)) {
            return Type.CUSTOM;
        }
        throw new OtException(OtError.UNKNOWN_PROPERTY, "unknown property \"" + CanvasIds.printable(name)
                + "\"; known: " + String.join(", ", SPECS.keySet()) + ", and data-<name> for custom values");
    }

    /**
     * Checks that {@code name} is a property that text edits apply to.
     *
     * @throws OtException {@link OtError#UNKNOWN_PROPERTY} or {@link OtError#NOT_A_TEXT_PROPERTY}
     */
    public static void checkEditable(String name) {
        if (typeOf(name) != Type.TEXT) {
            throw new OtException(OtError.NOT_A_TEXT_PROPERTY, "property \"" + name
                    + "\" is not text: only text and name take text edits; set it instead");
        }
    }

    /**
     * Checks {@code value} against property {@code name}'s type and range (not its length
     * limit, see {@link #checkSize}).
     *
     * @throws OtException {@link OtError#UNKNOWN_PROPERTY}, {@link OtError#INVALID_PROPERTY_VALUE}
     *     or {@link OtError#LONE_SURROGATE}
     */
    public static PropertyValue check(String name, PropertyValue value) {
        Type type = typeOf(name);
        Spec spec = SPECS.get(name);
        switch (type) {
            case NUMBER -> {
                double v = number(name, value);
                if (v < spec.min || v > spec.max) {
                    throw invalid(name, "must be between " + plain(spec.min) + " and " + plain(spec.max) + ", got " + v);
                }
            }
            case TEXT -> CodePoints.countStrict(string(name, value));
            case COLOR -> {
                String s = string(name, value);
                if (!COLOR.matcher(s).matches()) {
                    throw invalid(name, "must be #rgb, #rgba, #rrggbb, #rrggbbaa or none, got \"" + CanvasIds.printable(s) + "\"");
                }
            }
            case CHOICE -> {
                String s = string(name, value);
                if (!spec.choices.contains(s)) {
                    throw invalid(name, "must be one of " + spec.choices + ", got \"" + CanvasIds.printable(s) + "\"");
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof PropertyValue.BooleanValue)) {
                    throw invalid(name, "must be a boolean, got " + describe(value));
                }
            }
            case POINTS -> {
                if (!(value instanceof PropertyValue.PointsValue p)) {
                    throw invalid(name, "must be an array of numbers x0, y0, x1, y1..., got " + describe(value));
                }
                if (p.size() % 2 != 0 || p.size() < 4) {
                    throw invalid(name, "must hold at least two points as x, y pairs, got " + p.size() + " numbers");
                }
                for (int i = 0; i < p.size(); i++) {
                    if (Math.abs(p.get(i)) > spec.max) {
                        throw invalid(name, "coordinate " + i + " is " + p.get(i) + ", beyond plus or minus " + plain(spec.max));
                    }
                }
            }
            case CUSTOM -> {
                if (value instanceof PropertyValue.StringValue s) {
                    CodePoints.countStrict(s.value());
                } else if (value instanceof PropertyValue.NumberValue n) {
                    if (Math.abs(n.value()) > MAX_CUSTOM_NUMBER) {
                        throw invalid(name, "must be within plus or minus 2^53 - 1, got " + n.value());
                    }
                } else if (!(value instanceof PropertyValue.BooleanValue)) {
                    throw invalid(name, "must be a string, a number or a boolean, got " + describe(value));
                }
            }
            default -> throw new IllegalStateException(type.toString());
        }
        return value;
    }

    /**
     * Checks the length of a valid value of property {@code name} against {@code limits}.
     *
     * @throws OtException {@link OtError#PROPERTY_TOO_LONG}
     */
    public static void checkSize(String name, PropertyValue value, CanvasLimits limits) {
        if (value instanceof PropertyValue.StringValue s) {
            int max = "text".equals(name) ? limits.maxTextLength() : limits.maxStringLength();
            checkLength(name, s.value(), max);
        } else if (value instanceof PropertyValue.PointsValue p && p.size() / 2 > limits.maxPoints()) {
            throw new OtException(OtError.PROPERTY_TOO_LONG, "property \"" + name + "\" has " + p.size() / 2
                    + " points; the limit is " + limits.maxPoints());
        }
    }

    /** The limit on the length of text property {@code name}. */
    static int maxLength(String name, CanvasLimits limits) {
        return "text".equals(name) ? limits.maxTextLength() : limits.maxStringLength();
    }

    private static void checkLength(String name, String s, int max) {
        // A UTF-16 length within the limit is a code point count within it too; count only past it.
        if (s.length() > max && s.codePointCount(0, s.length()) > max) {
            throw new OtException(OtError.PROPERTY_TOO_LONG, "property \"" + name + "\" is "
                    + s.codePointCount(0, s.length()) + " characters long; the limit is " + max);
        }
    }

    static boolean isCustomName(String name) {
        if (name == null || !name.startsWith(CUSTOM_PREFIX) || name.length() == CUSTOM_PREFIX.length()) {
            return false;
        }
        return CanvasIds.isValid(name);
    }

    private static double number(String name, PropertyValue value) {
        if (!(value instanceof PropertyValue.NumberValue n)) {
            throw invalid(name, "must be a number, got " + describe(value));
        }
        return n.value();
    }

    private static String string(String name, PropertyValue value) {
        if (!(value instanceof PropertyValue.StringValue s)) {
            throw invalid(name, "must be a string, got " + describe(value));
        }
        return s.value();
    }

    private static String describe(PropertyValue v) {
        return v == null ? "null" : v instanceof PropertyValue.NumberValue ? "a number"
                : v instanceof PropertyValue.StringValue ? "a string"
                : v instanceof PropertyValue.BooleanValue ? "a boolean" : "an array";
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static OtException invalid(String name, String message) {
        return new OtException(OtError.INVALID_PROPERTY_VALUE, "property \"" + name + "\" " + message);
    }
}
