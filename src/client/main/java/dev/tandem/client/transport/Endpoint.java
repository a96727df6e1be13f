package dev.tandem.client.transport;

import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a server is, parsed once from a URL such as {@code http://127.0.0.1:8080} (a path in the
 * URL prefixes the protocol paths; {@code https} and {@code wss} mean TLS).
 */
public record Endpoint(String host, int port, boolean ssl, String basePath) {

    public static Endpoint parse(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        boolean ssl = switch (scheme) {
            case "https", "wss" -> true;
            case "http", "ws" -> false;
            default -> throw new IllegalArgumentException("server URL must be http(s):// or ws(s)://, got " + url);
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("server URL has no host: " + url);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new Endpoint(uri.getHost(), port, ssl, path);
    }

    /** Options to open the WebSocket of {@code transport} (SockJS gets a fresh server and session id). */
    public WebSocketConnectOptions connectOptions(Transport transport, long timeoutMs) {
        String path = transport == Transport.WEBSOCKET ? basePath + "/ws" : basePath + "/sockjs/" + sockJsSession();
        return new WebSocketConnectOptions().setHost(host).setPort(port).setSsl(ssl).setURI(path)
                .setTimeout(timeoutMs).setConnectTimeout(timeoutMs);
    }

    /** {@code <3 digits>/<random id>/websocket}, as SockJS clients name a session. */
    static String sockJsSession() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%03d", r.nextInt(1000)) + "/" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36) + "/websocket";
    }
}
