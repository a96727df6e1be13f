package dev.tandem.ot.canvas;

import java.util.Arrays;

/** The value of one canvas property: a number, a string, a boolean or a list of points. Immutable. */
public sealed interface PropertyValue {

    /** A finite number; -0 is stored as 0 so that equal values compare equal. */
    record NumberValue(double value) implements PropertyValue {
        public NumberValue {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("not finite: " + value);
            }
            if (value == 0) {
                value = 0.0;
            }
        }
    }

    /** A string (no lone surrogates: checked where it is read). */
    record StringValue(String value) implements PropertyValue {
        public StringValue {
            if (value == null) {
                throw new IllegalArgumentException("null string");
            }
        }
    }

    /** A boolean. */
    record BooleanValue(boolean value) implements PropertyValue {
    }

    /** Points of a line or an arrow as x0, y0, x1, y1, ... relative to the object's x and y. */
    record PointsValue(double[] coordinates) implements PropertyValue {
        public PointsValue {
            coordinates = coordinates.clone();
            for (int i = 0; i < coordinates.length; i++) {
                if (!Double.isFinite(coordinates[i])) {
                    throw new IllegalArgumentException("not finite: " + coordinates[i]);
                }
                if (coordinates[i] == 0) {
                    coordinates[i] = 0.0;
                }
            }
        }

        @Override
        public double[] coordinates() {
            return coordinates.clone();
        }

        public int size() {
            return coordinates.length;
        }

        public double get(int i) {
            return coordinates[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PointsValue p && Arrays.equals(coordinates, p.coordinates);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(coordinates);
        }

        @Override
        public String toString() {
            return "PointsValue" + Arrays.toString(coordinates);
        }
    }

    /** A number value. */
    static PropertyValue of(double v) {
        return new NumberValue(v);
    }

    /** A string value. */
    static PropertyValue of(String v) {
        return new StringValue(v);
    }

    /** A boolean value. */
    static PropertyValue of(boolean v) {
        return new BooleanValue(v);
    }
}
