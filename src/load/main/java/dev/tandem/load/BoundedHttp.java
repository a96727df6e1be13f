package dev.tandem.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP calls of the load tools with a deadline on the whole exchange. java.net.http's own request
 * timeout ends when the response headers arrive: a body that never ends (a connection stuck
 * mid-response) blocked a load run forever in {@code ServerProbe.scrape}. Here the body, read
 * whole, must arrive within the same {@code timeout}.
 */
final class BoundedHttp {
    /** Connect timeout of every client the load tools make. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private BoundedHttp() {
    }

    /**
     * A client with {@link #CONNECT_TIMEOUT}, speaking HTTP/1.1. java.net.http would otherwise
     * upgrade a plain-http connection to HTTP/2 (h2c) and keep reusing it, a path none of
     * Tandem's other clients (browsers, curl, the Java client's WebSocket) take; the hung scrape
     * was on such a connection while the same node answered curl's HTTP/1.1 at once.
     */
    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Sends {@code request} and reads its whole answer, all within {@code timeout}. */
    static HttpResponse<String> send(HttpClient http, HttpRequest request, Duration timeout)
            throws IOException, InterruptedException {
        return await(sendAsync(http, request), request, timeout);
    }

    /** Starts an exchange; give {@code request} a timeout too (it bounds the wait for the headers). */
    static CompletableFuture<HttpResponse<String>> sendAsync(HttpClient http, HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for an exchange started by {@link #sendAsync}; cancels it (closing its stream) when late. */
    static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> exchange, HttpRequest request,
            Duration timeout) throws IOException, InterruptedException {
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no complete answer from " + request.uri() + " within " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }
}
