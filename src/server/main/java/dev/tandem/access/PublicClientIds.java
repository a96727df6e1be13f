package dev.tandem.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The id the others see for a client: a digest of the client's own id and its user, never the
 * client's own id.
 *
 * <p>A client's own id ({@code hello.clientId}) is what its submissions are deduplicated by: who
 * knows it can resubmit as that client, acknowledge its pending edits or push its sequence
 * numbers out of reach ({@code STALE_SEQUENCE} forever). So it is never sent to anyone else:
 * revisions, presence and REST histories carry the public id, a SHA-256 of the user's scope and the
 * client's id. Another user who reuses the id gets another public id, so dedup is per user; in open
 * mode, where there are no users, nobody can learn a client's own id from what the server sends.
 */
public final class PublicClientIds {
    private static final int BYTES = 15; // 120 bits: 20 base64url characters

    private PublicClientIds() {
    }

    /** The public id of client {@code clientId} of the user with {@code scope} ({@link Principal#scope()}). */
    public static String of(String scope, String clientId) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        sha.update(scope.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        byte[] digest = sha.digest(clientId.getBytes(StandardCharsets.UTF_8));
        byte[] head = new byte[BYTES];
        System.arraycopy(digest, 0, head, 0, BYTES);
        return "p" + Base64.getUrlEncoder().withoutPadding().encodeToString(head);
    }
}
