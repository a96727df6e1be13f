package dev.tandem.access;

import dev.tandem.protocol.ClientCodec;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Turns access tokens into {@link Principal}s: signed JWTs (vertx-auth-jwt) verified with the
 * node's keys, their claims read as Tandem's (docs/PROTOCOL.md, "Access"). Without keys the node
 * is in open mode and every caller is {@link Principal#OPEN}.
 *
 * <p>Expiry is checked here rather than by the JWT library, so that an expired token is told apart
 * ({@code TOKEN_EXPIRED}: ask for a new one) from a forged or malformed one ({@code UNAUTHENTICATED}).
 */
public final class AccessControl {
    /** The prefix of the documents the node's own warm-up edits (DocumentOwnership's scratch documents). */
    static final String WARMUP_DOCUMENTS = ".warmup.";

    private final JWTAuth jwt;
    private final AccessOptions options;
    private final OriginPolicy origins;
    /** A random secret that never leaves the process: the node's warm-up clients present it instead of a JWT. */
    private final String internalSecret;

    private AccessControl(JWTAuth jwt, AccessOptions options) {
        this.jwt = jwt;
        this.options = options;
        this.origins = new OriginPolicy(options.allowedOrigins());
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        this.internalSecret = "internal." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * A token for the node's own warm-up client number {@code n}: editor of the scratch documents
     * only, each client its own user (so that rate limits count them apart). Valid in this process only.
     */
    public String internalToken(int n) {
        return internalSecret + "." + n;
    }

    /** Open mode: no keys, everyone edits everything. */
    public static AccessControl open(AccessOptions options) {
        return new AccessControl(null, options);
    }

    /** Reads the keys (blocking: call it off the event loop) and makes the verifier; open mode if there are none. */
    public static AccessControl create(Vertx vertx, AccessOptions options) {
        if (options.openMode()) {
            return open(options);
        }
        JWTAuthOptions jwtOptions = KeyFiles.jwtOptions(options)
                .setJWTOptions(new JWTOptions().setIgnoreExpiration(true).setLeeway(options.leewaySeconds()));
        return new AccessControl(JWTAuth.create(vertx, jwtOptions), options);
    }

    /** Whether anyone may edit: no key is configured. */
    public boolean openMode() {
        return jwt == null;
    }

    /** Which browser origins may call the node. */
    public OriginPolicy origins() {
        return origins;
    }

    /**
     * The principal of {@code token}: in open mode always {@link Principal#OPEN} (a token is
     * ignored); otherwise the token must be a valid, current JWT signed by one of the keys.
     * Fails with {@code UNAUTHENTICATED} or {@code TOKEN_EXPIRED}.
     */
    public Future<Principal> authenticate(String token) {
        if (jwt == null) {
            return Future.succeededFuture(Principal.OPEN);
        }
        if (token == null || token.isEmpty()) {
            return Future.failedFuture(unauthenticated("this node requires an access token"));
        }
        if (token.startsWith(internalSecret + ".") && token.length() <= internalSecret.length() + 12) {
            return Future.succeededFuture(new Principal("tandem-warmup-" + token.substring(internalSecret.length() + 1),
                    "Warm-up", null, Grants.parse(java.util.Map.of(WARMUP_DOCUMENTS + "*", "editor")), Long.MAX_VALUE));
        }
        if (token.length() > ClientCodec.MAX_TOKEN_LENGTH) {
            return Future.failedFuture(unauthenticated("the access token is longer than " + ClientCodec.MAX_TOKEN_LENGTH));
        }
        return jwt.authenticate(new TokenCredentials(token))
                .recover(e -> Future.failedFuture(unauthenticated("invalid access token: " + e.getMessage())))
                .compose(user -> {
                    try {
                        // The token's claims as signed (the user's principal holds only some of them).
                        JsonObject claims = user.attributes().getJsonObject("accessToken", user.principal());
                        return Future.succeededFuture(principal(claims, System.currentTimeMillis()));
                    } catch (TandemException e) {
                        return Future.failedFuture(e);
                    }
                });
    }

    /** Reads and checks Tandem's claims. */
    Principal principal(JsonObject claims, long nowMillis) {
        long leewayMs = options.leewaySeconds() * 1000L;
        Long exp = number(claims, "exp");
        long expiresAt = exp == null ? Long.MAX_VALUE : Math.multiplyExact(exp, 1000L) + leewayMs;
        if (nowMillis >= expiresAt) {
            throw new TandemException(ErrorCode.TOKEN_EXPIRED, "the access token expired");
        }
        Long nbf = number(claims, "nbf");
        if (nbf != null && nowMillis + leewayMs < nbf * 1000L) {
            throw unauthenticated("the access token is not valid yet");
        }
        if (options.issuer() != null && !options.issuer().equals(claims.getValue("iss"))) {
            throw unauthenticated("the access token's issuer is not " + options.issuer());
        }
        if (options.audience() != null && !audienceHas(claims.getValue("aud"), options.audience())) {
            throw unauthenticated("the access token is not for audience " + options.audience());
        }
        Object sub = claims.getValue("sub");
        if (!(sub instanceof String userId) || userId.isEmpty() || userId.length() > 256) {
            throw unauthenticated("the access token needs a sub (the user id) of 1 to 256 characters");
        }
        String name = string(claims, "name");
        if (name != null && name.codePointCount(0, name.length()) > ClientCodec.MAX_NAME_LENGTH) {
            throw unauthenticated("the access token's name is longer than " + ClientCodec.MAX_NAME_LENGTH);
        }
        String color = string(claims, "color");
        if (color != null && !ClientCodec.COLOR.matcher(color).matches()) {
            throw unauthenticated("the access token's color must be #rrggbb");
        }
        Object docs = claims.getValue("docs");
        if (docs != null && !(docs instanceof JsonObject)) {
            throw unauthenticated("the access token's docs claim must be an object of grants");
        }
        Grants grants;
        try {
            grants = Grants.parse(docs == null ? null : ((JsonObject) docs).getMap());
        } catch (IllegalArgumentException e) {
            throw unauthenticated("the access token's docs claim: " + e.getMessage());
        }
        return new Principal(userId, name != null ? name : shortName(userId), color, grants, expiresAt);
    }

    private static String shortName(String userId) {
        return userId.codePointCount(0, userId.length()) <= ClientCodec.MAX_NAME_LENGTH ? userId
                : userId.substring(0, userId.offsetByCodePoints(0, ClientCodec.MAX_NAME_LENGTH));
    }

    private static boolean audienceHas(Object aud, String wanted) {
        if (aud instanceof String s) {
            return s.equals(wanted);
        }
        return aud instanceof JsonArray a && a.contains(wanted);
    }

    private static Long number(JsonObject claims, String name) {
        Object v = claims.getValue(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n)) {
            throw unauthenticated("the access token's " + name + " must be a number");
        }
        return n.longValue();
    }

    private static String string(JsonObject claims, String name) {
        Object v = claims.getValue(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw unauthenticated("the access token's " + name + " must be a string");
        }
        return s;
    }

    static TandemException unauthenticated(String message) {
        return new TandemException(ErrorCode.UNAUTHENTICATED, message);
    }
}
