package dev.tandem.cluster;

import dev.tandem.server.Http;
import dev.tandem.server.TestNodes;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Tandem node in its own JVM process ({@code dev.tandem.Main --cluster true}), as an operator
 * runs it: so a test can kill it with SIGKILL and watch the others take over.
 */
final class NodeProcess implements AutoCloseable {
    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private NodeProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts a clustered node and waits until it answers {@code /health}. */
    static NodeProcess start(Vertx vertx, String name, String clusterName, String pgUrl, String redisUrl,
            String... extraArgs) throws Exception {
        int port = TestNodes.freePort();
        Path logDir = Path.of("target", "cluster-logs");
        Files.createDirectories(logDir);
        Path log = logDir.resolve(clusterName + "-" + name + ".log");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "dev.tandem.Main",
                "--cluster", "true", "--cluster-name", clusterName, "--cluster-config", "cluster.xml",
                "--node-id", name, "--http-port", Integer.toString(port), "--gateway-instances", "1",
                "--pg-url", pgUrl, "--redis-url", redisUrl, "--pg-pool-size", "2"));
        if (!List.of(extraArgs).contains("--warmup-ops")) {
            cmd.addAll(List.of("--warmup-ops", "0")); // ready at once, unless the test is about warming up
        }
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(".")).start();
        NodeProcess node = new NodeProcess(name, port, p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited: " + Files.readString(log));
            }
            try {
                if (Http.get(vertx, port, "/health").status() == 200) {
                    return node;
                }
            } catch (Exception notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        node.kill();
        throw new IllegalStateException(name + " did not start: " + Files.readString(log));
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** Crash: SIGKILL, no goodbye to anyone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Graceful stop: SIGTERM, and wait. */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
