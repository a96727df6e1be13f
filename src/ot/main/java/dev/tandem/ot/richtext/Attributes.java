package dev.tandem.ot.richtext;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * An immutable set of formats on a piece of rich text, Quill's {@code AttributeMap}: each
 * {@link AttributeKind} is absent, has a value, or (in a retain) is {@code null}, meaning
 * "remove it". The algebra ({@link #compose}, {@link #diff}, {@link #invert}, {@link #transform})
 * is a port of quill-delta's {@code AttributeMap} (MIT, Jason Chen); values are scalars, so
 * equality is plain {@code equals}.
 */
public final class Attributes {
    /** The kept form of a JSON {@code null}: remove the attribute. */
    private static final Object REMOVE = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** No formats. */
    public static final Attributes NONE = new Attributes(new Object[AttributeKind.count()]);

    private final Object[] values;
    private final int hash;
    private final boolean removals;

    private Attributes(Object[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
        boolean any = false;
        for (Object v : values) {
            any |= v == REMOVE;
        }
        this.removals = any;
    }

    /** Reads and checks attributes against the allow-list; {@code null} or {@code {}} is {@link #NONE}. */
    static Attributes read(JsonNode node) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        if (!node.isObject()) {
            throw new OtException(OtError.MALFORMED_OPERATION, "attributes must be an object, not " + node.getNodeType());
        }
        if (node.isEmpty()) {
            return NONE;
        }
        Object[] values = new Object[AttributeKind.count()];
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            AttributeKind kind = AttributeKind.byName(e.getKey());
            if (kind == null) {
                throw new OtException(OtError.UNKNOWN_ATTRIBUTE, "unknown attribute \"" + e.getKey() + "\"");
            }
            JsonNode v = e.getValue();
            Object kept = v.isNull() ? REMOVE : kind.rule().read(v);
            if (kept == null) {
                throw new OtException(OtError.INVALID_ATTRIBUTE, "attribute \"" + kind.wireName() + "\" does not allow " + abbreviate(v));
            }
            if (kept instanceof String s && Strings.hasLoneSurrogate(s)) {
                throw new OtException(OtError.LONE_SURROGATE, "attribute \"" + kind.wireName() + "\" holds a lone surrogate");
            }
            values[kind.ordinal()] = kept;
        }
        return new Attributes(values);
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** A builder, for code and tests that make attributes rather than parse them. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value of {@code kind}: null if absent, {@link #isRemoval} if it removes the attribute. */
    public Object get(AttributeKind kind) {
        return values[kind.ordinal()];
    }

    /** Whether {@code kind} is present with a real value (not a removal). */
    public boolean has(AttributeKind kind) {
        Object v = values[kind.ordinal()];
        return v != null && v != REMOVE;
    }

    /** Whether {@code value} (from {@link #get}) is a {@code null} that removes the attribute. */
    public static boolean isRemoval(Object value) {
        return value == REMOVE;
    }

    public boolean isEmpty() {
        return this == NONE; // every empty set of attributes is made NONE
    }

    /** Whether some attribute is a removal ({@code null}). */
    public boolean hasRemovals() {
        return removals;
    }

    /** These attributes without removals: what an insert keeps. */
    Attributes withoutRemovals() {
        if (!hasRemovals()) {
            return this;
        }
        Object[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == REMOVE) {
                out[i] = null;
            }
        }
        return of(out);
    }

    /**
     * {@code b} applied over {@code a}: {@code b}'s values win, {@code a}'s stay where {@code b}
     * says nothing. With {@code keepNull} (composing two retains) {@code b}'s removals are kept;
     * otherwise they are dropped, as the attribute is gone.
     */
    static Attributes compose(Attributes a, Attributes b, boolean keepNull) {
        if (b.isEmpty()) {
            return a;
        }
        Object[] out = new Object[b.values.length];
        for (int i = 0; i < out.length; i++) {
            Object bv = b.values[i];
            if (bv != null) {
                out[i] = bv == REMOVE && !keepNull ? null : bv;
            } else {
                out[i] = a.values[i];
            }
        }
        return of(out);
    }

    /** What turns {@code a} into {@code b}: changed values, and removals of what {@code b} lacks. */
    static Attributes diff(Attributes a, Attributes b) {
        Object[] out = new Object[a.values.length];
        for (int i = 0; i < out.length; i++) {
            Object av = a.values[i];
            Object bv = b.values[i];
            if (!java.util.Objects.equals(av, bv)) {
                out[i] = bv == null ? REMOVE : bv;
            }
        }
        return of(out);
    }

    /** What undoes formatting {@code base} with {@code attr}. */
    static Attributes invert(Attributes attr, Attributes base) {
        Object[] out = new Object[attr.values.length];
        for (int i = 0; i < out.length; i++) {
            Object av = attr.values[i];
            Object bv = base.values[i];
            if (av != null && !java.util.Objects.equals(av, bv)) {
                out[i] = bv == null ? REMOVE : bv;
            }
        }
        return of(out);
    }

    /**
     * {@code b}'s formats once {@code a} has been applied to the same text: with {@code priority}
     * {@code a} wins where both set an attribute, otherwise {@code b} simply overwrites.
     */
    static Attributes transform(Attributes a, Attributes b, boolean priority) {
        if (a.isEmpty() || b.isEmpty() || !priority) {
            return b;
        }
        Object[] out = new Object[b.values.length];
        for (int i = 0; i < out.length; i++) {
            if (a.values[i] == null) {
                out[i] = b.values[i];
            }
        }
        return of(out);
    }

    private static Attributes of(Object[] values) {
        for (Object v : values) {
            if (v != null) {
                return new Attributes(values);
            }
        }
        return NONE;
    }

    /** Writes the attributes as a JSON object, in the order of {@link AttributeKind}. */
    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            g.writeFieldName(AttributeKind.at(i).wireName());
            if (v == REMOVE) {
                g.writeNull();
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (v instanceof Integer n) {
                g.writeNumber(n);
            } else {
                g.writeString((String) v);
            }
        }
        g.writeEndObject();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Attributes other && hash == other.hash && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(AttributeKind.at(i).wireName()).append('=').append(values[i]);
            }
        }
        return sb.append('}').toString();
    }

    /** Builds attributes in Java, checking each value against the allow-list. */
    public static final class Builder {
        private final Object[] values = new Object[AttributeKind.count()];

        private Builder() {
        }

        /** Sets {@code name} to {@code value} (a Boolean, String or Integer), or to a removal if null. */
        public Builder put(String name, Object value) {
            AttributeKind kind = AttributeKind.byName(name);
            if (kind == null) {
                throw new OtException(OtError.UNKNOWN_ATTRIBUTE, "unknown attribute \"" + name + "\"");
            }
            if (value != null && !kind.rule().allows(value)) {
                throw new OtException(OtError.INVALID_ATTRIBUTE, "attribute \"" + name + "\" does not allow " + value);
            }
            values[kind.ordinal()] = value == null ? REMOVE : value;
            return this;
        }

        public Attributes build() {
            return of(values.clone());
        }
    }
}
