package dev.tandem.cluster;

import io.vertx.core.json.JsonObject;

/** Whether and how a node joins a cluster. */
public final class ClusterOptions {
    public static final boolean DEFAULT_ENABLED = false;
    public static final String DEFAULT_CONFIG = "cluster.xml";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 0;

    private boolean enabled = DEFAULT_ENABLED;
    private String config = DEFAULT_CONFIG;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String name;

    public ClusterOptions() {
    }

    public ClusterOptions(JsonObject json) {
        enabled = json.getBoolean("enabled", DEFAULT_ENABLED);
        config = json.getString("config", DEFAULT_CONFIG);
        host = json.getString("host", DEFAULT_HOST);
        port = json.getInteger("port", DEFAULT_PORT);
    }

    public boolean enabled() {
        return enabled;
    }

    public ClusterOptions setEnabled(boolean enabled) {
        this.enabled = enabled;
        return this;
    }

    /** The Hazelcast XML configuration file. */
    public String config() {
        return config;
    }

    public ClusterOptions setConfig(String config) {
        this.config = config;
        return this;
    }

    /** The cluster's name, overriding the one in the configuration file (null: keep it). */
    public String name() {
        return name;
    }

    public ClusterOptions setName(String name) {
        this.name = name;
        return this;
    }

    /** The address the event bus of this node listens on and advertises to the others. */
    public String host() {
        return host;
    }

    public ClusterOptions setHost(String host) {
        this.host = host;
        return this;
    }

    /** The event-bus port (0: any free port). */
    public int port() {
        return port;
    }

    public ClusterOptions setPort(int port) {
        this.port = port;
        return this;
    }
}
