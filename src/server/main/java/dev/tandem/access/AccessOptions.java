package dev.tandem.access;

import java.util.ArrayList;
import java.util.List;

/**
 * How a node checks who may do what: the keys that verify access tokens and the origins browsers
 * may call from. No key at all is open mode: anyone may read and edit every document.
 */
public final class AccessOptions {
    public static final int DEFAULT_LEEWAY_SECONDS = 5;

    private String jwtSecret;
    private final List<String> publicKeyFiles = new ArrayList<>();
    private String jwksFile;
    private String issuer;
    private String audience;
    private int leewaySeconds = DEFAULT_LEEWAY_SECONDS;
    private final List<String> allowedOrigins = new ArrayList<>();

    /** Whether no key is configured: open mode. */
    public boolean openMode() {
        return jwtSecret == null && publicKeyFiles.isEmpty() && jwksFile == null;
    }

    public String jwtSecret() {
        return jwtSecret;
    }

    /** The HMAC secret of HS256/384/512 tokens; at least 32 bytes. */
    public AccessOptions setJwtSecret(String jwtSecret) {
        if (jwtSecret != null && jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("a JWT secret needs at least 32 bytes (256 bits)");
        }
        this.jwtSecret = jwtSecret;
        return this;
    }

    public List<String> publicKeyFiles() {
        return publicKeyFiles;
    }

    /** Adds a PEM file with an RSA or EC public key (RS256/384/512, ES256/384/512 tokens). */
    public AccessOptions addPublicKeyFile(String file) {
        publicKeyFiles.add(file);
        return this;
    }

    public String jwksFile() {
        return jwksFile;
    }

    /** A JSON Web Key Set file ({@code {"keys": [...]}}); tokens name their key by {@code kid}. */
    public AccessOptions setJwksFile(String jwksFile) {
        this.jwksFile = jwksFile;
        return this;
    }

    public String issuer() {
        return issuer;
    }

    /** If set, tokens must carry this {@code iss}. */
    public AccessOptions setIssuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public String audience() {
        return audience;
    }

    /** If set, tokens must list this {@code aud}. */
    public AccessOptions setAudience(String audience) {
        this.audience = audience;
        return this;
    }

    public int leewaySeconds() {
        return leewaySeconds;
    }

    /** Clock skew tolerated on {@code exp} and {@code nbf}. */
    public AccessOptions setLeewaySeconds(int leewaySeconds) {
        this.leewaySeconds = leewaySeconds;
        return this;
    }

    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** Browser origins (besides the node's own) allowed to connect and call the REST API; {@code *}: any. */
    public AccessOptions setAllowedOrigins(List<String> origins) {
        allowedOrigins.clear();
        allowedOrigins.addAll(origins);
        return this;
    }
}
