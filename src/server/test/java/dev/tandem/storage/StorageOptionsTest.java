package dev.tandem.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Storage configuration: defaults, JSON form, validation, and no password in logs. */
class StorageOptionsTest {

    @Test
    void defaultsAreEmbeddedUnderDotData() {
        StorageOptions o = new StorageOptions();
        assertTrue(o.isEmbedded());
        assertNull(o.getPostgresUrl());
        assertEquals(4, o.getPoolSize());
        assertEquals(Path.of("./data", "postgres"), o.postgresDataDir());
        assertEquals(0, o.getEmbeddedPort());
        assertEquals(500, o.getEmbeddedRestartDelayMs());
        assertEquals(o.toJson(), new StorageOptions(new JsonObject()).toJson(), "an empty JSON object means the defaults");
    }

    @Test
    void jsonRoundTrips() {
        JsonObject json = new JsonObject().put("postgresUrl", "postgresql://tandem:s3cret@db.example:5432/tandem")
                .put("poolSize", 8).put("dataDir", "/var/lib/tandem").put("embeddedPort", 5433)
                .put("embeddedRestartDelayMs", 2000L);
        StorageOptions o = new StorageOptions(json);
        assertFalse(o.isEmbedded());
        assertEquals(8, o.getPoolSize());
        assertEquals(Path.of("/var/lib/tandem/postgres"), o.postgresDataDir());
        assertEquals(json, o.toJson());
        assertEquals(json, new StorageOptions(o).toJson(), "the copy constructor copies everything");
    }

    @Test
    void blankUrlMeansEmbedded() {
        assertTrue(new StorageOptions().setPostgresUrl("  ").isEmbedded());
    }

    @Test
    void nonsenseIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> new StorageOptions().setPoolSize(0));
        assertThrows(IllegalArgumentException.class, () -> new StorageOptions().setEmbeddedPort(70_000));
        assertThrows(IllegalArgumentException.class, () -> new StorageOptions().setEmbeddedRestartDelayMs(-1));
        assertThrows(IllegalArgumentException.class, () -> new StorageOptions(new JsonObject().put("poolSize", -1)));
        assertThrows(NullPointerException.class, () -> new StorageOptions().setDataDir(null));
    }

    @Test
    void toStringHidesThePassword() {
        String s = new StorageOptions().setPostgresUrl("postgresql://tandem:s3cret@db.example:5432/tandem").toString();
        assertFalse(s.contains("s3cret"), s);
        assertTrue(s.contains("postgresql://tandem:***@db.example:5432/tandem"), s);
    }
}
