package dev.tandem;

import dev.tandem.server.TandemNode;
import dev.tandem.server.TandemOptions;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Starts a Tandem node from environment variables and flags ({@code --help} lists them). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(TandemOptions.usage());
            return;
        }
        TandemOptions options;
        try {
            options = TandemOptions.parse(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println("tandem: " + e.getMessage());
            System.exit(2);
            return;
        }
        TandemNode node;
        try {
            node = TandemNode.start(options).await(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            System.err.println("tandem: could not start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        // Stop gracefully on SIGTERM/SIGINT before the JVM starts its shutdown: the embedded
        // PostgreSQL registers its own shutdown hook, and hooks run in no particular order, so a
        // hook of ours could find the database already gone when writing the last snapshots.
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            try {
                node.close(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("tandem: unclean stop: " + e);
                e.printStackTrace();
            }
            stopped.countDown();
        };
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> new Thread(() -> {
                stop.run();
                System.exit(0);
            }, "tandem-stop").start());
        }
        System.out.println("Tandem is running: http://" + options.gateway().host() + ":" + options.gateway().port()
                + "/  (Ctrl+C to stop)");
        stopped.await();
    }
}
