package dev.tandem.gateway;

import dev.tandem.access.AccessControl;
import dev.tandem.ot.DocumentTypes;
import dev.tandem.limits.RateLimits;
import dev.tandem.presence.PresenceRoster;
import dev.tandem.sequencer.SequencerClient;
import dev.tandem.storage.DocumentStore;
import dev.tandem.storage.HistoryStore;

/** What every gateway instance of a node shares. */
public record GatewayContext(String nodeId, GatewayOptions options, DocumentTypes types, SequencerClient sequencers,
        DocumentStore store, HistoryStore history, PresenceRoster roster, RateLimits limits, GatewayMetrics metrics,
        MetricsEndpoint metricsEndpoint, Readiness readiness, AccessControl access, ConnectionLimiter connections,
        Drain drain) {
}
