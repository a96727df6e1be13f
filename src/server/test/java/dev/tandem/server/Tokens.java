package dev.tandem.server;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.Map;

/** Mints access tokens for tests, as an application would: HS256 with the node's secret. */
public final class Tokens {
    private final JWTAuth jwt;

    public Tokens(Vertx vertx, String secret) {
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    }

    /** A token of {@code user} with {@code grants} (id or prefix* to role), valid for an hour. */
    public String token(String user, String name, Map<String, String> grants) {
        return token(new JsonObject().put("sub", user).put("name", name).put("docs", new JsonObject(Map.copyOf(grants))),
                System.currentTimeMillis() / 1000 + 3600);
    }

    /** A token with these claims expiring at {@code exp} (seconds since the epoch). */
    public String token(JsonObject claims, long exp) {
        return jwt.generateToken(claims.copy().put("exp", exp), new JWTOptions().setAlgorithm("HS256"));
    }
}
