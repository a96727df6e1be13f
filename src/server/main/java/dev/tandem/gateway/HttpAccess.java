package dev.tandem.gateway;

import dev.tandem.access.AccessControl;
import dev.tandem.access.Principal;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP side of access control: the origin allow-list with CORS for the WebSocket, SockJS and
 * REST routes, the refusal of cross-site "simple" writes, and the bearer token of a request.
 *
 * <p>Refusing foreign origins here, before the WebSocket upgrade and before SockJS (which would
 * otherwise echo any origin into {@code Access-Control-Allow-Origin}), is what stops another site
 * from using a visitor's browser against the node. CORS headers go only to allowed origins;
 * preflights ({@code OPTIONS}) are answered for them and refused for others.
 */
final class HttpAccess {
    private static final String ALLOW_METHODS = "GET, POST, OPTIONS";
    private static final String ALLOW_HEADERS = "authorization, content-type";

    private final AccessControl access;

    HttpAccess(AccessControl access) {
        this.access = access;
    }

    void mount(Router router) {
        for (String path : new String[] {"/api/*", "/ws", "/sockjs/*"}) {
            router.route(path).order(-100).handler(this::checkOrigin);
        }
    }

    private void checkOrigin(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        String origin = req.getHeader("origin");
        String host = req.authority() == null ? req.getHeader("host") : req.authority().toString();
        if (!access.origins().allows(origin, host)) {
            RestApi.fail(rc, new TandemException(ErrorCode.ORIGIN_NOT_ALLOWED, "origin " + origin
                    + " is not allowed to call this node (--allowed-origins)"), 403);
            return;
        }
        if (access.origins().needsCors(origin, host)) {
            rc.response().putHeader("access-control-allow-origin", origin).putHeader("vary", "Origin");
            if (req.method() == HttpMethod.OPTIONS) {
                rc.response().putHeader("access-control-allow-methods", ALLOW_METHODS)
                        .putHeader("access-control-allow-headers", ALLOW_HEADERS)
                        .putHeader("access-control-max-age", "600").setStatusCode(204).end();
                return;
            }
        } else if (req.method() == HttpMethod.OPTIONS && rc.normalizedPath().startsWith("/api/")) {
            rc.response().putHeader("allow", ALLOW_METHODS).setStatusCode(204).end();
            return;
        }
        rc.next();
    }

    /**
     * A state-changing request must carry a JSON body type: the browser then preflights any
     * cross-site attempt (and the preflight is refused), and a form or {@code text/plain} post
     * from another site cannot write.
     */
    static boolean requireJson(RoutingContext rc) {
        String type = rc.request().getHeader("content-type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (media.equals("application/json")) {
            return true;
        }
        RestApi.fail(rc, new TandemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json"
                + (type == null ? "" : ", not " + type)), 415);
        return false;
    }

    /** The bearer token of a request: the {@code Authorization} header, else the {@code access_token} query parameter. */
    static String token(HttpServerRequest req) {
        String auth = req.getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return req.getParam("access_token");
    }

    /** The caller of {@code rc} (open mode: the anonymous editor). */
    Future<Principal> principal(RoutingContext rc) {
        return access.authenticate(token(rc.request()));
    }
}
