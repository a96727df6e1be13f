package dev.tandem.ot.richtext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a batch of cases through npm quill-delta (src/web/test/oracle/quill-delta-oracle.mjs) in
 * one Node process and hands back its results. Missing Node or quill-delta fails the test with
 * what to run: the reference is part of the suite, never skipped.
 */
final class QuillOracle {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 300;

    private final ArrayNode cases = MAPPER.createArrayNode();

    /** The repository root: system property tandem.root (set by the build) or the nearest folder up with src/web. */
    static Path repositoryRoot() {
        String prop = System.getProperty("tandem.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("src/web/package.json"))) {
                return p;
            }
        }
        return fail("cannot find the repository root (no src/web/package.json above " + Path.of("").toAbsolutePath()
                + "); set -Dtandem.root");
    }

    ObjectNode add(String op) {
        ObjectNode c = cases.addObject();
        c.put("op", op);
        return c;
    }

    int size() {
        return cases.size();
    }

    static JsonNode tree(Delta d) {
        try {
            return MAPPER.readTree(d.toJson());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs every case added so far; result i answers case i. */
    JsonNode run() throws IOException, InterruptedException {
        Path root = repositoryRoot();
        Path web = root.resolve("src/web");
        Path script = web.resolve("test/oracle/quill-delta-oracle.mjs");
        assertTrue(Files.isRegularFile(script), "oracle script missing: " + script);
        if (!Files.isDirectory(web.resolve("node_modules/quill-delta"))) {
            fail("npm quill-delta is not installed in " + web + ": run scripts/test (it runs npm ci in src/web) "
                    + "or `cd src/web && npm ci`");
        }
        Path in = Files.createTempFile("quill-cases", ".json");
        Path out = Files.createTempFile("quill-results", ".json");
        Path err = Files.createTempFile("quill-errors", ".txt");
        try {
            MAPPER.writeValue(in.toFile(), cases);
            Process p;
            try {
                p = new ProcessBuilder("node", script.toString(), in.toString())
                        .directory(web.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
            } catch (IOException e) {
                return fail("cannot run node (" + e.getMessage() + "): install Node 20+ and run scripts/test");
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("quill-delta oracle did not finish in " + TIMEOUT_SECONDS + " s");
            }
            assertEquals(0, p.exitValue(), () -> "quill-delta oracle failed: " + readQuietly(err));
            JsonNode results = MAPPER.readTree(out.toFile());
            assertEquals(cases.size(), results.size(), "one result per case");
            return results;
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
