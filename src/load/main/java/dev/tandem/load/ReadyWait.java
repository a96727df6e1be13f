package dev.tandem.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits for starting nodes to say ready ({@code GET /ready} answering 200), polling each every
 * {@value #POLL_MS} ms, for {@code --cold}: a cold run starts its workload the moment the nodes
 * are ready, as the first users of a freshly started node would. A node not yet listening
 * (connection refused) or still warming up (503) is polled again; each request has its own timeout.
 */
final class ReadyWait {
    static final long POLL_MS = 50;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = BoundedHttp.client();

    /** When every node answered ready ({@link System#nanoTime()}), and how long that took. */
    record Ready(long atNanos, double waitedSeconds, int polls) {
    }

    /** Blocks until every one of {@code urls} answers 200 on {@code /ready}, or fails after {@code timeoutSeconds}. */
    Ready await(List<String> urls, int timeoutSeconds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int polls = 0;
        String last = "";
        for (String url : urls) {
            URI ready = URI.create(url.replaceAll("/+$", "") + "/ready");
            while (true) {
                polls++;
                try {
                    HttpResponse<String> r = BoundedHttp.send(http, HttpRequest.newBuilder(ready).timeout(REQUEST_TIMEOUT).build(),
                            REQUEST_TIMEOUT.plusSeconds(1));
                    if (r.statusCode() == 200) {
                        break;
                    }
                    last = r.statusCode() + " " + r.body();
                } catch (IOException e) {
                    last = e.toString(); // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(ready + " did not say ready within " + timeoutSeconds + " s; last answer: " + last);
                }
                Thread.sleep(POLL_MS);
            }
        }
        long now = System.nanoTime();
        return new Ready(now, (now - start) / 1e9, polls);
    }
}
