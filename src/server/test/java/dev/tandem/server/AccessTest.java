package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Access control on a node that requires tokens: each role over WebSocket and REST, forged,
 * expired and cross-origin requests, and identities that cannot be borrowed.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AccessTest {
    static final String SECRET = "access-test-secret-0123456789-abcdefghij";
    static final String APP = "https://app.example";
    static final String EVIL = "http://evil.example";
    private static final AtomicInteger IDS = new AtomicInteger();
    private static Vertx vertx;
    private static TandemNode node;
    private static Tokens tokens;

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        options.access().setJwtSecret(SECRET).setLeewaySeconds(0).setAllowedOrigins(List.of(APP));
        node = TestNodes.start(vertx, options);
        tokens = new Tokens(vertx, SECRET);
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String doc() {
        return "acl-" + IDS.incrementAndGet();
    }

    private static String id(String who) {
        return who + "-client-" + IDS.incrementAndGet();
    }

    private static String token(String user, String doc, String role) {
        return tokens.token(user, user.substring(0, 1).toUpperCase() + user.substring(1), Map.of(doc, role));
    }

    private static RawClient as(String user, String doc, String role) throws Exception {
        return RawClient.hello(vertx, node.port(), id(user), token(user, doc, role));
    }

    private static JsonArray op(Object... parts) {
        return new JsonArray(List.of(parts));
    }

    private static JsonObject presence(String doc, long rev) {
        return new JsonObject().put("type", "presence").put("doc", doc).put("rev", rev)
                .put("sel", new JsonArray().add(0).add(0)).put("typing", false);
    }

    // ---- roles over the WebSocket ---------------------------------------------------------

    @Test
    void aViewerReceivesOperationsAndPresenceButItsSubmitIsForbiddenAndNothingApplied() throws Exception {
        String doc = doc();
        try (RawClient ana = as("ana", doc, "editor"); RawClient vic = as("vic", doc, "viewer")) {
            ana.send(RawClient.open(doc, null, true));
            ana.expect("opened");
            vic.send(RawClient.open(doc, null, true));
            assertEquals(0, vic.expect("opened").getLong("rev"));
            ana.send(RawClient.submit(doc, 0, op("hello"), 1));
            assertEquals(1, ana.expect("ack").getLong("rev"));
            assertEquals(op("hello"), vic.expect("op").getJsonArray("op"), "the viewer receives operations");

            vic.send(RawClient.submit(doc, 1, op(5, " from vic"), 1));
            JsonObject refused = vic.expectError("FORBIDDEN");
            assertEquals(1, refused.getLong("seq"));
            assertFalse(refused.getBoolean("resync"));

            vic.send(presence(doc, 1));
            JsonObject seen = ana.expect(m -> "presence".equals(m.getString("type")) && vic.publicId().equals(m.getString("client"))
                    && m.getJsonArray("sel") != null, "vic's caret");
            assertEquals("Vic", seen.getJsonObject("user").getString("name"), "the viewer's presence, named by its token");
        }
        assertEquals("hello", Http.request(vertx, node.port(), HttpMethod.GET, "/api/docs/" + doc, null,
                Map.of("authorization", "Bearer " + token("ana", doc, "viewer"))).body().getString("content"),
                "the viewer's edit was not applied");
    }

    @Test
    void aCommenterIsAViewerUntilCommentsExist() throws Exception {
        String doc = doc();
        try (RawClient owner = as("olga", doc, "owner"); RawClient cole = as("cole", doc, "commenter")) {
            owner.send(RawClient.open(doc, null, true));
            owner.expect("opened");
            owner.send(RawClient.submit(doc, 0, op("owned"), 1));
            assertEquals(1, owner.expect("ack").getLong("rev"), "an owner edits");
            cole.send(RawClient.open(doc, null, false));
            assertEquals("owned", cole.expect("opened").getString("snapshot"));
            cole.send(RawClient.submit(doc, 1, op("!", 5), 1));
            cole.expectError("FORBIDDEN");
        }
    }

    @Test
    void aDocumentOutsideTheGrantsCannotBeOpenedAndPrefixGrantsCoverTheirIds() throws Exception {
        String team = "team-" + IDS.incrementAndGet();
        String token = tokens.token("pia", "Pia", Map.of(team + ".*", "editor", team + ".secret", "viewer"));
        try (RawClient pia = RawClient.hello(vertx, node.port(), id("pia"), token)) {
            pia.send(RawClient.open(team + ".plan", null, true));
            assertEquals(0, pia.expect("opened").getLong("rev"), "the prefix grant lets her create");
            pia.send(RawClient.submit(team + ".plan", 0, op("x"), 1));
            pia.expect("ack");
            pia.send(RawClient.open("elsewhere-" + team, null, true));
            assertEquals("elsewhere-" + team, pia.expectError("FORBIDDEN").getString("doc"));
            pia.send(RawClient.open(team + ".secret", null, true));
            JsonObject notCreated = pia.expectError("FORBIDDEN");
            assertTrue(notCreated.getString("message").contains("may not create"), notCreated.encode());
        }
    }

    @Test
    void theNameOthersSeeComesFromTheTokenNotTheClient() throws Exception {
        String doc = doc();
        try (RawClient ana = as("ana", doc, "editor"); RawClient mal = RawClient.connect(vertx, node.port())) {
            mal.send(new JsonObject().put("type", "hello").put("v", 1).put("clientId", id("mal"))
                    .put("token", token("mal", doc, "editor")).put("user", new JsonObject().put("name", "Ana")));
            JsonObject welcome = mal.expect("welcome");
            assertEquals("Mal", welcome.getJsonObject("user").getString("name"));
            assertEquals("token", welcome.getString("access"));
            mal.send(new JsonObject().put("type", "user").put("user", new JsonObject().put("name", "Ana")));
            ana.send(RawClient.open(doc, null, true));
            ana.expect("opened");
            mal.send(RawClient.open(doc, null, false));
            mal.expect("opened");
            JsonObject joined = ana.expect(m -> "presence".equals(m.getString("type")), "mal's presence");
            assertEquals("Mal", joined.getJsonObject("user").getString("name"));
        }
    }

    // ---- forged and expired tokens ------------------------------------------------------------

    @Test
    void forgedTamperedUnsignedAndMissingTokensAreRefusedAndTheConnectionCloses() throws Exception {
        String doc = doc();
        String good = token("ana", doc, "editor");
        String forged = new Tokens(vertx, "another-secret-another-secret-0123456789").token("ana", "Ana", Map.of(doc, "owner"));
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"ana\"", "\"root\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        for (String bad : new String[] {forged, tampered, unsigned, "not-a-jwt", null}) {
            try (RawClient c = RawClient.connect(vertx, node.port())) {
                JsonObject hello = new JsonObject().put("type", "hello").put("v", 1).put("clientId", id("forger"));
                if (bad != null) {
                    hello.put("token", bad);
                }
                c.send(hello.copy());
                c.send(RawClient.open(doc, null, true)); // held until the token is checked, then dropped with the session
                assertEquals("UNAUTHENTICATED", c.expect("error").getString("code"), String.valueOf(bad));
                assertEquals((short) 4401, c.awaitClose());
                assertTrue(c.seen().stream().noneMatch(m -> "opened".equals(m.getString("type"))));
            }
        }
        // At the handshake: refused before any socket exists.
        UpgradeRejectedException rejected = assertThrows(UpgradeRejectedException.class, () -> RawClient.connect(vertx,
                new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port()).setURI("/ws?access_token=" + tampered)));
        assertEquals(401, rejected.getStatus());
        assertEquals("UNAUTHENTICATED", Http.get(vertx, node.port(), "/api/docs/" + doc).errorCode(),
                "REST without a token is refused too");
    }

    @Test
    void aTokenGivenAtTheHandshakeServesTheSession() throws Exception {
        String doc = doc();
        try (RawClient c = RawClient.connect(vertx, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
                .setURI("/ws").addHeader("authorization", "Bearer " + token("hal", doc, "editor")))) {
            c.send(new JsonObject().put("type", "hello").put("v", 1).put("clientId", id("hal")));
            assertEquals("Hal", c.expect("welcome").getJsonObject("user").getString("name"));
            c.send(RawClient.open(doc, null, true));
            c.expect("opened");
        }
    }

    @Test
    void anExpiredTokenIsRefusedAndATokenThatExpiresEndsItsSessionWithAClearCode() throws Exception {
        String doc = doc();
        JsonObject claims = new JsonObject().put("sub", "eve").put("docs", new JsonObject().put(doc, "editor"));
        long now = System.currentTimeMillis() / 1000;
        try (RawClient c = RawClient.connect(vertx, node.port())) {
            c.send(new JsonObject().put("type", "hello").put("v", 1).put("clientId", id("eve")).put("token", tokens.token(claims, now - 10)));
            assertEquals("TOKEN_EXPIRED", c.expect("error").getString("code"));
            assertEquals((short) 4401, c.awaitClose());
        }
        try (RawClient c = RawClient.hello(vertx, node.port(), id("eve"), tokens.token(claims, now + 2))) {
            c.send(RawClient.open(doc, null, true));
            c.expect("opened");
            JsonObject expired = c.expect("error");
            assertEquals("TOKEN_EXPIRED", expired.getString("code"), "told when the token runs out");
            assertEquals((short) 4401, c.awaitClose());
        }
        assertEquals(401, Http.request(vertx, node.port(), HttpMethod.GET, "/api/docs/" + doc, null,
                Map.of("authorization", "Bearer " + tokens.token(claims, now - 10))).status());
        assertEquals("TOKEN_EXPIRED", Http.request(vertx, node.port(), HttpMethod.GET, "/api/docs/" + doc, null,
                Map.of("authorization", "Bearer " + tokens.token(claims, now - 10))).errorCode());
    }

    // ---- identities -------------------------------------------------------------------------

    @Test
    void anotherUserReusingAClientIdCanNeitherAcknowledgeNorBlockItsEdits() throws Exception {
        String doc = doc();
        String shared = id("victim");
        try (RawClient ana = RawClient.hello(vertx, node.port(), shared, token("ana", doc, "editor"))) {
            ana.send(RawClient.open(doc, null, true));
            ana.expect("opened");
            ana.send(RawClient.submit(doc, 0, op("a"), 1));
            assertEquals(1, ana.expect("ack").getLong("rev"));
            try (RawClient mal = RawClient.hello(vertx, node.port(), shared, token("mal", doc, "editor"))) {
                assertNotEquals(ana.publicId(), mal.publicId(), "another user's client is another client");
                mal.send(RawClient.open(doc, 1L, false));
                mal.expect("opened");
                mal.send(RawClient.submit(doc, 1, op(1, "m"), 1_000_000));
                assertEquals(2, mal.expect("ack").getLong("rev"));
                mal.send(RawClient.submit(doc, 2, op(2, "!"), 2));
                assertEquals("STALE_SEQUENCE", mal.expect("error").getString("code"), "mal's own sequence, not ana's");
            }
            ana.send(RawClient.submit(doc, 0, op("a"), 1));
            assertEquals(1, ana.expect(m -> "ack".equals(m.getString("type")), "ana's resubmission").getLong("rev"),
                    "ana's edit is still recognised as hers, not pushed out of reach by mal's seq");
            ana.send(RawClient.submit(doc, 2, op(2, "b"), 2));
            assertEquals(3, ana.expect(m -> "ack".equals(m.getString("type")) && m.getLong("seq") == 2, "ana's ack")
                    .getLong("rev"), "the owner of the id keeps submitting");
        }
        JsonArray revisions = Http.request(vertx, node.port(), HttpMethod.GET, "/api/docs/" + doc + "/revisions", null,
                Map.of("authorization", "Bearer " + token("ana", doc, "viewer"))).body().getJsonArray("revisions");
        Set<String> clients = new HashSet<>();
        for (Object r : revisions) {
            clients.add(((JsonObject) r).getString("client"));
        }
        assertFalse(clients.contains(shared), "nobody learns a client's own id from the history: " + clients);
        assertEquals(2, clients.size());
    }

    // ---- REST -------------------------------------------------------------------------------

    private static Http.Response rest(HttpMethod method, String path, String body, String token, Map<String, String> extra)
            throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(extra);
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        return Http.request(vertx, node.port(), method, path, body, headers);
    }

    private static final Map<String, String> JSON = Map.of("content-type", "application/json");

    @Test
    void everyRestRouteEnforcesTheRoles() throws Exception {
        String doc = doc();
        String editor = token("ed", doc, "editor");
        String viewer = token("vi", doc, "viewer");
        String stranger = token("st", "nothing-" + doc, "owner");
        assertEquals(403, rest(HttpMethod.POST, "/api/docs", "{\"id\":\"" + doc + "\"}", viewer, JSON).status(), "a viewer cannot create");
        assertEquals(201, rest(HttpMethod.POST, "/api/docs", "{\"id\":\"" + doc + "\",\"content\":\"abc\"}", editor, JSON).status());
        String ops = "{\"base\":1,\"op\":[3,\"!\"],\"client\":\"rest-bot-1\",\"seq\":1}";
        Http.Response refused = rest(HttpMethod.POST, "/api/docs/" + doc + "/ops", ops, viewer, JSON);
        assertEquals(403, refused.status());
        assertEquals("FORBIDDEN", refused.errorCode());
        assertEquals(200, rest(HttpMethod.POST, "/api/docs/" + doc + "/ops", ops, editor, JSON).status());
        for (String path : new String[] {"", "/revisions", "/at/1", "/owner"}) {
            assertEquals(200, rest(HttpMethod.GET, "/api/docs/" + doc + path, null, viewer, Map.of()).status(), path);
            assertEquals(403, rest(HttpMethod.GET, "/api/docs/" + doc + path, null, stranger, Map.of()).status(), path);
            assertEquals(401, rest(HttpMethod.GET, "/api/docs/" + doc + path, null, null, Map.of()).status(), path);
        }
        assertEquals("abc!", rest(HttpMethod.GET, "/api/docs/" + doc, null, viewer, Map.of()).body().getString("content"));
        assertEquals(401, rest(HttpMethod.POST, "/api/docs/" + doc + "/ops", ops, null, JSON).status());
    }

    @Test
    void theDocumentListShowsOnlyWhatTheCallerMaySee() throws Exception {
        String prefix = "list" + IDS.incrementAndGet();
        String owner = tokens.token("lo", "Lo", Map.of(prefix + "*", "owner"));
        for (String name : new String[] {"a", "b", "c", "d"}) {
            assertEquals(201, rest(HttpMethod.POST, "/api/docs", "{\"id\":\"" + prefix + name + "\"}", owner, JSON).status());
        }
        String some = tokens.token("li", "Li", Map.of(prefix + "b", "viewer", prefix + "d", "editor"));
        JsonArray docs = rest(HttpMethod.GET, "/api/docs?limit=1000", null, some, Map.of()).body().getJsonArray("docs");
        assertEquals(List.of(prefix + "b", prefix + "d"), docs.stream().map(d -> ((JsonObject) d).getString("id")).toList());
        assertEquals("viewer", docs.getJsonObject(0).getString("role"));
        JsonArray page = rest(HttpMethod.GET, "/api/docs?limit=1&after=" + prefix + "b", null, some, Map.of()).body()
                .getJsonArray("docs");
        assertEquals(prefix + "d", page.getJsonObject(0).getString("id"), "paging skips what the caller may not see");
    }

    // ---- origins and cross-site requests ----------------------------------------------------

    @Test
    void crossSiteSimpleRequestsCannotWrite() throws Exception {
        String doc = doc();
        String editor = token("ed", doc, "editor");
        assertEquals(201, rest(HttpMethod.POST, "/api/docs", "{\"id\":\"" + doc + "\"}", editor, JSON).status());
        String ops = "{\"base\":0,\"op\":[\"x\"],\"client\":\"rest-bot-1\",\"seq\":1}";
        Http.Response plain = rest(HttpMethod.POST, "/api/docs/" + doc + "/ops", ops, editor, Map.of("content-type", "text/plain", "origin", EVIL));
        assertEquals(403, plain.status());
        assertEquals("ORIGIN_NOT_ALLOWED", plain.errorCode());
        Http.Response sameSitePlain = rest(HttpMethod.POST, "/api/docs/" + doc + "/ops", ops, editor, Map.of("content-type", "text/plain"));
        assertEquals(415, sameSitePlain.status(), "even without an Origin, a text/plain write is refused");
        assertEquals("UNSUPPORTED_MEDIA_TYPE", sameSitePlain.errorCode());
        assertEquals(415, rest(HttpMethod.POST, "/api/docs", "id=" + doc + "x", editor,
                Map.of("content-type", "application/x-www-form-urlencoded")).status());
        assertEquals(415, rest(HttpMethod.POST, "/api/docs", "", editor, Map.of()).status(), "no content type at all");
        assertEquals(0, rest(HttpMethod.GET, "/api/docs/" + doc, null, editor, Map.of()).body().getLong("rev"), "nothing was written");
    }

    @Test
    void corsHeadersGoOnlyToAllowedOriginsAndPreflightsAreAnswered() throws Exception {
        Http.Exchange preflight = Http.exchange(vertx, node.port(), HttpMethod.OPTIONS, "/api/docs", null,
                Map.of("origin", APP, "access-control-request-method", "POST", "access-control-request-headers", "authorization, content-type"));
        assertEquals(204, preflight.response().status());
        assertEquals(APP, preflight.headers().get("access-control-allow-origin"));
        assertTrue(preflight.headers().get("access-control-allow-headers").contains("authorization"));
        Http.Exchange evil = Http.exchange(vertx, node.port(), HttpMethod.OPTIONS, "/api/docs", null,
                Map.of("origin", EVIL, "access-control-request-method", "POST"));
        assertEquals(403, evil.response().status());
        assertNull(evil.headers().get("access-control-allow-origin"));
        String doc = doc();
        Http.Exchange get = Http.exchange(vertx, node.port(), HttpMethod.GET, "/api/docs", null,
                Map.of("origin", APP, "authorization", "Bearer " + token("co", doc, "viewer")));
        assertEquals(200, get.response().status());
        assertEquals(APP, get.headers().get("access-control-allow-origin"));
        Http.Exchange own = Http.exchange(vertx, node.port(), HttpMethod.GET, "/api/docs", null,
                Map.of("origin", "http://127.0.0.1:" + node.port(), "authorization", "Bearer " + token("co", doc, "viewer")));
        assertEquals(200, own.response().status(), "the node's own page");
        assertNull(own.headers().get("access-control-allow-origin"), "same origin needs no CORS");
    }

    @Test
    void aWebSocketOrSockJsFromAForeignOriginIsRefusedAtTheHandshake() throws Exception {
        UpgradeRejectedException ws = assertThrows(UpgradeRejectedException.class, () -> RawClient.connect(vertx,
                new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port()).setURI("/ws").addHeader("origin", EVIL)));
        assertEquals(403, ws.getStatus());
        UpgradeRejectedException sockJs = assertThrows(UpgradeRejectedException.class, () -> RawClient.connect(vertx,
                new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
                        .setURI("/sockjs/000/" + Long.toHexString(System.nanoTime()) + "/websocket").addHeader("origin", EVIL)));
        assertEquals(403, sockJs.getStatus());
        Http.Response info = Http.request(vertx, node.port(), HttpMethod.GET, "/sockjs/info", null, Map.of("origin", EVIL));
        assertEquals(403, info.status(), "SockJS's polling transports too");
        String doc = doc();
        try (RawClient ok = RawClient.connect(vertx, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
                .setURI("/ws").addHeader("origin", APP))) {
            ok.send(new JsonObject().put("type", "hello").put("v", 1).put("clientId", id("app")).put("token", token("app", doc, "editor")));
            ok.expect("welcome");
        }
    }

    @Test
    void readinessSaysTheNodeRequiresTokens() throws Exception {
        assertEquals("token", Http.get(vertx, node.port(), "/ready").body().getString("access"));
    }
}
