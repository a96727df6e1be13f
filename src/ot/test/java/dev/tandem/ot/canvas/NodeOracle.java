package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference script of src/web/test/oracle in one node process: all cases in on standard
 * input, all answers out on standard output. Fails (never skips) when node or the npm package is
 * missing, naming scripts/test, which installs both.
 */
final class NodeOracle {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private NodeOracle() {
    }

    /** The repository root: system property tandem.root (set by Maven), else the working directory. */
    static Path root() {
        String p = System.getProperty("tandem.root");
        Path root = Path.of(p != null && !p.isBlank() ? p : System.getProperty("user.dir")).toAbsolutePath();
        if (!Files.exists(root.resolve("src/web/package.json"))) {
            fail("cannot find the repository root (no src/web/package.json under " + root
                    + "); run the tests from the root or set -Dtandem.root");
        }
        return root;
    }

    /** Answers of {@code script} (a file of src/web/test/oracle) for {@code cases}, a JSON array. */
    static JsonNode ask(String script, JsonNode cases, String npmPackage) throws Exception {
        Path root = root();
        if (!Files.isDirectory(root.resolve("src/web/node_modules").resolve(npmPackage))) {
            fail("the npm package " + npmPackage + " is missing from src/web/node_modules: run scripts/test"
                    + " (or cd src/web && npm ci)");
        }
        Process node;
        try {
            node = new ProcessBuilder("node", root.resolve("src/web/test/oracle").resolve(script).toString())
                    .directory(root.toFile())
                    .start();
        } catch (IOException e) {
            fail("node is not installed (" + e.getMessage() + "): run scripts/test, which installs it");
            throw e;
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(node.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(node.getErrorStream()));
        try (OutputStream in = node.getOutputStream()) {
            in.write(MAPPER.writeValueAsBytes(cases));
        }
        if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("node " + script + " did not answer within " + TIMEOUT_SECONDS + " s");
        }
        String stderr = new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        if (node.exitValue() != 0) {
            fail("node " + script + " exited with " + node.exitValue() + " (run scripts/test if a package is missing): " + stderr);
        }
        JsonNode answers = MAPPER.readTree(out.get(5, TimeUnit.SECONDS));
        if (!answers.isArray() || answers.size() != cases.size()) {
            fail("node " + script + " gave " + answers.size() + " answers for " + cases.size() + " cases");
        }
        return answers;
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            return ("(could not read: " + e + ")").getBytes(StandardCharsets.UTF_8);
        }
    }
}
