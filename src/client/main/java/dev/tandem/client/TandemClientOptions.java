package dev.tandem.client;

import dev.tandem.client.transport.Endpoint;
import dev.tandem.client.transport.Transport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Settings of a {@link TandemClient}, in Vert.x style: {@code DEFAULT_*} constants, JSON form, fluent setters. */
public class TandemClientOptions {
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";
    public static final Transport DEFAULT_TRANSPORT = Transport.WEBSOCKET;
    public static final boolean DEFAULT_RECONNECT = true;
    public static final long DEFAULT_RECONNECT_INITIAL_DELAY_MS = 250;
    public static final long DEFAULT_RECONNECT_MAX_DELAY_MS = 15_000;
    /** Reconnect attempts in a row before giving up; -1 never gives up. */
    public static final int DEFAULT_RECONNECT_ATTEMPTS = -1;
    public static final int DEFAULT_PRESENCE_PER_SECOND = 20;
    public static final long DEFAULT_TYPING_IDLE_MS = 3000;
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
    /** Largest server frame accepted; a snapshot of a large document is one frame. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 << 20;

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    private List<String> urls = List.of(DEFAULT_URL);
    private Transport transport = DEFAULT_TRANSPORT;
    private String clientId;
    private String userName;
    private String userColor;
    private boolean reconnect = DEFAULT_RECONNECT;
    private long reconnectInitialDelayMs = DEFAULT_RECONNECT_INITIAL_DELAY_MS;
    private long reconnectMaxDelayMs = DEFAULT_RECONNECT_MAX_DELAY_MS;
    private int reconnectAttempts = DEFAULT_RECONNECT_ATTEMPTS;
    private int presencePerSecond = DEFAULT_PRESENCE_PER_SECOND;
    private long typingIdleMs = DEFAULT_TYPING_IDLE_MS;
    private long connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private String token;
    private java.util.function.Supplier<io.vertx.core.Future<String>> tokenProvider;

    public TandemClientOptions() {
    }

    public TandemClientOptions(TandemClientOptions other) {
        this(other.toJson());
        this.tokenProvider = other.tokenProvider;
    }

    /** Reads the fields of {@link #toJson()}; absent ones keep their defaults. */
    public TandemClientOptions(JsonObject json) {
        JsonArray list = json.getJsonArray("urls");
        if (list != null) {
            List<String> all = new ArrayList<>();
            list.forEach(u -> all.add((String) u));
            setUrls(all);
        } else {
            setUrl(json.getString("url", DEFAULT_URL));
        }
        setTransport(Transport.valueOf(json.getString("transport", DEFAULT_TRANSPORT.name()).toUpperCase()));
        setClientId(json.getString("clientId"));
        setUserName(json.getString("userName"));
        setUserColor(json.getString("userColor"));
        setReconnect(json.getBoolean("reconnect", DEFAULT_RECONNECT));
        setReconnectInitialDelayMs(json.getLong("reconnectInitialDelayMs", DEFAULT_RECONNECT_INITIAL_DELAY_MS));
        setReconnectMaxDelayMs(json.getLong("reconnectMaxDelayMs", DEFAULT_RECONNECT_MAX_DELAY_MS));
        setReconnectAttempts(json.getInteger("reconnectAttempts", DEFAULT_RECONNECT_ATTEMPTS));
        setPresencePerSecond(json.getInteger("presencePerSecond", DEFAULT_PRESENCE_PER_SECOND));
        setTypingIdleMs(json.getLong("typingIdleMs", DEFAULT_TYPING_IDLE_MS));
        setConnectTimeoutMs(json.getLong("connectTimeoutMs", DEFAULT_CONNECT_TIMEOUT_MS));
        setMaxMessageBytes(json.getInteger("maxMessageBytes", DEFAULT_MAX_MESSAGE_BYTES));
        setToken(json.getString("token"));
    }

    /** The access token sent with {@code hello}, for a node that requires one; null in open mode. */
    public String getToken() {
        return token;
    }

    /** A fixed access token (see {@link #setTokenProvider} for tokens that expire). */
    public TandemClientOptions setToken(String token) {
        this.token = token;
        return this;
    }

    public java.util.function.Supplier<io.vertx.core.Future<String>> getTokenProvider() {
        return tokenProvider;
    }

    /**
     * Asks the application for an access token before every connection: when a token expires the
     * server ends the session ({@code TOKEN_EXPIRED}), and the client connects again with the
     * provider's next token, keeping its unsent edits. Wins over {@link #setToken}.
     */
    public TandemClientOptions setTokenProvider(java.util.function.Supplier<io.vertx.core.Future<String>> tokenProvider) {
        this.tokenProvider = tokenProvider;
        return this;
    }

