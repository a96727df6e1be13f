package dev.tandem.ot.richtext;

import java.util.Locale;
import java.util.Set;

/** The URL checks shared by links and embeds: a scheme from a short list and no control characters. */
final class Urls {
    static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    static final Set<String> WEB_SCHEMES = Set.of("http", "https");
    static final Set<String> SECURE_SCHEMES = Set.of("https");

    private Urls() {
    }

    /**
     * Whether {@code url} starts with one of {@code schemes} (any case) and holds no control
     * characters: browsers drop tabs and newlines inside a scheme, so {@code java\tscript:} must
     * never reach an {@code href}. Web URLs need a host after {@code //}.
     */
    static boolean allowed(String url, Set<String> schemes, int maxLength) {
        if (url.isEmpty() || url.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return false;
            }
        }
        int colon = url.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return false;
        }
        String rest = url.substring(colon + 1);
        if (scheme.equals("mailto")) {
            return !rest.isEmpty();
        }
        return rest.startsWith("//") && rest.length() > 2 && "/?#".indexOf(rest.charAt(2)) < 0;
    }
}
