package dev.tandem.bus;

import io.vertx.core.eventbus.EventBus;

/** Registers the codecs of every bus message type on a Vert.x instance (once; later calls do nothing). */
public final class Codecs {
    private static final java.util.Set<EventBus> REGISTERED =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    private Codecs() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void register(EventBus bus) {
        if (!REGISTERED.add(bus)) {
            return;
        }
        for (Class<?> type : BusMessages.ALL) {
            bus.registerDefaultCodec((Class) type, new JsonCodec(type));
        }
    }
}
