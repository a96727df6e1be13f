package dev.tandem.bus;

import io.vertx.core.eventbus.EventBus;

/** Registers the codecs of every bus message type; call once per Vert.x instance. */
public final class Codecs {
    private Codecs() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void register(EventBus bus) {
        for (Class<?> type : BusMessages.ALL) {
            bus.registerDefaultCodec((Class) type, new JsonCodec(type));
        }
    }
}
