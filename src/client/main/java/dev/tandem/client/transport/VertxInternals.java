package dev.tandem.client.transport;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * The client library's and the load tools' one door to Vert.x internal APIs
 * ({@code io.vertx.core.internal}), which a Vert.x minor release may change: every use goes
 * through here, and {@code VertxInternalsTest} calls each one, so such a change fails one test
 * by name instead of breaking callers silently.
 */
public final class VertxInternals {
    private VertxInternals() {
    }

    /** A new event-loop context (the next event loop, round robin), for work not owned by a verticle. */
    public static Context newEventLoopContext(Vertx vertx) {
        return ((VertxInternal) vertx).createEventLoopContext();
    }

    /** Whether {@code current} is {@code context} or one of its duplicates (handlers may run on those). */
    public static boolean sameContext(Context current, Context context) {
        return current instanceof ContextInternal c && context instanceof ContextInternal d && c.unwrap() == d.unwrap();
    }

    /** Runs {@code handler} on {@code context} after {@code delayMs}, wherever this is called from; returns the timer id. */
    public static long setTimer(Context context, long delayMs, io.vertx.core.Handler<Long> handler) {
        return ((ContextInternal) context).setTimer(delayMs, handler);
    }

    /** Closes the TCP connection under {@code ws} without a WebSocket close frame, as a network drop would. */
    public static void cut(WebSocket ws) {
        if (ws instanceof WebSocketInternal internal) {
            // Past the pipeline: Netty's WebSocket handler answers a plain close() with a close frame first.
            io.netty.channel.Channel channel = internal.channelHandlerContext().channel();
            channel.eventLoop().execute(() -> channel.unsafe().close(channel.voidPromise()));
        } else {
            ws.close((short) 1006, "cut");
        }
    }
}
