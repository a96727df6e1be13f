package dev.tandem.ot.sequencer;

import dev.tandem.ot.sequencer.ClientSubmission;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last submission of each client seen by a document, for dedup. Bounded: least recently
 * used clients are forgotten (and looked up in storage again if they come back), but never one
 * whose last revision is not yet committed, since storage does not know it yet.
 */
final class ClientTable {
    private final int capacity;
    private final LinkedHashMap<String, ClientSubmission> map = new LinkedHashMap<>(16, 0.75f, true);

    ClientTable(int capacity) {
        this.capacity = capacity;
    }

    ClientSubmission get(String clientId) {
        return map.get(clientId);
    }

    boolean knows(String clientId) {
        return map.containsKey(clientId);
    }

    void put(String clientId, ClientSubmission last, long committedHead) {
        map.put(clientId, last);
        if (map.size() > capacity) {
            Iterator<Map.Entry<String, ClientSubmission>> it = map.entrySet().iterator();
            while (map.size() > capacity && it.hasNext()) {
                if (it.next().getValue().rev() <= committedHead) {
                    it.remove();
                }
            }
        }
    }

    int size() {
        return map.size();
    }
}
