package dev.tandem.gateway;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;

/** The document channels of one gateway instance: one subscription per document, shared by its sessions. */
final class Channels {
    private final Vertx vertx;
    private final Map<String, DocumentChannel> byDoc = new HashMap<>();

    Channels(Vertx vertx) {
        this.vertx = vertx;
    }

    DocumentChannel join(String docId, ClientSession session) {
        DocumentChannel channel = byDoc.computeIfAbsent(docId, d -> new DocumentChannel(vertx, d));
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
