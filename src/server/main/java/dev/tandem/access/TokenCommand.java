package dev.tandem.access;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/tandem-token}: mints an access token for local use and tests, signed with the
 * node's HMAC secret or an RSA/EC private key. Applications mint their own, with the same claims
 * (docs/PROTOCOL.md, "Access").
 */
@Command(name = "tandem-token", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = "Prints a signed access token for a Tandem node.",
        footer = "%nExample: tandem-token --user ana --name Ana --doc 'notes=editor' --doc 'team-*=viewer' --expires-in 3600")
public final class TokenCommand implements Callable<Integer> {
    @Option(names = "--secret", paramLabel = "SECRET", defaultValue = "${env:TANDEM_JWT_SECRET}",
            description = "HMAC secret, as the node's --jwt-secret (default: TANDEM_JWT_SECRET)")
    String secret;

    @Option(names = "--private-key", paramLabel = "FILE", description = "PEM PKCS#8 private key (RSA: RS256, EC P-256: ES256) instead of a secret")
    String privateKey;

    @Option(names = "--algorithm", paramLabel = "ALG", description = "signature algorithm (default HS256, RS256 or ES256 by the key)")
    String algorithm;

    @Option(names = "--kid", paramLabel = "ID", description = "key id to put in the header (for a JWKS)")
    String kid;

    @Option(names = "--user", required = true, paramLabel = "ID", description = "the user id (sub)")
    String user;

    @Option(names = "--name", paramLabel = "NAME", description = "display name the others see (default: the user id)")
    String name;

    @Option(names = "--color", paramLabel = "#RRGGBB", description = "caret colour")
    String color;

    @Option(names = "--doc", paramLabel = "ID=ROLE", description = "a grant: a document id, or a prefix ending in *, and "
            + "viewer, commenter, editor or owner; repeatable (default: *=editor)")
    List<String> docs;

    @Option(names = "--expires-in", paramLabel = "SECONDS", defaultValue = "3600", description = "lifetime (default 3600; 0: no expiry)")
    long expiresIn;

    @Option(names = "--issuer", paramLabel = "ISS", description = "iss claim")
    String issuer;

    @Option(names = "--audience", paramLabel = "AUD", description = "aud claim")
    String audience;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TokenCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> grants = new LinkedHashMap<>();
        for (String d : docs == null ? List.of("*=editor") : docs) {
            int eq = d.lastIndexOf('=');
            if (eq <= 0 || Role.named(d.substring(eq + 1)) == null) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--doc " + d + ": expected ID=ROLE");
            }
            grants.put(d.substring(0, eq), d.substring(eq + 1));
        }
        Grants.parse(grants); // the node would refuse what does not parse
        JsonObject claims = new JsonObject().put("sub", user).put("docs", new JsonObject(grants));
        if (name != null) {
            claims.put("name", name);
        }
        if (color != null) {
            claims.put("color", color);
        }
        Vertx vertx = Vertx.vertx();
        try {
            System.out.println(mint(vertx, claims));
        } finally {
            vertx.close();
        }
        return 0;
    }

    private String mint(Vertx vertx, JsonObject claims) throws Exception {
        String alg;
        PubSecKeyOptions key;
        if (privateKey != null) {
            String pem = Files.readString(Path.of(privateKey));
            alg = algorithm != null ? algorithm : pem.contains("BEGIN EC PRIVATE KEY") || isEc(pem) ? "ES256" : "RS256";
            key = new PubSecKeyOptions().setAlgorithm(alg).setBuffer(pem);
        } else {
            if (secret == null || secret.isBlank()) {
                throw new CommandLine.ParameterException(new CommandLine(this), "give --secret (or TANDEM_JWT_SECRET) or --private-key");
            }
            alg = algorithm != null ? algorithm : "HS256";
            key = new PubSecKeyOptions().setAlgorithm(alg).setBuffer(secret);
        }
        if (kid != null) {
            key.setId(kid);
        }
        JWTOptions options = new JWTOptions().setAlgorithm(alg);
        if (expiresIn > 0) {
            options.setExpiresInSeconds((int) Math.min(Integer.MAX_VALUE, expiresIn));
        }
        if (issuer != null) {
            options.setIssuer(issuer);
        }
        if (audience != null) {
            options.addAudience(audience);
        }
        return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key)).generateToken(claims, options);
    }

    private static boolean isEc(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            java.security.KeyFactory.getInstance("EC").generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(base64)));
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
