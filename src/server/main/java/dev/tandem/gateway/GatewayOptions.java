package dev.tandem.gateway;

import io.vertx.core.json.JsonObject;

/** Configuration of the HTTP / WebSocket / SockJS gateway. */
public final class GatewayOptions {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** 0: one per event loop of the node (decided when the node starts). */
    public static final int DEFAULT_INSTANCES = 0;
    public static final String DEFAULT_WEBROOT = "webroot";
    /** The JavaScript SDK package (its {@code src/} and {@code vendor/} are served at {@code /sdk/}). */
    public static final String DEFAULT_SDK = "clients/js";
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_DOCUMENT_LENGTH = 10_000_000;
    public static final int DEFAULT_MAX_OPEN_DOCUMENTS = 100;
    public static final int DEFAULT_OPS_PER_SECOND = 2000;
    public static final int DEFAULT_BATCH_MS = 5;
    public static final int DEFAULT_CROWD_BATCH_MS = 20;
    public static final int DEFAULT_MAX_QUEUED_BYTES = 8 * 1024 * 1024;
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 2_000;
    public static final String DEFAULT_PUBLIC_WS_URL = null;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 256;
    /** Addresses whose connections are not counted per address: a proxy on the same host shows every client as one. */
    public static final String DEFAULT_CONNECTION_LIMIT_EXEMPT = "loopback";
    public static final int DEFAULT_HELLO_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_MAX_OPERATION_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 5000;
    public static final int DEFAULT_PRESENCE_PER_SECOND = 25;

    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private int instances = DEFAULT_INSTANCES;
    private String webroot = DEFAULT_WEBROOT;
    private String sdk = DEFAULT_SDK;
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private int maxDocumentLength = DEFAULT_MAX_DOCUMENT_LENGTH;
    private int maxOpenDocuments = DEFAULT_MAX_OPEN_DOCUMENTS;
    private int opsPerSecond = DEFAULT_OPS_PER_SECOND;
    private int batchMs = DEFAULT_BATCH_MS;
    private int crowdBatchMs = DEFAULT_CROWD_BATCH_MS;
    private int maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
    private long requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
    private String publicWsUrl = DEFAULT_PUBLIC_WS_URL;
    private int maxConnectionsPerIp = DEFAULT_MAX_CONNECTIONS_PER_IP;
    private String connectionLimitExempt = DEFAULT_CONNECTION_LIMIT_EXEMPT;
    private int helloTimeoutMs = DEFAULT_HELLO_TIMEOUT_MS;
    private int maxOperationBytes = DEFAULT_MAX_OPERATION_BYTES;
    private int maxMessagesPerSecond = DEFAULT_MAX_MESSAGES_PER_SECOND;
    private int presencePerSecond = DEFAULT_PRESENCE_PER_SECOND;

    public GatewayOptions() {
    }

    public GatewayOptions(JsonObject json) {
        host = json.getString("host", DEFAULT_HOST);
        port = json.getInteger("port", DEFAULT_PORT);
        instances = json.getInteger("instances", DEFAULT_INSTANCES);
        webroot = json.getString("webroot", DEFAULT_WEBROOT);
        sdk = json.getString("sdk", DEFAULT_SDK);
        maxMessageBytes = json.getInteger("maxMessageBytes", DEFAULT_MAX_MESSAGE_BYTES);
        maxDocumentLength = json.getInteger("maxDocumentLength", DEFAULT_MAX_DOCUMENT_LENGTH);
        maxOpenDocuments = json.getInteger("maxOpenDocuments", DEFAULT_MAX_OPEN_DOCUMENTS);
        opsPerSecond = json.getInteger("opsPerSecond", DEFAULT_OPS_PER_SECOND);
        batchMs = json.getInteger("batchMs", DEFAULT_BATCH_MS);
        crowdBatchMs = json.getInteger("crowdBatchMs", DEFAULT_CROWD_BATCH_MS);
        maxQueuedBytes = json.getInteger("maxQueuedBytes", DEFAULT_MAX_QUEUED_BYTES);
        requestTimeoutMs = json.getLong("requestTimeoutMs", DEFAULT_REQUEST_TIMEOUT_MS);
        publicWsUrl = json.getString("publicWsUrl", DEFAULT_PUBLIC_WS_URL);
        maxConnectionsPerIp = json.getInteger("maxConnectionsPerIp", DEFAULT_MAX_CONNECTIONS_PER_IP);
        connectionLimitExempt = json.getString("connectionLimitExempt", DEFAULT_CONNECTION_LIMIT_EXEMPT);
        helloTimeoutMs = json.getInteger("helloTimeoutMs", DEFAULT_HELLO_TIMEOUT_MS);
        maxOperationBytes = json.getInteger("maxOperationBytes", DEFAULT_MAX_OPERATION_BYTES);
        maxMessagesPerSecond = json.getInteger("maxMessagesPerSecond", DEFAULT_MAX_MESSAGES_PER_SECOND);
    }

