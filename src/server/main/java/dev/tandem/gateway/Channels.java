package dev.tandem.gateway;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;

/** The document channels of one gateway instance: one subscription per document, shared by its sessions. */
public final class Channels {
    /** Sessions of a document on one event loop past which its tick stretches (see {@link DocumentChannel}). */
    public static final int CROWD = 100;

    private final Vertx vertx;
    private final int batchMs;
    private final int crowdBatchMs;
    private final GatewayMetrics metrics;
    private final Map<String, DocumentChannel> byDoc = new HashMap<>();

    Channels(Vertx vertx, int batchMs, int crowdBatchMs, GatewayMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.batchMs = batchMs;
        this.crowdBatchMs = crowdBatchMs;
    }

    DocumentChannel join(String docId, ClientSession session) {
        DocumentChannel channel = byDoc.computeIfAbsent(docId, d -> new DocumentChannel(vertx, d, batchMs, crowdBatchMs, metrics));
        channel.add(session);
        return channel;
    }

    void leave(String docId, ClientSession session) {
        DocumentChannel channel = byDoc.get(docId);
        if (channel != null && channel.remove(session)) {
            byDoc.remove(docId);
            channel.close();
        }
    }

    int size() {
        return byDoc.size();
    }
}
