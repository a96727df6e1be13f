package dev.tandem.ot.canvas;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Fractional index keys: strings that sort between any two others, so a client can place an
 * object between two siblings without renumbering anything.
 *
 * <p>A port to Java of the npm package {@code fractional-indexing} 4.0.0 by Rocicorp
 * (https://github.com/rocicorp/fractional-indexing, licence CC0-1.0, "no rights reserved"),
 * itself based on David Greenspan's "Implementing Fractional Indexing". Only the default
 * alphabets are ported: base-62 digits and the A-Z / a-z integer-length heads, so keys look like
 * {@code a0}, {@code a1}, {@code a0V}, {@code Zz}. {@code FractionalIndexDifferentialTest} checks
 * this port against the package itself.
 *
 * <p>A key is an integer part (a head letter saying how many digits follow: {@code a} one,
 * {@code b} two, ..., {@code Z} one negative, {@code Y} two negative...) and an optional
 * fraction that never ends in {@code 0}. Keys compare as plain strings (UTF-16 order, as in
 * JavaScript).
 */
public final class FractionalIndex {
    static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final String INT_DIGITS = DIGITS.substring(10);
    private static final char ZERO = '0';
    private static final String SMALLEST_INTEGER = "A" + "0".repeat(26);

    private FractionalIndex() {
    }

    /** Whether {@code key} is a valid key made only of base-62 digits. */
    public static boolean isValid(String key) {
        try {
            validate(key);
            return true;
        } catch (OtException e) {
            return false;
        }
    }

    /**
     * Checks that {@code key} is a key. Stricter than the npm package on one point: every
     * character must be a base-62 digit (the package does not look at the digits after the head,
     * and would accept {@code "a0!"}).
     *
     * @throws OtException {@link OtError#INVALID_INDEX}
     */
    public static void validate(String key) {
        if (key == null || key.isEmpty()) {
            throw invalid("an index must be a non-empty string");
        }
        for (int i = 0; i < key.length(); i++) {
            if (digit(key.charAt(i)) < 0) {
                throw invalid("index \"" + printable(key) + "\" has a character that is not a base-62 digit at " + i);
            }
        }
        if (key.equals(SMALLEST_INTEGER)) {
            throw invalid("index \"" + key + "\" is the smallest integer, which has no key before it");
        }
        String integer = integerPart(key);
        if (key.length() > integer.length() && key.charAt(key.length() - 1) == ZERO) {
            throw invalid("index \"" + key + "\" ends in a trailing zero");
        }
    }

    /**
     * A key that sorts strictly between {@code a} and {@code b}; null stands for the start or
     * the end. The two bounds may come in either order (as in the package since 4.0).
     *
     * @throws OtException {@link OtError#INVALID_INDEX} if a bound is not a key, the bounds are
     *     equal, or there is no key left at that end
     */
    public static String between(String a, String b) {
        if (a != null) {
            validate(a);
        }
        if (b != null) {
            validate(b);
        }
        if (a != null && b != null && a.compareTo(b) > 0) {
            String t = a;
            a = b;
            b = t;
        }
        if (a == null) {
            if (b == null) {
                return "a" + ZERO;
            }
            String ib = integerPart(b);
            String fb = b.substring(ib.length());
            if (ib.equals(SMALLEST_INTEGER)) {
                return ib + midpoint("", fb);
            }
            if (ib.compareTo(b) < 0) {
                return ib;
            }
            String res = decrementInteger(ib);
            if (res == null) {
                throw invalid("cannot decrement any more");
            }
            return res;
        }
        if (b == null) {
            String ia = integerPart(a);
            String fa = a.substring(ia.length());
            String i = incrementInteger(ia);
            return i == null ? ia + midpoint(fa, null) : i;
        }
        String ia = integerPart(a);
        String fa = a.substring(ia.length());
        String ib = integerPart(b);
        String fb = b.substring(ib.length());
        if (ia.equals(ib)) {
            return ia + midpoint(fa, fb);
        }
        String i = incrementInteger(ia);
        if (i == null) {
            throw invalid("cannot increment any more");
        }
        if (i.compareTo(b) < 0) {
            return i;
        }
        return ia + midpoint(fa, null);
    }

    /**
     * {@code n} distinct keys in ascending order between {@code a} and {@code b}: consecutive
     * integers when one side is open, short keys spread by bisection when both are given.
     */
    public static List<String> nBetween(String a, String b, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n);
        }
        if (n == 0) {
            return List.of();
        }
        if (n == 1) {
            return List.of(between(a, b));
        }
        List<String> out = new ArrayList<>(n);
        if (b == null) {
            String c = between(a, null);
            out.add(c);
            for (int i = 0; i < n - 1; i++) {
                c = between(c, null);
                out.add(c);
            }
            return out;
        }
        if (a == null) {
            String c = between(null, b);
            out.add(c);
            for (int i = 0; i < n - 1; i++) {
                c = between(null, c);
                out.add(c);
            }
            Collections.reverse(out);
            return out;
        }
        int mid = n / 2;
        String c = between(a, b);
        out.addAll(nBetween(a, c, mid));
        out.add(c);
        out.addAll(nBetween(c, b, n - mid - 1));
        return out;
    }

    // a may be empty, b is null or non-empty; a < b when b is given; neither ends in a zero.
    private static String midpoint(String a, String b) {
        if (b != null && a.compareTo(b) >= 0) {
            throw invalid(a + " >= " + b);
        }
        if (endsWithZero(a) || (b != null && endsWithZero(b))) {
            throw invalid("trailing zero");
        }
        if (b != null) {
            // Strip the longest common prefix, reading a missing digit of a as zero (b cannot end
            // first inside the common prefix).
            int n = 0;
            while (n < b.length() && (n < a.length() ? a.charAt(n) : ZERO) == b.charAt(n)) {
                n++;
            }
            if (n > 0) {
                return b.substring(0, n) + midpoint(n < a.length() ? a.substring(n) : "", b.substring(n));
            }
        }
        int digitA = a.isEmpty() ? 0 : digit(a.charAt(0));
        int digitB = b != null ? digit(b.charAt(0)) : DIGITS.length();
        if (digitB - digitA > 1) {
            // JavaScript's Math.round(0.5 * x) rounds halves up, as does floor(x / 2 + 0.5) here.
            int mid = (digitA + digitB + 1) / 2;
            return String.valueOf(DIGITS.charAt(mid));
        }
        if (b != null && b.length() > 1) {
            return b.substring(0, 1);
        }
        // b is null or one digit: keep a's first digit and go halfway between the rest of a and the end.
        return DIGITS.charAt(digitA) + midpoint(a.isEmpty() ? "" : a.substring(1), null);
    }

    private static boolean endsWithZero(String s) {
        return !s.isEmpty() && s.charAt(s.length() - 1) == ZERO;
    }

    private static int integerLength(char head) {
        int i = INT_DIGITS.indexOf(head);
        if (i < 0) {
            throw invalid("invalid order key head: " + printable(String.valueOf(head)));
        }
        int half = INT_DIGITS.length() / 2;
        return i < half ? half - i + 1 : i - half + 2;
    }

    private static String integerPart(String key) {
        int length = integerLength(key.charAt(0));
        if (length > key.length()) {
            throw invalid("index \"" + printable(key) + "\" is shorter than its head '" + key.charAt(0) + "' says");
        }
        return key.substring(0, length);
    }

    private static String incrementInteger(String x) {
        char head = x.charAt(0);
        StringBuilder trailing = new StringBuilder();
        for (int i = x.length() - 1; i >= 1; i--) {
            int d = digit(x.charAt(i)) + 1;
            if (d == DIGITS.length()) {
                trailing.insert(0, ZERO);
            } else {
                return head + x.substring(1, i) + DIGITS.charAt(d) + trailing;
            }
        }
        int headIndex = INT_DIGITS.indexOf(head);
        if (headIndex == INT_DIGITS.length() - 1) {
            return null;
        }
        char h = INT_DIGITS.charAt(headIndex + 1);
        int delta = integerLength(h) - integerLength(head);
        String t = trailing.toString();
        return h + (delta > 0 ? t + ZERO : delta < 0 ? t.substring(1) : t);
    }

    private static String decrementInteger(String x) {
        char head = x.charAt(0);
        char last = DIGITS.charAt(DIGITS.length() - 1);
        StringBuilder trailing = new StringBuilder();
        for (int i = x.length() - 1; i >= 1; i--) {
            int d = digit(x.charAt(i)) - 1;
            if (d == -1) {
                trailing.insert(0, last);
            } else {
                return head + x.substring(1, i) + DIGITS.charAt(d) + trailing;
            }
        }
        int headIndex = INT_DIGITS.indexOf(head);
        if (headIndex == 0) {
            return null;
        }
        char h = INT_DIGITS.charAt(headIndex - 1);
        int delta = integerLength(h) - integerLength(head);
        String t = trailing.toString();
        return h + (delta > 0 ? t + last : delta < 0 ? t.substring(1) : t);
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 36;
        }
        return -1;
    }

    private static String printable(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static OtException invalid(String message) {
        return new OtException(OtError.INVALID_INDEX, message);
    }
}
