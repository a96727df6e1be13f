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
 * HTTP calls of the load tools with a deadline on the whole exchange. {@link HttpRequest}'s own
 * timeout ends when the response's headers arrive; a body that stalls after them (seen once while
 * a loaded node answered {@code /metrics}) would block the sampler forever, so the body is read
 * within the same deadline here. HTTP/1.1 only: the nodes speak nothing else, and the client's
 * h2c upgrade attempt is one more round of negotiation per connection.
 */
final class BoundedHttp {
    private BoundedHttp() {
    }

    static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /** Sends {@code request} and reads its whole body as text, all within {@code timeout}. */
    static HttpResponse<String> send(HttpClient http, HttpRequest request, Duration timeout)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> f = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HttpTimeoutException(request.method() + " " + request.uri() + " took longer than " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(request.method() + " " + request.uri() + " failed: " + e.getCause(), e.getCause());
        }
    }
}
