package dev.tandem.ot.text;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;

/**
 * Code point arithmetic on Java's UTF-16 strings.
 *
 * <p>Every length and position in Tandem counts Unicode code points, so that an emoji is one
 * character for the Java server and the browser alike and no edit can split a surrogate pair.
 */
public final class CodePoints {
    private CodePoints() {
    }

    /**
     * Counts the code points of {@code s}, rejecting lone surrogates.
     *
     * @throws OtException with {@link OtError#LONE_SURROGATE} if a surrogate half is unpaired
     */
    public static int countStrict(CharSequence s) {
        int n = s.length();
        int count = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new OtException(OtError.LONE_SURROGATE,
                            "lone surrogate U+" + Integer.toHexString(c).toUpperCase() + " at UTF-16 index " + i);
                }
            }
            count++;
        }
        return count;
    }

    /** Converts a code point offset into a UTF-16 index of {@code s}, starting the walk at {@code fromChar}. */
    public static int charIndex(String s, int fromChar, int codePoints) {
        return s.offsetByCodePoints(fromChar, codePoints);
    }

    /** Converts a UTF-16 index of {@code s} into a code point offset. */
    public static int codePointIndex(String s, int charIndex) {
        return s.codePointCount(0, charIndex);
    }
}
