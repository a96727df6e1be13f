package dev.tandem.load;

import io.vertx.core.json.Json;
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

/** The REST calls of a load run (docs/PROTOCOL.md): create the documents, read the server's content. */
final class Rest {
    private static final int CONCURRENCY = 32;

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Rest(String url) {
        this.base = url.replaceAll("/+$", "");
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
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (String id : ids) {
            slots.acquire();
            String body = new JsonObject().put("id", id).put("type", type).put("content", content).encode();
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/docs")).timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            all.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> slots.release()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.join();
            if (r.statusCode() != 201) {
                throw new IOException("creating a document failed: " + r.statusCode() + " " + r.body());
            }
        }
    }

    Content content(String id) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/docs/" + id))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("reading " + id + " failed: " + r.statusCode() + " " + r.body());
        }
        JsonObject o = new JsonObject(r.body());
        Object content = o.getValue("content");
        return new Content(o.getLong("rev"), content instanceof String text ? text : Json.encode(content));
    }
}
