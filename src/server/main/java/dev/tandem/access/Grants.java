package dev.tandem.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The roles a token gives, per document id or per id prefix: {@code "notes": "editor"} for one
 * document, {@code "team-a.*": "viewer"} for every id that starts with {@code team-a.}, and
 * {@code "*": "viewer"} for all. An exact id wins over prefixes, a longer prefix over a shorter.
 */
public final class Grants {
    /** Most entries one token may carry (the token's size is bounded anyway; this bounds the work per check). */
    public static final int MAX_ENTRIES = 1000;
    /** Every document, as editor: open mode. */
    public static final Grants EVERYTHING = new Grants(Map.of(), List.of(new Prefix("", Role.EDITOR)));

    private record Prefix(String prefix, Role role) {
    }

    private final Map<String, Role> exact;
    private final List<Prefix> prefixes; // longest first

    private Grants(Map<String, Role> exact, List<Prefix> prefixes) {
        this.exact = exact;
        this.prefixes = prefixes;
    }

    /**
     * Reads grants from a token's {@code docs} claim: keys are ids or prefixes ending in
     * {@code *}, values role names.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Grants parse(Map<String, Object> claim) {
        if (claim == null) {
            return new Grants(Map.of(), List.of());
        }
        if (claim.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("more than " + MAX_ENTRIES + " document grants");
        }
        Map<String, Role> exact = new HashMap<>();
        List<Prefix> prefixes = new ArrayList<>();
        for (Map.Entry<String, Object> e : claim.entrySet()) {
            Role role = e.getValue() instanceof String s ? Role.named(s) : null;
            if (role == null) {
                throw new IllegalArgumentException("grant " + e.getKey() + ": role must be viewer, commenter, editor or owner");
            }
            String key = e.getKey();
            if (key.endsWith("*")) {
                String prefix = key.substring(0, key.length() - 1);
                if (prefix.contains("*")) {
                    throw new IllegalArgumentException("grant " + key + ": only a trailing * is allowed");
                }
                prefixes.add(new Prefix(prefix, role));
            } else {
                exact.put(key, role);
            }
        }
        prefixes.sort(Comparator.comparingInt((Prefix p) -> p.prefix().length()).reversed());
        return new Grants(Map.copyOf(exact), List.copyOf(prefixes));
    }

    /** The role these grants give for {@code docId}, or null if none. */
    public Role roleFor(String docId) {
        Role r = exact.get(docId);
        if (r != null) {
            return r;
        }
        for (Prefix p : prefixes) {
            if (docId.startsWith(p.prefix())) {
                return p.role();
            }
        }
        return null;
    }

    /** Whether these grants cover every document id (a {@code *} grant). */
    public boolean coversAll() {
        return !prefixes.isEmpty() && prefixes.get(prefixes.size() - 1).prefix().isEmpty();
    }
}
