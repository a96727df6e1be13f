package dev.tandem.server;

import dev.tandem.presence.EmbeddedRedis;
import dev.tandem.storage.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the shared services of a local cluster in one process: an embedded PostgreSQL and an
 * embedded Redis. Prints the URLs the nodes connect to, then runs until stopped. Used by
 * {@code scripts/cluster}.
 *
 * <p>Usage: {@code Services <data-dir> <postgres-port> <redis-port>}
 */
public final class Services {
    private Services() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/cluster");
        int pgPort = args.length > 1 ? Integer.parseInt(args[1]) : 15432;
        int redisPort = args.length > 2 ? Integer.parseInt(args[2]) : 16379;
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("postgres"), pgPort);
        EmbeddedRedis redis = EmbeddedRedis.start(redisPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            redis.close();
            pg.close();
            stopped.countDown();
        };
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> new Thread(() -> {
                stop.run();
                System.exit(0);
            }).start());
        }
        System.out.println("TANDEM_PG_URL=postgresql://" + EmbeddedPostgresServer.USER + "@127.0.0.1:" + pg.port()
                + "/" + EmbeddedPostgresServer.DATABASE);
        System.out.println("TANDEM_REDIS_URL=" + redis.url());
        System.out.flush();
        stopped.await();
    }
}
