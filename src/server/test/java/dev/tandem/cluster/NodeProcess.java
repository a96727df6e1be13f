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
 * runs it: so a test can kill it with SIGKILL and watch the others take over, or stop it with
 * SIGTERM and start it again on the same port (a rolling restart).
 */
final class NodeProcess implements AutoCloseable {
    /** How a node is started: everything but the process, so that it can be started again alike. */
    private record Launch(String name, int port, String clusterName, String pgUrl, String redisUrl,
            List<String> extraArgs, int generation) {
    }

    private final Launch launch;
    private final Process process;
    private final Path log;

    private NodeProcess(Launch launch, Process process, Path log) {
        this.launch = launch;
        this.process = process;
        this.log = log;
    }

    /** Starts a clustered node and waits until it answers {@code /health}. */
    static NodeProcess start(Vertx vertx, String name, String clusterName, String pgUrl, String redisUrl,
            String... extraArgs) throws Exception {
        return start(vertx, new Launch(name, TestNodes.freePort(), clusterName, pgUrl, redisUrl, List.of(extraArgs), 1));
    }

    private static NodeProcess start(Vertx vertx, Launch launch) throws Exception {
        String name = launch.name();
        int port = launch.port();
        Path logDir = Path.of("target", "cluster-logs");
        Files.createDirectories(logDir);
        Path log = logDir.resolve(launch.clusterName() + "-" + name
                + (launch.generation() > 1 ? "-" + launch.generation() : "") + ".log");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "dev.tandem.Main",
                "--cluster", "true", "--cluster-name", launch.clusterName(), "--cluster-config", "cluster.xml",
                "--node-id", name, "--http-port", Integer.toString(port), "--gateway-instances", "1",
                "--pg-url", launch.pgUrl(), "--redis-url", launch.redisUrl(), "--pg-pool-size", "2"));
        if (!launch.extraArgs().contains("--warmup-ops")) {
            cmd.addAll(List.of("--warmup-ops", "0")); // ready at once, unless the test is about warming up
        }
        cmd.addAll(launch.extraArgs());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(".")).start();
        NodeProcess node = new NodeProcess(launch, p, log);
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

    /**
     * Starts this node again, once its process has ended: the same name, port, cluster, database
     * and settings, as an operator restarting a node does. Waits until it answers {@code /health}.
     */
    NodeProcess restart(Vertx vertx) throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException(name() + " is still running");
        }
        Launch l = launch;
        return start(vertx, new Launch(l.name(), l.port(), l.clusterName(), l.pgUrl(), l.redisUrl(), l.extraArgs(),
                l.generation() + 1));
    }

    String name() {
        return launch.name();
    }

    int port() {
        return launch.port();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Crash: SIGKILL, no goodbye to anyone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM, as an orchestrator stops a node, and waits up to {@code seconds} for the process to
     * end; returns its exit code (0 when it stopped by itself after draining).
     */
    int terminate(long seconds) throws Exception {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            kill();
            throw new IllegalStateException(name() + " did not stop within " + seconds + " s of SIGTERM: " + log());
        }
        return process.exitValue();
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
