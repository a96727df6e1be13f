package dev.tandem.bus;

import dev.tandem.ot.DocumentTypes;
import io.vertx.core.eventbus.EventBus;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/** Registers the codecs of every bus message type on a Vert.x instance (once; later calls do nothing). */
public final class Codecs {
    private static final Set<EventBus> REGISTERED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private Codecs() {
    }

    /** Registers the codecs; operations travel between nodes in the wire form of their type in {@code types}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void register(EventBus bus, DocumentTypes types) {
        if (!REGISTERED.add(bus)) {
            return;
        }
        JsonCodec.Mapper mapper = new JsonCodec.Mapper(types);
        for (Class<?> type : BusMessages.ALL) {
            bus.registerDefaultCodec((Class) type, new JsonCodec(type, mapper));
        }
        bus.registerDefaultCodec(BusFailure.class, new BusFailure.Codec());
    }
}
