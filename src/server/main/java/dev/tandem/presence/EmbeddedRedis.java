package dev.tandem.presence;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server (bundled in {@code com.github.codemonstur:embedded-redis}) on 127.0.0.1,
 * for the single-node default, {@code scripts/cluster} and tests. Presence is ephemeral, so it
 * keeps nothing on disk.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server on {@code port} (0: a free port). Blocking. */
    public static EmbeddedRedis start(int port) throws IOException {
        int actual = port != 0 ? port : freePort();
        RedisServer server = RedisServer.newRedisServer()
                .port(actual)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("protected-mode yes")
                .build();
        server.start();
        waitUntilListening(actual);
        LOG.info("embedded Redis on 127.0.0.1:{}", actual);
        return new EmbeddedRedis(server, actual);
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