    /** Open connections one client address may have; 0: no limit. */
    public int maxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    public GatewayOptions setMaxConnectionsPerIp(int maxConnectionsPerIp) {
        this.maxConnectionsPerIp = maxConnectionsPerIp;
        return this;
    }

    /** Addresses not counted by {@link #maxConnectionsPerIp()}: {@code loopback}, {@code none}, or a comma list of addresses. */
    public String connectionLimitExempt() {
        return connectionLimitExempt;
    }

    public GatewayOptions setConnectionLimitExempt(String connectionLimitExempt) {
        this.connectionLimitExempt = connectionLimitExempt;
        return this;
    }

    /** How long a connection may stay without sending {@code hello}. */
    public int helloTimeoutMs() {
        return helloTimeoutMs;
    }

    public GatewayOptions setHelloTimeoutMs(int helloTimeoutMs) {
        this.helloTimeoutMs = helloTimeoutMs;
        return this;
    }

    /** Longest operation, as the length of its JSON. */
    public int maxOperationBytes() {
        return Math.min(maxOperationBytes, maxMessageBytes);
    }

    public GatewayOptions setMaxOperationBytes(int maxOperationBytes) {
        this.maxOperationBytes = maxOperationBytes;
        return this;
    }

    /** Presence updates per second one user may send (coalesced above it); 0: no limit. */
    public int presencePerSecond() {
        return presencePerSecond;
    }

    public GatewayOptions setPresencePerSecond(int presencePerSecond) {
        this.presencePerSecond = presencePerSecond;
        return this;
    }

    /** Messages one connection may send per second before it is closed as a flood; 0: no limit. */
    public int maxMessagesPerSecond() {
        return maxMessagesPerSecond;
    }

    public GatewayOptions setMaxMessagesPerSecond(int maxMessagesPerSecond) {
        this.maxMessagesPerSecond = maxMessagesPerSecond;
        return this;
    }

    public String host() {
        return host;
    }

    public GatewayOptions setHost(String host) {
        this.host = host;
        return this;
    }

    public int port() {
        return port;
    }

    public GatewayOptions setPort(int port) {
        this.port = port;
        return this;
    }

    public int instances() {
        return instances;
    }

    public GatewayOptions setInstances(int instances) {
        this.instances = Math.max(0, instances);
        return this;
    }

    public String webroot() {
        return webroot;
    }

    public GatewayOptions setWebroot(String webroot) {
        this.webroot = webroot;
        return this;
    }

    public String sdk() {
        return sdk;
    }

    public GatewayOptions setSdk(String sdk) {
        this.sdk = sdk;
        return this;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public GatewayOptions setMaxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        return this;
    }

    public int maxDocumentLength() {
        return maxDocumentLength;
    }

    public GatewayOptions setMaxDocumentLength(int maxDocumentLength) {
        this.maxDocumentLength = maxDocumentLength;
        return this;
    }

    public int maxOpenDocuments() {
        return maxOpenDocuments;
    }

    public GatewayOptions setMaxOpenDocuments(int maxOpenDocuments) {
        this.maxOpenDocuments = maxOpenDocuments;
        return this;
    }

    public int opsPerSecond() {
        return opsPerSecond;
    }

    public GatewayOptions setOpsPerSecond(int opsPerSecond) {
        this.opsPerSecond = opsPerSecond;
        return this;
    }

    public int batchMs() {
        return batchMs;
    }

    public GatewayOptions setBatchMs(int batchMs) {
        this.batchMs = Math.max(0, batchMs);
        return this;
    }

    /**
     * The longest tick of a crowded document: past {@link dev.tandem.gateway.Channels#CROWD}
     * sessions, a document's tick stretches with its audience (so the frames it sends per second
     * stop growing), up to this.
     */
    public int crowdBatchMs() {
        return Math.max(crowdBatchMs, batchMs);
    }

    public GatewayOptions setCrowdBatchMs(int crowdBatchMs) {
        this.crowdBatchMs = Math.max(0, crowdBatchMs);
        return this;
    }

    public int maxQueuedBytes() {
        return maxQueuedBytes;
    }

    public GatewayOptions setMaxQueuedBytes(int maxQueuedBytes) {
        this.maxQueuedBytes = maxQueuedBytes;
        return this;
    }

    public long requestTimeoutMs() {
        return requestTimeoutMs;
    }

    public GatewayOptions setRequestTimeoutMs(long requestTimeoutMs) {
        this.requestTimeoutMs = requestTimeoutMs;
        return this;
    }

    /** The WebSocket URL clients should use to reach this node (session affinity); derived if null. */
    public String publicWsUrl() {
        return publicWsUrl != null ? publicWsUrl
                : "ws://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port + "/ws";
    }

    public GatewayOptions setPublicWsUrl(String publicWsUrl) {
        this.publicWsUrl = publicWsUrl;
        return this;
    }
}
