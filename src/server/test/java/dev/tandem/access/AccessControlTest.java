package dev.tandem.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token verifier with every kind of key the node takes, and the claims it checks. */
class AccessControlTest {
    private static Vertx vertx;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + kind + "-----\n";
    }

    private static String sign(String alg, String privatePem, String kid, JsonObject claims) {
        PubSecKeyOptions key = new PubSecKeyOptions().setAlgorithm(alg).setBuffer(privatePem);
        if (kid != null) {
            key.setId(kid);
        }
        return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key)).generateToken(claims,
                new JWTOptions().setAlgorithm(alg).setExpiresInSeconds(600));
    }

    private static Principal verify(AccessControl access, String token) throws Exception {
        return access.authenticate(token).await(10, TimeUnit.SECONDS);
    }

    private static ErrorCode refusal(AccessControl access, String token) {
        Future<Principal> f = access.authenticate(token);
        try {
            f.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return e instanceof TandemException t ? t.code() : ErrorCode.INTERNAL_ERROR;
        }
        return null;
    }

    private static JsonObject claims() {
        return new JsonObject().put("sub", "ana").put("name", "Ana").put("color", "#d81b60")
                .put("docs", new JsonObject().put("notes", "editor").put("team-*", "viewer"));
    }

    @Test
    void rsaAndEcPublicKeyFilesVerifyTheirTokensAndNothingElse() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair r = rsa.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair e = ec.generateKeyPair();
        Path rsaFile = Files.writeString(dir.resolve("rsa.pem"), pem("PUBLIC KEY", r.getPublic().getEncoded()));
        Path ecFile = Files.writeString(dir.resolve("ec.pem"), pem("PUBLIC KEY", e.getPublic().getEncoded()));
        AccessControl access = AccessControl.create(vertx, new AccessOptions()
                .addPublicKeyFile(rsaFile.toString()).addPublicKeyFile(ecFile.toString()));
        assertFalse(access.openMode());

        Principal p = verify(access, sign("RS256", pem("PRIVATE KEY", r.getPrivate().getEncoded()), null, claims()));
        assertEquals("ana", p.userId());
        assertEquals("Ana", p.name());
        assertEquals("#d81b60", p.color());
        assertEquals(Role.EDITOR, p.roleFor("notes"));
        assertEquals(Role.VIEWER, p.roleFor("team-x"));
        assertNull(p.roleFor("other"));
        assertEquals("ana", verify(access, sign("ES256", pem("PRIVATE KEY", e.getPrivate().getEncoded()), null, claims())).userId());

        KeyPair stranger = rsa.generateKeyPair();
        assertEquals(ErrorCode.UNAUTHENTICATED,
                refusal(access, sign("RS256", pem("PRIVATE KEY", stranger.getPrivate().getEncoded()), null, claims())));
    }

    @Test
    void aJwksFileVerifiesByKeyId() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair r = rsa.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) r.getPublic();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        JsonObject jwk = new JsonObject().put("kty", "RSA").put("kid", "k1").put("alg", "RS256").put("use", "sig")
                .put("n", b64.encodeToString(unsigned(pub.getModulus().toByteArray())))
                .put("e", b64.encodeToString(unsigned(pub.getPublicExponent().toByteArray())));
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JsonObject().put("keys", new JsonArray().add(jwk)).encode());
        AccessControl access = AccessControl.create(vertx, new AccessOptions().setJwksFile(jwks.toString()));
        assertEquals("ana", verify(access, sign("RS256", pem("PRIVATE KEY", r.getPrivate().getEncoded()), "k1", claims())).userId());
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    @Test
    void issuerAudienceNotBeforeAndMalformedClaimsAreChecked() throws Exception {
        String secret = "0123456789abcdef0123456789abcdef";
        AccessControl access = AccessControl.create(vertx, new AccessOptions().setJwtSecret(secret)
                .setIssuer("https://id.example").setAudience("tandem").setLeewaySeconds(0));
        JWTAuth hs = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
        JWTOptions right = new JWTOptions().setIssuer("https://id.example").setAudience(List.of("tandem"));
        assertEquals("ana", verify(access, hs.generateToken(claims(), right)).userId());
        assertEquals(ErrorCode.UNAUTHENTICATED, refusal(access, hs.generateToken(claims(), new JWTOptions().setAudience(List.of("tandem")))));
        assertEquals(ErrorCode.UNAUTHENTICATED, refusal(access, hs.generateToken(claims(),
                new JWTOptions().setIssuer("https://id.example").setAudience(List.of("other")))));
        long now = System.currentTimeMillis() / 1000;
        assertEquals(ErrorCode.UNAUTHENTICATED, refusal(access, hs.generateToken(claims().put("nbf", now + 600), right)));
        assertEquals(ErrorCode.TOKEN_EXPIRED, refusal(access, hs.generateToken(claims().put("exp", now - 1), right)));
        for (JsonObject bad : List.of(claims().put("docs", new JsonObject().put("x", "admin")),
                claims().put("docs", new JsonObject().put("a*b*", "viewer")), claims().put("docs", "everything"),
                claims().put("color", "red"), claims().put("name", "n".repeat(65)), claims().putNull("sub"))) {
            assertEquals(ErrorCode.UNAUTHENTICATED, refusal(access, hs.generateToken(bad, right)), bad.encode());
        }
        assertTrue(access.authenticate(null).failed());
    }

    @Test
    void openModeMakesEveryoneAnEditorAndScopesNothing() throws Exception {
        AccessControl open = AccessControl.create(vertx, new AccessOptions());
        assertTrue(open.openMode());
        Principal p = verify(open, null);
        assertEquals(Role.EDITOR, p.roleFor("anything"));
        assertEquals("", p.scope());
        assertEquals(PublicClientIds.of("", "c-1234567890"), PublicClientIds.of(p.scope(), "c-1234567890"));
        assertFalse(PublicClientIds.of("", "c-1234567890").equals(PublicClientIds.of("u:ana", "c-1234567890")));
    }

    @Test
    void exactGrantsWinOverPrefixesAndLongerPrefixesOverShorter() {
        Grants g = Grants.parse(Map.of("*", "viewer", "team-*", "editor", "team-secret*", "commenter", "team-secret-plan", "owner"));
        assertEquals(Role.VIEWER, g.roleFor("x"));
        assertEquals(Role.EDITOR, g.roleFor("team-a"));
        assertEquals(Role.COMMENTER, g.roleFor("team-secret-notes"));
        assertEquals(Role.OWNER, g.roleFor("team-secret-plan"));
        assertTrue(g.coversAll());
    }

    @Test
    void originsAreComparedToTheHostAndTheAllowList() {
        OriginPolicy p = new OriginPolicy(List.of("https://app.example"));
        assertTrue(p.allows(null, "tandem.example"), "no Origin: not a browser's cross-site request");
        assertTrue(p.allows("https://tandem.example", "tandem.example"));
        assertTrue(p.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assertTrue(p.allows("https://app.example", "tandem.example"));
        assertFalse(p.allows("http://evil.example", "tandem.example"));
        assertFalse(p.allows("null", "tandem.example"));
        assertFalse(p.allows("http://127.0.0.1:9999", "127.0.0.1:8080"));
        assertTrue(p.needsCors("https://app.example", "tandem.example"));
        assertFalse(p.needsCors("https://tandem.example", "tandem.example"));
        assertTrue(new OriginPolicy(List.of("*")).allows("http://evil.example", "tandem.example"));
    }

    @Test
    void aNodeCannotStartWithAShortSecretOrAnUnreadableKey() {
        assertEquals("a JWT secret needs at least 32 bytes (256 bits)",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> new AccessOptions().setJwtSecret("short")).getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> AccessControl.create(vertx,
                new AccessOptions().addPublicKeyFile(dir.resolve("missing.pem").toString())));
    }
}
