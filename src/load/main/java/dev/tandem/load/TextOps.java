package dev.tandem.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.ot.text.TextType;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Text operations read from the protocol's JSON once per event loop, not once per simulated
 * client: the clients of a loop share the decoded messages of a frame ({@link LoadConnection}),
 * so the same operation node reaches hundreds of them. Kept by identity, a few ticks' worth.
 */
final class TextOps {
    private static final int MAX = 4096;
    private static final ThreadLocal<Map<JsonNode, TextOperation>> CACHE = ThreadLocal.withInitial(IdentityHashMap::new);

    private TextOps() {
    }

    static TextOperation of(JsonNode json) {
        Map<JsonNode, TextOperation> cache = CACHE.get();
        TextOperation op = cache.get(json);
        if (op == null) {
            if (cache.size() >= MAX) {
                cache.clear(); // cheaper than an LRU here: the next tick's operations refill it at once
            }
            op = TextType.INSTANCE.parse(json);
            cache.put(json, op);
        }
        return op;
    }
}
