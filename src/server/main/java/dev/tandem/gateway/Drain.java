package dev.tandem.gateway;

/**
 * Whether the node is draining (SIGTERM): it takes no new sessions or REST writes, so that the
 * load balancer and the clients move to another node while the commits in flight land.
 */
public final class Drain {
    private volatile boolean draining;

    /** From now on, new connections and REST calls are refused with 503. */
    public void start() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }
}
