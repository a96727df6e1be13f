package dev.tandem.presence;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One real embedded Redis per test JVM, started on first use and stopped at exit. */
public final class TestRedis {
    private static EmbeddedRedis server;

    private TestRedis() {
    }

    public static synchronized EmbeddedRedis server() {
        if (server == null) {
            try {
                server = EmbeddedRedis.start(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-redis-stop"));
        }
        return server;
    }

    public static String url() {
        return server().url();
    }
}
