package dev.tandem.access;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may reach the node (OWASP: check {@code Origin} on the WebSocket
 * handshake). A request without an {@code Origin} header is not a browser's cross-site request
 * (tools, bots, the Java client) and passes; a request from the node's own origin passes; any other
 * origin must be on the allow-list ({@code *} allows all).
 */
public final class OriginPolicy {
    private final Set<String> allowed;
    private final boolean any;

    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(OriginPolicy::normal).collect(Collectors.toUnmodifiableSet());
        this.any = this.allowed.contains("*");
    }

    /** Whether a request with {@code origin} (may be null) to host {@code host} (its Host header) may proceed. */
    public boolean allows(String origin, String host) {
        return origin == null || sameOrigin(origin, host) || any || allowed.contains(normal(origin));
    }

    /**
     * Whether the answer to an allowed request needs CORS headers: the origin is another site
     * that the allow-list names.
     */
    public boolean needsCors(String origin, String host) {
        return origin != null && !sameOrigin(origin, host) && (any || allowed.contains(normal(origin)));
    }

    /**
     * Same origin as far as the node can tell: the origin's host and port are the Host header the
     * browser sent (the scheme is not compared: a TLS proxy in front changes it).
     */
    static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        int scheme = origin.indexOf("://");
        if (scheme < 0) {
            return false; // "null" (sandboxed frames, file:) and other opaque origins
        }
        String authority = origin.substring(scheme + 3);
        String h = host.toLowerCase(Locale.ROOT);
        String a = authority.toLowerCase(Locale.ROOT);
        return a.equals(h) || a.equals(withDefaultPort(origin, h)) || withDefaultPort(origin, a).equals(h);
    }

    private static String withDefaultPort(String origin, String authority) {
        if (authority.matches(".*:\\d+$") && !authority.endsWith("]")) {
            return authority;
        }
        return authority + (origin.startsWith("https") ? ":443" : ":80");
    }

    private static String normal(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
