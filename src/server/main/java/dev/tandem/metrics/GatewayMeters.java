package dev.tandem.metrics;

import dev.tandem.gateway.CloseCause;
import dev.tandem.gateway.GatewayMetrics;
import dev.tandem.protocol.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections, operations and presence as the gateways see them. The per-op methods only touch
 * meters created up front (or once per error code), so the hot path allocates nothing and takes no lock.
 */
final class GatewayMeters implements GatewayMetrics {
    static final String[] TRANSPORTS = {"websocket", "sockjs"};

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Map<String, Counter> closes = new ConcurrentHashMap<>();
    private final Map<String, Counter> drops = new ConcurrentHashMap<>();
    private final Counter accepted;
    private final Timer opLatency;
    private final Counter[] rejected = new Counter[ErrorCode.values().length];
    private final Timer presence;
    private final Counter sharedDeliveries;
    private final Counter separateDeliveries;

    GatewayMeters(MeterRegistry registry) {
        this.registry = registry;
        for (String transport : TRANSPORTS) {
            openGauge(transport);
            for (CloseCause cause : CloseCause.values()) {
                closeCounters(transport, cause);
            }
        }
        accepted = Counter.builder("tandem_ops_accepted")
                .description("Operations committed (or recognised as already committed), over WebSocket, SockJS and REST")
                .register(registry);
        opLatency = Timer.builder("tandem_op_latency")
                .description("Server-side latency of an operation: from the gateway receiving the submit until the "
                        + "sequencer's answer, which it sends after the commit and the broadcast")
                .serviceLevelObjectives(Slo.LATENCY)
                .register(registry);
        presence = Timer.builder("tandem_presence_latency")
                .description("Presence broadcast latency: from the author's gateway receiving a caret or typing update "
                        + "until a recipient's session gets it (wall clocks, millisecond resolution)")
                .serviceLevelObjectives(Slo.LATENCY)
                .register(registry);
        sharedDeliveries = Counter.builder("tandem_fanout_deliveries")
                .description("A document tick's revisions delivered to one session: as the tick's shared frame, "
                        + "built once per document and tick, or separately (the author of one of them, a session "
                        + "behind or opening)")
                .tag("path", "shared")
                .register(registry);
        separateDeliveries = Counter.builder("tandem_fanout_deliveries")
                .description("A document tick's revisions delivered to one session: as the tick's shared frame, "
                        + "built once per document and tick, or separately (the author of one of them, a session "
                        + "behind or opening)")
                .tag("path", "separate")
                .register(registry);
    }

    @Override
    public void tickDelivered(int shared, int separate) {
        if (shared > 0) {
            sharedDeliveries.increment(shared);
        }
        if (separate > 0) {
            separateDeliveries.increment(separate);
        }
    }

    @Override
    public void connectionOpened(String transport) {
        openGauge(transport).incrementAndGet();
    }

    @Override
    public void connectionClosed(String transport, CloseCause cause) {
        openGauge(transport).decrementAndGet();
        closeCounters(transport, cause);
        closes.get(transport + '/' + cause.label()).increment();
        if (cause.dropped()) {
            drops.get(transport + '/' + cause.label()).increment();
        }
    }

    @Override
    public void opAccepted(long receivedToCommittedNanos) {
        accepted.increment();
        opLatency.record(receivedToCommittedNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void opRejected(ErrorCode code) {
        Counter c = rejected[code.ordinal()];
        if (c == null) {
            // A benign race: two threads may both look it up; the registry hands both the same counter.
            c = Counter.builder("tandem_ops_rejected")
                    .description("Operations refused, by the error code the client got")
                    .tag("code", code.name())
                    .register(registry);
            rejected[code.ordinal()] = c;
        }
        c.increment();
    }

    @Override
    public void presenceRelayed(long latencyMillis) {
        // Clocks of different nodes may disagree by a little: a negative latency is a zero one.
        presence.record(Math.max(0, latencyMillis), TimeUnit.MILLISECONDS);
    }

    private AtomicInteger openGauge(String transport) {
        return open.computeIfAbsent(transport, t -> {
            AtomicInteger n = new AtomicInteger();
            Gauge.builder("tandem_connections", n, AtomicInteger::get)
                    .description("Open client connections")
                    .tag("transport", t)
                    .register(registry);
            return n;
        });
    }

    private void closeCounters(String transport, CloseCause cause) {
        String key = transport + '/' + cause.label();
        closes.computeIfAbsent(key, k -> Counter.builder("tandem_connections_closed")
                .description("Client connections that ended, by transport and cause (client: the client said goodbye)")
                .tags("transport", transport, "cause", cause.label())
                .register(registry));
        if (cause.dropped()) {
            drops.computeIfAbsent(key, k -> Counter.builder("websocket_connection_drops")
                    .description("SLI: connections ended by the server or the network rather than by the client "
                            + "(no close frame, missed pongs, slow consumer, protocol refusal, shutdown)")
                    .tags("transport", transport, "cause", cause.label())
                    .register(registry));
        }
    }
}
