package dev.tandem.storage;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where documents are stored: an external PostgreSQL server given by URL, or (the default) an
 * embedded PostgreSQL whose files live under {@code <dataDir>/postgres}.
 */
public class StorageOptions {

    /** No external server: start the embedded one. */
    public static final String DEFAULT_POSTGRES_URL = null;
    /** Connections per node; the sequencers' group commits keep few connections busy. */
    public static final int DEFAULT_POOL_SIZE = 4;
    /** Root of everything the node keeps on disk. */
    public static final String DEFAULT_DATA_DIR = "./data";
    /** 0 picks a free port on every start. */
    public static final int DEFAULT_EMBEDDED_PORT = 0;
    /** How long after the embedded server's death the first restart is tried (later ones wait longer). */
    public static final long DEFAULT_EMBEDDED_RESTART_DELAY_MS = 500;

    private String postgresUrl;
    private int poolSize;
    private String dataDir;
    private int embeddedPort;
    private long embeddedRestartDelayMs;

    public StorageOptions() {
        postgresUrl = DEFAULT_POSTGRES_URL;
        poolSize = DEFAULT_POOL_SIZE;
        dataDir = DEFAULT_DATA_DIR;
        embeddedPort = DEFAULT_EMBEDDED_PORT;
        embeddedRestartDelayMs = DEFAULT_EMBEDDED_RESTART_DELAY_MS;
    }

    public StorageOptions(StorageOptions other) {
        postgresUrl = other.postgresUrl;
        poolSize = other.poolSize;
        dataDir = other.dataDir;
        embeddedPort = other.embeddedPort;
        embeddedRestartDelayMs = other.embeddedRestartDelayMs;
    }

    /**
     * Reads {@code postgresUrl}, {@code poolSize}, {@code dataDir}, {@code embeddedPort},
     * {@code embeddedRestartDelayMs}; absent keys keep their defaults.
     */
    public StorageOptions(JsonObject json) {
        this();
        setPostgresUrl(json.getString("postgresUrl", DEFAULT_POSTGRES_URL));
        setPoolSize(json.getInteger("poolSize", DEFAULT_POOL_SIZE));
        setDataDir(json.getString("dataDir", DEFAULT_DATA_DIR));
        setEmbeddedPort(json.getInteger("embeddedPort", DEFAULT_EMBEDDED_PORT));
        setEmbeddedRestartDelayMs(json.getLong("embeddedRestartDelayMs", DEFAULT_EMBEDDED_RESTART_DELAY_MS));
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("poolSize", poolSize)
                .put("dataDir", dataDir)
                .put("embeddedPort", embeddedPort)
                .put("embeddedRestartDelayMs", embeddedRestartDelayMs);
        if (postgresUrl != null) {
            json.put("postgresUrl", postgresUrl);
        }
        return json;
    }

    /** External server, e.g. {@code postgresql://user:pass@host:5432/db}; null means embedded. */
    public String getPostgresUrl() {
        return postgresUrl;
    }

    public StorageOptions setPostgresUrl(String postgresUrl) {
        this.postgresUrl = postgresUrl == null || postgresUrl.isBlank() ? null : postgresUrl.trim();
        return this;
    }

    public boolean isEmbedded() {
        return postgresUrl == null;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public StorageOptions setPoolSize(int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
        this.poolSize = poolSize;
        return this;
    }

    public String getDataDir() {
        return dataDir;
    }

    public StorageOptions setDataDir(String dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        return this;
    }

    /** The embedded server's own directory, {@code <dataDir>/postgres}. */
    public Path postgresDataDir() {
        return Path.of(dataDir, "postgres");
    }

    public int getEmbeddedPort() {
        return embeddedPort;
    }

    public StorageOptions setEmbeddedPort(int embeddedPort) {
        if (embeddedPort < 0 || embeddedPort > 65535) {
            throw new IllegalArgumentException("embeddedPort must be 0..65535, got " + embeddedPort);
        }
        this.embeddedPort = embeddedPort;
        return this;
    }

    public long getEmbeddedRestartDelayMs() {
        return embeddedRestartDelayMs;
    }

    /**
     * How long after the embedded server's death the first restart is tried; each failed attempt
     * doubles the wait, up to {@link EmbeddedPostgresSupervisor#MAX_RESTART_DELAY_MS} (or this
     * delay, if longer). Tests lengthen it to keep the database away for a while.
     */
    public StorageOptions setEmbeddedRestartDelayMs(long embeddedRestartDelayMs) {
        if (embeddedRestartDelayMs < 0) {
            throw new IllegalArgumentException("embeddedRestartDelayMs must not be negative, got " + embeddedRestartDelayMs);
        }
        this.embeddedRestartDelayMs = embeddedRestartDelayMs;
        return this;
    }

    /** Safe to log: the URL's password is masked. */
    @Override
    public String toString() {
        String url = postgresUrl == null ? "embedded" : postgresUrl.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@");
        return "StorageOptions{postgres=" + url + ", poolSize=" + poolSize + ", dataDir=" + dataDir
                + ", embeddedPort=" + embeddedPort + ", embeddedRestartDelayMs=" + embeddedRestartDelayMs + "}";
    }
}
