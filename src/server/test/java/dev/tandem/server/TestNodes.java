package dev.tandem.server;

import dev.tandem.presence.TestRedis;
import dev.tandem.storage.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/** Starts real Tandem nodes for tests: real embedded PostgreSQL, real sockets on 127.0.0.1. */
public final class TestNodes {
    private TestNodes() {
    }

    /** A URL of a fresh, empty database on the shared test PostgreSQL. */
    public static String newDatabaseUrl() {
        PgConnectOptions db = TestPostgres.newDatabase();
        return "postgresql://" + db.getUser() + "@" + db.getHost() + ":" + db.getPort() + "/" + db.getDatabase();
    }

    /** Options for a node on {@code databaseUrl} listening on a free port of 127.0.0.1. */
    public static TandemOptions options(String databaseUrl) {
        TandemOptions o = new TandemOptions();
        o.storage().setPostgresUrl(databaseUrl);
        o.setRedisUrl(TestRedis.url());
        o.gateway().setHost("127.0.0.1").setPort(freePort()).setInstances(2).setWebroot("webroot");
        o.setWarmUpOps(0); // WarmUpTest tests the warm-up; the others need a node at once
        return o;
    }

    public static TandemNode start(Vertx vertx, TandemOptions options) {
        try {
            return TandemNode.start(vertx, options).await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("node did not start", e);
        }
    }

    public static void stop(TandemNode node) {
        try {
            node.stop().await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("node did not stop", e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
