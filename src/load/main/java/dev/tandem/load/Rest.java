package dev.tandem.load;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The REST calls of a load run (docs/PROTOCOL.md): create the documents, read the server's content. */
final class Rest {
    private static final int CONCURRENCY = 32;

    private final String base;
    private final HttpClient http = BoundedHttp.client();
    private final Duration timeout;

    Rest(String url) {
        this(url, Duration.ofSeconds(30));
    }

    /** {@code timeout}: for each call. */
    Rest(String url, Duration timeout) {
        this.base = url.replaceAll("/+$", "");
        this.timeout = timeout;
    }

    /**
     * The server's committed content of a document in its type's stored form: the text of a text
     * document, the JSON of the others'.
     */
    record Content(long rev, String text) {
    }

    /** Creates every text document with {@code text}. */
    void createAll(List<String> ids, String text) throws IOException, InterruptedException {
        createAll(ids, "text", Json.encode(text));
    }

    /**
     * Creates every document as a {@code type} document with {@code contentJson} (the type's
     * content form, as JSON), {@value #CONCURRENCY} requests at a time.
     */
    void createAll(List<String> ids, String type, String contentJson) throws IOException, InterruptedException {
        Object content = Json.decodeValue(contentJson);
        Semaphore slots = new Semaphore(CONCURRENCY);
        List<HttpRequest> requests = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        try {
            for (String id : ids) {
                if (!slots.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new HttpTimeoutException("creating documents: no answer from " + base + " within " + timeout);
                }
                String body = new JsonObject().put("id", id).put("type", type).put("content", content).encode();
                HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/docs")).timeout(timeout)
                        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                requests.add(req);
                all.add(BoundedHttp.sendAsync(http, req).whenComplete((r, e) -> slots.release()));
            }
            for (int i = 0; i < all.size(); i++) {
                HttpResponse<String> r = BoundedHttp.await(all.get(i), requests.get(i), timeout);
                if (r.statusCode() != 201) {
                    throw new IOException("creating a document failed: " + r.statusCode() + " " + r.body());
                }
            }
        } finally {
            all.forEach(f -> f.cancel(true)); // no-op for those done; stops the rest after a failure
        }
    }

    Content content(String id) throws IOException, InterruptedException {
        HttpResponse<String> r = BoundedHttp.send(http, HttpRequest.newBuilder(URI.create(base + "/api/docs/" + id))
                .timeout(timeout).build(), timeout);
        if (r.statusCode() != 200) {
            throw new IOException("reading " + id + " failed: " + r.statusCode() + " " + r.body());
        }
        JsonObject o = new JsonObject(r.body());
        Object content = o.getValue("content");
        return new Content(o.getLong("rev"), content instanceof String text ? text : Json.encode(content));
    }
}
