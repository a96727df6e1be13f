package dev.tandem.presence;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server (bundled in {@code com.github.codemonstur:embedded-redis}) on 127.0.0.1,
 * for the single-node default, {@code scripts/cluster} and tests. Presence is ephemeral, so it
 * keeps nothing on disk.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final RedisServer server;
    private final int port;
    private final RedisRunDir runDir;

    private EmbeddedRedis(RedisServer server, int port, RedisRunDir runDir) {
        this.server = server;
        this.port = port;
        this.runDir = runDir;
    }

    /**
     * Starts a server on {@code port} (0: a free port), from a directory of its own; first stops
     * and removes what embedded servers of killed JVMs left behind ({@link RedisRunDir}). Blocking.
     */
    public static EmbeddedRedis start(int port) throws IOException {
        int actual = port != 0 ? port : freePort();
        RedisRunDir runDir = RedisRunDir.create(RedisRunDir.defaultParent());
        try {
            File binary = ExecutableProvider.newJarResourceProvider(runDir.dir().toFile()).get();
            // The configuration lives in the run directory too (the library would leave it in /tmp).
            Path conf = runDir.dir().resolve("redis.conf");
            Files.writeString(conf, String.join("\n", "bind 127.0.0.1", "save \"\"", "appendonly no",
                    "protected-mode yes") + "\n");
            RedisServer server = new RedisServer(actual, List.of(binary.getAbsolutePath(), conf.toString(),
                    "--port", Integer.toString(actual)), false);
            server.start();
            waitUntilListening(actual);
            LOG.info("embedded Redis on 127.0.0.1:{} from {}", actual, runDir.dir());
            return new EmbeddedRedis(server, actual, runDir);
        } catch (IOException | RuntimeException e) {
            runDir.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** The URL clients connect with. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            LOG.warn("stopping embedded Redis: {}", e.toString());
        }
        runDir.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitUntilListening(int port) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("embedded Redis did not start listening on " + port, e);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
    }
}
