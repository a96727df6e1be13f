package dev.tandem.ot.text;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;

/**
 * One step of a {@link TextOperation}: keep, add or remove text at the current position.
 *
 * <p>Lengths are in Unicode code points. Components are validated on construction, so a component
 * that exists is one that does something: no zero lengths, no empty or half-surrogate inserts.
 */
public sealed interface Component permits Component.Retain, Component.Insert, Component.Delete {

    /** Length in code points: of the text kept, inserted or removed. */
    int length();

    static Retain retain(int count) {
        return new Retain(count);
    }

    static Insert insert(String text) {
        if (text == null || text.isEmpty()) {
            throw new OtException(OtError.NON_POSITIVE_LENGTH, "insert of empty text");
        }
        return new Insert(text, CodePoints.countStrict(text));
    }

    static Delete delete(int count) {
        return new Delete(count);
    }

    /** Keep {@code count} code points unchanged. */
    record Retain(int count) implements Component {
        public Retain {
            requirePositive(count, "retain");
        }

        @Override
        public int length() {
            return count;
        }
    }

    /** Insert {@code text}, which is {@code length} code points long. */
    record Insert(String text, int length) implements Component {
        public Insert {
            if (text == null || text.isEmpty()) {
                throw new OtException(OtError.NON_POSITIVE_LENGTH, "insert of empty text");
            }
            int actual = CodePoints.countStrict(text);
            if (length != actual) {
                throw new IllegalArgumentException("insert length " + length + " but text has " + actual + " code points");
            }
        }
    }

    /** Remove {@code count} code points. */
    record Delete(int count) implements Component {
        public Delete {
            requirePositive(count, "delete");
        }

        @Override
        public int length() {
            return count;
        }
    }

    private static void requirePositive(int count, String what) {
        if (count <= 0) {
            throw new OtException(OtError.NON_POSITIVE_LENGTH, what + " of " + count + " code points");
        }
    }
}
