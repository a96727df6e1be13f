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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.stop().await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("tandem: unclean stop: " + e);
            }
            stopped.countDown();
        }, "tandem-shutdown"));
        System.out.println("Tandem is running: http://" + options.gateway().host() + ":" + options.gateway().port()
                + "/  (Ctrl+C to stop)");
        stopped.await();
    }
}
