package dev.tandem.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tandem.server.Http;
import dev.tandem.server.TestNodes;
import io.vertx.core.Vertx;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node killed with SIGKILL cannot stop its embedded redis-server, which keeps running, nor
 * delete the copy of the binary it ran from. The next node started on the machine reaps both.
 * Real node processes (dev.tandem.Main with its embedded Redis), each with its own temporary
 * directory under target/ so the test sees only its own leftovers.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EmbeddedRedisOrphanTest {

    @Test
    void aNodeReapsTheRedisServerAndBinaryThatAKilledNodeLeft() throws Exception {
        Vertx vertx = Vertx.vertx();
        Path tmp = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "orphan-redis-");
        String pgUrl = TestNodes.newDatabaseUrl();
        List<ProcessHandle> started = new ArrayList<>();
        try {
            Process killed = startNode(vertx, tmp, pgUrl, "killed");
            started.add(killed.toHandle());
            ProcessHandle orphan = redisServerOf(killed);
            started.add(orphan);
            Path binary = Path.of(orphan.info().command().orElseThrow());
            assertTrue(binary.startsWith(tmp), binary + " is a copy in the node's temporary directory");

            killed.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
            assertTrue(orphan.isAlive(), "the killed node's redis-server outlives it");
            assertTrue(Files.exists(binary));

            Process successor = startNode(vertx, tmp, pgUrl, "successor");
            started.add(successor.toHandle());
            ProcessHandle ownRedis = redisServerOf(successor);
            started.add(ownRedis);
            orphan.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(Files.exists(binary), "the orphan's binary is deleted");
            assertEquals(List.of(Path.of(ownRedis.info().command().orElseThrow())), redisBinaries(tmp));

            successor.destroy(); // SIGTERM: a clean stop removes its own copy too
            assertTrue(successor.waitFor(60, TimeUnit.SECONDS));
            ownRedis.onExit().get(30, TimeUnit.SECONDS);
            assertEquals(List.of(), redisBinaries(tmp));
        } finally {
            for (ProcessHandle p : started) {
                p.destroyForcibly();
            }
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** A node with an embedded Redis (no Redis URL), on the test database, with {@code tmp} as its temporary directory. */
    private static Process startNode(Vertx vertx, Path tmp, String pgUrl, String name) throws Exception {
        int port = TestNodes.freePort();
        Path log = tmp.resolveSibling(tmp.getFileName() + "-" + name + ".log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), "dev.tandem.Main",
                "--node-id", name, "--http-port", Integer.toString(port), "--gateway-instances", "1",
                "--pg-url", pgUrl, "--pg-pool-size", "2");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(".")).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail(name + " exited: " + Files.readString(log));
            }
            try {
                if (Http.get(vertx, port, "/health").status() == 200) {
                    return p;
                }
            } catch (Exception notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        fail(name + " did not start: " + Files.readString(log));
        return null;
    }

    private static ProcessHandle redisServerOf(Process node) {
        return node.descendants()
                .filter(h -> h.info().command().map(c -> c.contains("redis-server")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no redis-server under pid " + node.pid()));
    }

    private static List<Path> redisBinaries(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("redis-server")).toList();
        }
    }
}
