package dev.tandem.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** Turns the configured secret, PEM public keys and JWKS file into vertx-auth-jwt's options. Blocking (reads files). */
final class KeyFiles {
    private KeyFiles() {
    }

    static JWTAuthOptions jwtOptions(AccessOptions o) {
        JWTAuthOptions jwt = new JWTAuthOptions();
        if (o.jwtSecret() != null) {
            for (String alg : List.of("HS256", "HS384", "HS512")) {
                jwt.addPubSecKey(new PubSecKeyOptions().setAlgorithm(alg).setBuffer(o.jwtSecret()));
            }
        }
        for (String file : o.publicKeyFiles()) {
            String pem = read(file);
            for (String alg : algorithms(file, pem)) {
                jwt.addPubSecKey(new PubSecKeyOptions().setAlgorithm(alg).setBuffer(pem));
            }
        }
        if (o.jwksFile() != null) {
            JsonObject set;
            try {
                set = new JsonObject(read(o.jwksFile()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(o.jwksFile() + " is not a JSON Web Key Set: " + e.getMessage(), e);
            }
            JsonArray keys = set.getJsonArray("keys");
            if (keys == null || keys.isEmpty()) {
                throw new IllegalArgumentException(o.jwksFile() + " has no \"keys\"");
            }
            for (int i = 0; i < keys.size(); i++) {
                jwt.addJwk(keys.getJsonObject(i));
            }
        }
        return jwt;
    }

    /** The signature algorithms a PEM public key verifies: RSA's three sizes of hash, or the EC curve's one. */
    private static List<String> algorithms(String file, String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        if (!pem.contains("BEGIN PUBLIC KEY")) {
            throw new IllegalArgumentException(file + ": expected a PEM \"BEGIN PUBLIC KEY\" (X.509 SubjectPublicKeyInfo)");
        }
        byte[] der = Base64.getDecoder().decode(base64);
        for (String kind : List.of("RSA", "EC")) {
            try {
                PublicKey key = KeyFactory.getInstance(kind).generatePublic(new X509EncodedKeySpec(der));
                if (key instanceof ECPublicKey ec) {
                    int bits = ec.getParams().getCurve().getField().getFieldSize();
                    return List.of(bits <= 256 ? "ES256" : bits <= 384 ? "ES384" : "ES512");
                }
                return List.of("RS256", "RS384", "RS512");
            } catch (GeneralSecurityException notThisKind) {
                // try the next
            }
        }
        throw new IllegalArgumentException(file + ": neither an RSA nor an EC public key");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
