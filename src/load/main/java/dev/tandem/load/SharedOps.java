package dev.tandem.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.Operation;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Operations read from the protocol's JSON once per event loop, not once per simulated client:
 * the clients of a loop share the decoded messages of a frame ({@link LoadConnection}), so the
 * same operation node reaches hundreds of them. Kept by identity, a few ticks' worth.
 */
final class SharedOps {
    private static final int MAX = 4096;
    private static final ThreadLocal<Map<JsonNode, Operation>> CACHE = ThreadLocal.withInitial(IdentityHashMap::new);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SharedOps() {
    }

    static <O extends Operation> O of(JsonNode json, DocumentType<O> type) {
        Map<JsonNode, Operation> cache = CACHE.get();
        Operation op = cache.get(json);
        if (!type.operationClass().isInstance(op)) {
            if (cache.size() >= MAX) {
                cache.clear(); // cheaper than an LRU here: the next tick's operations refill it at once
            }
            op = type.parse(json);
            cache.put(json, op);
        }
        return type.operationClass().cast(op);
    }

    /** JSON text as a tree, for a submission. */
    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
