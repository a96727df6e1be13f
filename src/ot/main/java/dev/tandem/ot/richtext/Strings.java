package dev.tandem.ot.richtext;

/** UTF-16 checks the rich-text type needs: its lengths are UTF-16 units, so pairs must stay whole. */
final class Strings {
    private Strings() {
    }

    /** Whether {@code s} holds a surrogate half without its partner. */
    static boolean hasLoneSurrogate(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
