package dev.tandem.server;

import dev.tandem.presence.EmbeddedRedis;
import dev.tandem.storage.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Runs the shared services of a local cluster in one process: an embedded PostgreSQL and an
 * embedded Redis. Prints the URLs the nodes connect to, then runs until stopped. Used by
 * {@code scripts/cluster}.
 */
@Command(name = "Services", customSynopsis = "Services [DATA_DIR [POSTGRES_PORT [REDIS_PORT]]]",
        description = "Runs PostgreSQL and Redis for a local cluster and prints their URLs.")
public final class Services implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA_DIR", description = "data of both (default ${DEFAULT-VALUE})")
    private Path dir = Path.of("data", "cluster");
    @Parameters(index = "1", arity = "0..1", paramLabel = "POSTGRES_PORT", description = "default ${DEFAULT-VALUE}")
    private int pgPort = 15432;
    @Parameters(index = "2", arity = "0..1", paramLabel = "REDIS_PORT", description = "default ${DEFAULT-VALUE}")
    private int redisPort = 16379;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Services()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
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
        return 0;
    }
}
