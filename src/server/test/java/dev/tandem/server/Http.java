package dev.tandem.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A small blocking HTTP client for tests, on 127.0.0.1. */
public final class Http {
    private Http() {
    }

    /** A response: status and JSON body (null if the body was not JSON). */
    public record Response(int status, JsonObject body, String text) {
        public String errorCode() {
            return body == null || body.getJsonObject("error") == null ? null : body.getJsonObject("error").getString("code");
        }
    }

    public static Response get(Vertx vertx, int port, String path) throws Exception {
        return request(vertx, port, HttpMethod.GET, path, null);
    }

    public static Response post(Vertx vertx, int port, String path, String body) throws Exception {
        return request(vertx, port, HttpMethod.POST, path, body);
    }

    public static Response request(Vertx vertx, int port, HttpMethod method, String path, String body) throws Exception {
        return request(vertx, port, method, path, body, body == null ? Map.of() : Map.of("content-type", "application/json"));
    }

    /** A request with exactly the given headers (a body without a content-type header goes without one). */
    public static Response request(Vertx vertx, int port, HttpMethod method, String path, String body,
            Map<String, String> headers) throws Exception {
        return exchange(vertx, port, method, path, body, headers).response();
    }

    /** A response and its headers. */
    public record Exchange(Response response, io.vertx.core.MultiMap headers) {
    }

    public static Exchange exchange(Vertx vertx, int port, HttpMethod method, String path, String body,
            Map<String, String> headers) throws Exception {
        HttpClient client = vertx.createHttpClient();
        try {
            RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
            headers.forEach(options::putHeader);
            // The whole exchange runs on one event loop: resp.body() must be asked for in the same
            // tick as the response arrives, or Vert.x 5 may drop a body that came meanwhile and the
            // future never completes (eclipse-vertx/vert.x#5904): the intermittent 20 s hangs.
            io.vertx.core.Promise<Exchange> done = io.vertx.core.Promise.promise();
            vertx.getOrCreateContext().runOnContext(v -> client.request(options)
                    .compose(req -> (body == null ? req.send() : req.send(Buffer.buffer(body)))
                    .compose(resp -> resp.body().map(b -> {
                        String text = b.toString();
                        JsonObject json = null;
                        try {
                            json = text.startsWith("{") ? new JsonObject(text) : null;
                        } catch (RuntimeException e) {
                            json = null;
                        }
                        return new Exchange(new Response(resp.statusCode(), json, text), resp.headers());
                    })))
                    .onComplete(done));
            return done.future().await(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // A request that never ends is a bug to find: say where every thread was.
            StringBuilder dump = new StringBuilder("no answer to " + method + " " + path + " in 20 s; threads:\n");
            Thread.getAllStackTraces().forEach((t, stack) -> {
                if (t.getName().startsWith("vert.x") || t.getName().contains("eventloop")) {
                    dump.append(t.getName()).append(' ').append(t.getState()).append('\n');
                    for (int i = 0; i < Math.min(12, stack.length); i++) {
                        dump.append("    at ").append(stack[i]).append('\n');
                    }
                }
            });
            throw new AssertionError(dump.toString(), e);
        } finally {
            client.close();
        }
    }
}
