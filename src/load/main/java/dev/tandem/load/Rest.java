package dev.tandem.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The REST calls of a load run (docs/PROTOCOL.md): create the documents, read the server's text. */
final class Rest {
    private static final int CONCURRENCY = 32;

    private final String base;
    private final HttpClient http = BoundedHttp.client(Duration.ofSeconds(5));

    Rest(String url) {
        this.base = url.replaceAll("/+$", "");
    }

    /** The server's committed text of a document. */
    record Content(long rev, String text) {
    }

    /** Creates every document with {@code content}, {@value #CONCURRENCY} requests at a time. */
    void createAll(List<String> ids, String content) throws IOException, InterruptedException {
        Semaphore slots = new Semaphore(CONCURRENCY);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (String id : ids) {
            slots.acquire();
            String body = new JsonObject().put("id", id).put("content", content).encode();
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/docs")).timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            all.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).orTimeout(40, TimeUnit.SECONDS)
                    .whenComplete((r, e) -> slots.release()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r;
            try {
                r = f.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw new IOException("creating a document failed: " + e.getCause(), e.getCause());
            }
            if (r.statusCode() != 201) {
                throw new IOException("creating a document failed: " + r.statusCode() + " " + r.body());
            }
        }
    }

    Content content(String id) throws IOException, InterruptedException {
        HttpResponse<String> r = BoundedHttp.send(http, HttpRequest.newBuilder(URI.create(base + "/api/docs/" + id))
                .timeout(Duration.ofSeconds(30)).build(), Duration.ofSeconds(40));
        if (r.statusCode() != 200) {
            throw new IOException("reading " + id + " failed: " + r.statusCode() + " " + r.body());
        }
        JsonObject o = new JsonObject(r.body());
        return new Content(o.getLong("rev"), o.getString("content"));
    }
}
