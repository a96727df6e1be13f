package dev.tandem.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client address, node-wide (every gateway instance shares one). A
 * connection takes a slot when it is accepted and gives it back when it closes; past the limit it
 * is refused with {@code TOO_MANY_CONNECTIONS}. Exempt addresses are not counted: by default the
 * loopback ones, where a reverse proxy on the same host (or a local load test) shows every client
 * as one address.
 */
public final class ConnectionLimiter {
    private final int perAddress;
    private final boolean exemptLoopback;
    private final Set<String> exempt = new HashSet<>();
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public ConnectionLimiter(int perAddress, String exemptList) {
        this.perAddress = perAddress;
        boolean loopback = false;
        for (String part : exemptList == null ? new String[0] : exemptList.split(",")) {
            String a = part.trim();
            if (a.equals("loopback")) {
                loopback = true;
            } else if (!a.isEmpty() && !a.equals("none")) {
                exempt.add(a);
            }
        }
        this.exemptLoopback = loopback;
    }

    /** Takes a slot for {@code address}; false if the address has no slot left (nothing taken). */
    boolean acquire(String address) {
        if (perAddress <= 0 || address == null || isExempt(address)) {
            return true;
        }
        boolean[] ok = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= perAddress) {
                return n;
            }
            ok[0] = true;
            return count + 1;
        });
        return ok[0];
    }

    /** Gives back a slot taken by {@link #acquire}. */
    void release(String address) {
        if (perAddress <= 0 || address == null || isExempt(address)) {
            return;
        }
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Open connections counted for {@code address}. */
    int count(String address) {
        return open.getOrDefault(address, 0);
    }

    private boolean isExempt(String address) {
        if (exempt.contains(address)) {
            return true;
        }
        if (!exemptLoopback) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