    public JsonObject toJson() {
        JsonObject j = new JsonObject()
                .put("url", getUrl())
                .put("transport", transport.name())
                .put("reconnect", reconnect)
                .put("reconnectInitialDelayMs", reconnectInitialDelayMs)
                .put("reconnectMaxDelayMs", reconnectMaxDelayMs)
                .put("reconnectAttempts", reconnectAttempts)
                .put("presencePerSecond", presencePerSecond)
                .put("typingIdleMs", typingIdleMs)
                .put("connectTimeoutMs", connectTimeoutMs)
                .put("maxMessageBytes", maxMessageBytes);
        if (urls.size() > 1) {
            j.put("urls", new JsonArray(new ArrayList<>(urls)));
        }
        if (token != null) {
            j.put("token", token);
        }
        if (clientId != null) {
            j.put("clientId", clientId);
        }
        if (userName != null) {
            j.put("userName", userName);
        }
        if (userColor != null) {
            j.put("userColor", userColor);
        }
        return j;
    }

    /** The first of {@link #getUrls()}: where the client connects first. */
    public String getUrl() {
        return urls.get(0);
    }

    /** The server, e.g. {@code http://127.0.0.1:8080}; checked here so a typo fails early. */
    public TandemClientOptions setUrl(String url) {
        return setUrls(List.of(url));
    }

    public List<String> getUrls() {
        return urls;
    }

    /**
     * The nodes of a cluster, tried in turn: the client connects to the first, and moves on to the
     * next when a connection attempt fails or the node says it is going away (WebSocket close
     * 1001, a node draining for a restart). Behind a load balancer, one URL is enough.
     */
    public TandemClientOptions setUrls(List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("at least one server URL is needed");
        }
        urls.forEach(Endpoint::parse);
        this.urls = List.copyOf(urls);
        return this;
    }

    public Transport getTransport() {
        return transport;
    }

    public TandemClientOptions setTransport(Transport transport) {
        this.transport = transport;
        return this;
    }

    public String getClientId() {
        return clientId;
    }

    /**
     * The id kept across reconnects so the server recognises resubmitted edits (8 to 64 of
     * {@code [A-Za-z0-9_-]}); null generates a fresh one per client.
     */
    public TandemClientOptions setClientId(String clientId) {
        if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("clientId must be 8 to 64 of [A-Za-z0-9_-], got " + clientId);
        }
        this.clientId = clientId;
        return this;
    }

    public String getUserName() {
        return userName;
    }

    public TandemClientOptions setUserName(String userName) {
        if (userName != null && userName.codePointCount(0, userName.length()) > 64) {
            throw new IllegalArgumentException("user name longer than 64 characters");
        }
        this.userName = userName;
        return this;
    }

    public String getUserColor() {
        return userColor;
    }

    /** A CSS colour {@code #rrggbb}, or null to let the server pick. */
    public TandemClientOptions setUserColor(String userColor) {
        if (userColor != null && !COLOR.matcher(userColor).matches()) {
            throw new IllegalArgumentException("user colour must be #rrggbb, got " + userColor);
        }
        this.userColor = userColor;
        return this;
    }

    public boolean isReconnect() {
        return reconnect;
    }

    public TandemClientOptions setReconnect(boolean reconnect) {
        this.reconnect = reconnect;
        return this;
    }

    public long getReconnectInitialDelayMs() {
        return reconnectInitialDelayMs;
    }

    public TandemClientOptions setReconnectInitialDelayMs(long ms) {
        this.reconnectInitialDelayMs = positive(ms, "reconnectInitialDelayMs");
        return this;
    }

    public long getReconnectMaxDelayMs() {
        return reconnectMaxDelayMs;
    }

    public TandemClientOptions setReconnectMaxDelayMs(long ms) {
        this.reconnectMaxDelayMs = positive(ms, "reconnectMaxDelayMs");
        return this;
    }

    public int getReconnectAttempts() {
        return reconnectAttempts;
    }

    public TandemClientOptions setReconnectAttempts(int attempts) {
        this.reconnectAttempts = attempts;
        return this;
    }

    public int getPresencePerSecond() {
        return presencePerSecond;
    }

    /** At most this many presence updates per second per document (PROTOCOL.md allows 20). */
    public TandemClientOptions setPresencePerSecond(int perSecond) {
        this.presencePerSecond = (int) positive(perSecond, "presencePerSecond");
        return this;
    }

    public long getTypingIdleMs() {
        return typingIdleMs;
    }

    /** After this long without a {@code typing} selection, {@code typing: false} is sent. */
    public TandemClientOptions setTypingIdleMs(long ms) {
        this.typingIdleMs = positive(ms, "typingIdleMs");
        return this;
    }

    public long getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** How long a connection may take to open and be welcomed. */
    public TandemClientOptions setConnectTimeoutMs(long ms) {
        this.connectTimeoutMs = positive(ms, "connectTimeoutMs");
        return this;
    }

    public int getMaxMessageBytes() {
        return maxMessageBytes;
    }

    public TandemClientOptions setMaxMessageBytes(int bytes) {
        this.maxMessageBytes = (int) positive(bytes, "maxMessageBytes");
        return this;
    }

    private static long positive(long v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
        return v;
    }
}
