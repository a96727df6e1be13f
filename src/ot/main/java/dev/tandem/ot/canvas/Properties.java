package dev.tandem.ot.canvas;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties of one canvas object: an immutable map kept as two sorted arrays, small for the
 * ten or so properties an object has, and in one order everywhere so snapshots are deterministic.
 */
public final class Properties {
    /** No properties. */
    public static final Properties EMPTY = new Properties(new String[0], new PropertyValue[0]);

    private final String[] names;
    private final PropertyValue[] values;

    private Properties(String[] names, PropertyValue[] values) {
        this.names = names;
        this.values = values;
    }

    /** The properties of {@code map} (its values must have been checked against the schema). */
    public static Properties of(Map<String, PropertyValue> map) {
        Properties p = EMPTY;
        for (Map.Entry<String, PropertyValue> e : map.entrySet()) {
            p = p.with(e.getKey(), e.getValue());
        }
        return p;
    }

    public int size() {
        return names.length;
    }

    /** The value of {@code name}, or null if it is not set. */
    public PropertyValue get(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? values[i] : null;
    }

    /** These properties with {@code name} set to {@code value}, or removed if {@code value} is null. */
    public Properties with(String name, PropertyValue value) {
        int i = Arrays.binarySearch(names, name);
        if (value == null) {
            if (i < 0) {
                return this;
            }
            String[] n = new String[names.length - 1];
            PropertyValue[] v = new PropertyValue[names.length - 1];
            System.arraycopy(names, 0, n, 0, i);
            System.arraycopy(names, i + 1, n, i, names.length - i - 1);
            System.arraycopy(values, 0, v, 0, i);
            System.arraycopy(values, i + 1, v, i, names.length - i - 1);
            return new Properties(n, v);
        }
        if (i >= 0) {
            PropertyValue[] v = values.clone();
            v[i] = value;
            return new Properties(names, v);
        }
        int at = -i - 1;
        String[] n = new String[names.length + 1];
        PropertyValue[] v = new PropertyValue[names.length + 1];
        System.arraycopy(names, 0, n, 0, at);
        System.arraycopy(values, 0, v, 0, at);
        n[at] = name;
        v[at] = value;
        System.arraycopy(names, at, n, at + 1, names.length - at);
        System.arraycopy(values, at, v, at + 1, names.length - at);
        return new Properties(n, v);
    }

    /** The properties as a map in name order. */
    public Map<String, PropertyValue> asMap() {
        Map<String, PropertyValue> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], values[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Properties p && Arrays.equals(names, p.names) && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
