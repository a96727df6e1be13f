package dev.tandem.presence;

import dev.tandem.bus.BusMessages.PresenceUpdate;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The roster of a single node, in memory, shared by the node's gateway instances. */
public final class LocalPresenceRoster implements PresenceRoster {
    private final Map<String, Map<String, PresenceUpdate>> byDoc = new ConcurrentHashMap<>();

    @Override
    public Future<Void> update(PresenceUpdate u) {
        String key = u.sessionId();
        if (u.left()) {
            byDoc.computeIfPresent(u.docId(), (doc, members) -> {
                members.remove(key);
                return members.isEmpty() ? null : members;
            });
        } else {
            byDoc.computeIfAbsent(u.docId(), d -> new ConcurrentHashMap<>()).put(key, u);
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<List<PresenceUpdate>> list(String docId) {
        Map<String, PresenceUpdate> members = byDoc.get(docId);
        return Future.succeededFuture(members == null ? List.of() : new ArrayList<>(members.values()));
    }
}
