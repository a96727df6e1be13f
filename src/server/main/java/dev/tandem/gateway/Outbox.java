package dev.tandem.gateway;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * What a session has to send, batched into one frame per short tick. Sparse traffic goes out at
 * the end of the current event-loop turn; under load at most one frame per {@code batchMs}, so
 * a crowded document costs one frame per recipient per tick instead of one per message.
 * Presence is coalesced: a newer state of the same participant replaces the queued one.
 * Urgent messages (an ack the client is waiting for, an error, a reply) go out at the end of the
 * current turn whatever the tick, taking everything queued with them: a client in a closed loop
 * (next keystroke after the ack) must not wait for a tick per keystroke.
 *
 * <p>If the client stops reading, the transport's write queue fills, messages pile up here, and
 * past {@code maxQueuedChars} the session is told to drop the client rather than grow the heap.
 */
final class Outbox {
    private final Vertx vertx;
    private final Connection connection;
    private final long batchNanos;
    private final int maxQueuedChars;
    private final Runnable onOverflow;
    private final ArrayList<String> pending = new ArrayList<>();
    private final HashMap<String, Integer> coalesced = new HashMap<>();
    private int pendingChars;
    private long lastFlush;
    private boolean scheduled;
    private boolean urgentScheduled;
    private boolean blocked;
    private boolean closed;
    private boolean filling;
    /** A frame already built for {@code sharedBody}, sent as it is when that body is all there is. */
    private String sharedBody;
    private String sharedFrame;

    Outbox(Vertx vertx, Connection connection, int batchMs, int maxQueuedChars, Runnable onOverflow) {
        this.vertx = vertx;
        this.connection = connection;
        this.batchNanos = batchMs * 1_000_000L;
        this.maxQueuedChars = maxQueuedChars;
        this.onOverflow = onOverflow;
        this.lastFlush = System.nanoTime() - batchNanos;
    }

    void add(String message) {
        if (closed) {
            return;
        }
        pending.add(message);
        grew(message.length(), false);
    }

    /** Adds a message the client is waiting for: it leaves at the end of this event-loop turn. */
    void addUrgent(String message) {
        if (closed) {
            return;
        }
        pending.add(message);
        grew(message.length(), true);
    }

    /** Adds a message that supersedes any queued one with the same key. */
    void addCoalesced(String key, String message) {
        if (closed) {
            return;
        }
        Integer at = coalesced.get(key);
        if (at != null) {
            pendingChars -= pending.get(at).length();
            pending.set(at, message);
            grew(message.length(), false);
        } else {
            coalesced.put(key, pending.size());
            add(message);
        }
    }

    /**
     * Adds the messages of a document channel's tick, joined by commas ({@code body}), with the
     * frame {@code "[" + body + "]"} the channel built once for all its sessions: if nothing else
     * is queued, that very frame is sent, so a crowd costs one encoding per tick, not one per
     * recipient.
     */
    void addShared(String body, String frame) {
        if (closed) {
            return;
        }
        if (pending.isEmpty()) {
            sharedBody = body;
            sharedFrame = frame;
        }
        pending.add(body);
        grew(body.length(), false);
    }

    /**
     * Runs {@code fill} (which adds messages) and sends the result as one frame at once: the
     * document channel's tick, which is already the batching moment, so nothing is scheduled.
     */
    void fillAndFlush(Runnable fill) {
        filling = true;
        try {
            fill.run();
        } finally {
            filling = false;
        }
        if (!blocked) {
            flush(); // a blocked outbox sends when the transport drains
        }
    }

    /** Sends whatever is queued right now (before closing the connection). */
    void flushNow() {
        flush();
    }

    void close() {
        closed = true;
        pending.clear();
        coalesced.clear();
        sharedBody = null;
        sharedFrame = null;
    }

    private void grew(int chars, boolean urgent) {
        pendingChars += chars;
        if (pendingChars > maxQueuedChars) {
            close();
            onOverflow.run();
            return;
        }
        schedule(urgent);
    }

    private void schedule(boolean urgent) {
        if (filling || blocked || (scheduled && !urgent) || urgentScheduled) {
            return;
        }
        long wait = urgent ? 0 : lastFlush + batchNanos - System.nanoTime();
        if (wait <= 0) {
            urgentScheduled = true;
            scheduled = true;
            vertx.runOnContext(v -> flush());
        } else {
            scheduled = true;
            vertx.setTimer(Math.max(1, wait / 1_000_000L), id -> flush());
        }
    }

    private void flush() {
        scheduled = false;
        urgentScheduled = false;
        if (pending.isEmpty() || closed) {
            return;
        }
        if (connection.writeQueueFull()) {
            blocked = true;
            connection.drainHandler(() -> {
                blocked = false;
                flush();
            });
            return;
        }
        String frame;
        if (pending.size() == 1 && pending.get(0) == sharedBody) {
            frame = sharedFrame;
        } else {
            StringBuilder sb = new StringBuilder(pendingChars + pending.size() + 2).append('[');
            for (int i = 0; i < pending.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(pending.get(i));
            }
            frame = sb.append(']').toString();
        }
        pending.clear();
        coalesced.clear();
        sharedBody = null;
        sharedFrame = null;
        pendingChars = 0;
        lastFlush = System.nanoTime();
        connection.send(frame);
    }
}
