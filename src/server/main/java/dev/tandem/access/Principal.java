package dev.tandem.access;

/**
 * Who is on the other end of a connection or a REST call, as its token says: the user, the name
 * and colour the others see, the roles per document, and until when the token holds. In open mode
 * everyone is the same anonymous editor of everything.
 *
 * @param userId the token's {@code sub}; null in open mode
 * @param name the display name from the token (null: open mode, the client chooses)
 * @param color the colour from the token, or null (the client chooses)
 * @param expiresAtMillis when the token expires, or {@link Long#MAX_VALUE} if it does not
 */
public record Principal(String userId, String name, String color, Grants grants, long expiresAtMillis) {
    /** The anonymous editor of open mode. */
    public static final Principal OPEN = new Principal(null, null, null, Grants.EVERYTHING, Long.MAX_VALUE);

    /** Whether this is open mode's anonymous principal. */
    public boolean open() {
        return userId == null;
    }

    /** The role for {@code docId}, or null if the token gives none. */
    public Role roleFor(String docId) {
        return grants.roleFor(docId);
    }

    /** Whether the token has expired at {@code nowMillis}. */
    public boolean expiredAt(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /**
     * What keys this principal's per-user state (dedup of submissions, rate limits) apart from
     * other users': empty in open mode, where there are no users.
     */
    public String scope() {
        return userId == null ? "" : "u:" + userId;
    }
}
