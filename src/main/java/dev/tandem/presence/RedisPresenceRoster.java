package dev.tandem.presence;

import dev.tandem.bus.Addresses;
import dev.tandem.bus.BusMessages.PresenceUpdate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide presence roster in Redis. Per document a hash holds each session's latest
 * presence and a sorted set its expiry time; a node refreshes the expiry of its own sessions
 * while they are connected, so the sessions of a node that crashed expire within
 * {@code ttlMs}. Every node sweeps the documents its clients have open and announces the
 * expired sessions as gone ({@code left}); Redis's atomic removal makes exactly one node announce.
 *
 * <p>If Redis is unreachable editing is unaffected: the roster answers with this node's own
 * sessions, and rewrites them to Redis on the next refresh once it is back.
 */
public final class RedisPresenceRoster implements PresenceRoster {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPresenceRoster.class);
    private static final long REDIS_TIMEOUT_MS = 1_000;

    /** Live entries of a document: KEYS = hash, zset; ARGV = now. */
    private static final String LIST = "local ids = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[1], '+inf') "
            + "if #ids == 0 then return {} end return redis.call('HMGET', KEYS[1], unpack(ids))";
    /** Removes and returns expired entries: KEYS = hash, zset; ARGV = now. */
    private static final String SWEEP = "local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1]) "
            + "local out = {} for _, id in ipairs(ids) do "
            + "if redis.call('ZREM', KEYS[2], id) == 1 then local v = redis.call('HGET', KEYS[1], id) "
            + "if v then table.insert(out, v) end redis.call('HDEL', KEYS[1], id) end end return out";

    private final Vertx vertx;
    private final Redis redis;
    private final long ttlMs;
    private final Consumer<String> onError;
    private final Map<String, Map<String, PresenceUpdate>> local = new ConcurrentHashMap<>();
    private final long timer;

    public RedisPresenceRoster(Vertx vertx, Redis redis, long ttlMs, Consumer<String> onError) {
        this.vertx = vertx;
        this.redis = redis;
        this.ttlMs = ttlMs;
        this.onError = onError;
        long every = Math.max(200, ttlMs / 3);
        this.timer = vertx.setPeriodic(every, id -> {
            refresh();
            sweep();
        });
    }

    @Override
    public Future<Void> update(PresenceUpdate u) {
        String hash = hashKey(u.docId());
        String zset = expiryKey(u.docId());
        List<Request> batch = new ArrayList<>();
        if (u.left()) {
            local.computeIfPresent(u.docId(), (d, m) -> {
                m.remove(u.sessionId());
                return m.isEmpty() ? null : m;
            });
            batch.add(Request.cmd(Command.HDEL).arg(hash).arg(u.sessionId()));
            batch.add(Request.cmd(Command.ZREM).arg(zset).arg(u.sessionId()));
        } else {
            local.computeIfAbsent(u.docId(), d -> new ConcurrentHashMap<>()).put(u.sessionId(), u);
            batch.addAll(writeRequests(u, System.currentTimeMillis() + ttlMs));
        }
        return call(redis.batch(batch), "presence update").mapEmpty();
    }

    @Override
    public Future<List<PresenceUpdate>> list(String docId) {
        Request eval = Request.cmd(Command.EVAL).arg(LIST).arg(2).arg(hashKey(docId)).arg(expiryKey(docId))
                .arg(System.currentTimeMillis());
        return call(redis.send(eval), "presence list").map(r -> {
            List<PresenceUpdate> out = new ArrayList<>();
            for (Response item : r) {
                if (item != null) {
                    out.add(decode(item.toString()));
                }
            }
            return out;
        }).recover(e -> Future.succeededFuture(localOnly(docId)));
    }

    @Override
    public Future<Void> close() {
        vertx.cancelTimer(timer);
        return redis.close();
    }

    /** This node's own sessions in a document: what we can answer without Redis. */
    private List<PresenceUpdate> localOnly(String docId) {
        Map<String, PresenceUpdate> m = local.get(docId);
        return m == null ? List.of() : new ArrayList<>(m.values());
    }

    /** Extends the expiry of this node's sessions (and rewrites them, in case Redis lost them). */
    private void refresh() {
        long expiry = System.currentTimeMillis() + ttlMs;
        List<Request> batch = new ArrayList<>();
        for (Map<String, PresenceUpdate> sessions : local.values()) {
            for (PresenceUpdate u : sessions.values()) {
                batch.addAll(writeRequests(u, expiry));
            }
        }
        if (!batch.isEmpty()) {
            call(redis.batch(batch), "presence refresh");
        }
    }

    /** Announces, once cluster-wide, the sessions whose node stopped refreshing them. */
    private void sweep() {
        long now = System.currentTimeMillis();
        for (String docId : local.keySet()) {
            Request eval = Request.cmd(Command.EVAL).arg(SWEEP).arg(2).arg(hashKey(docId)).arg(expiryKey(docId)).arg(now);
            call(redis.send(eval), "presence sweep").onSuccess(r -> {
                for (Response item : r) {
                    PresenceUpdate gone = decode(item.toString());
                    LOG.debug("presence of {} in {} expired", gone.clientId(), docId);
                    vertx.eventBus().publish(Addresses.presence(docId), new PresenceUpdate(docId, gone.clientId(),
                            gone.sessionId(), gone.name(), gone.color(), gone.rev(), -1, -1, false, true, now));
                }
            });
        }
    }

    private List<Request> writeRequests(PresenceUpdate u, long expiry) {
        String hash = hashKey(u.docId());
        String zset = expiryKey(u.docId());
        long keyTtlSeconds = Math.max(2, ttlMs * 3 / 1000);
        return List.of(
                Request.cmd(Command.HSET).arg(hash).arg(u.sessionId()).arg(encode(u)),
                Request.cmd(Command.ZADD).arg(zset).arg(expiry).arg(u.sessionId()),
                Request.cmd(Command.EXPIRE).arg(hash).arg(keyTtlSeconds),
                Request.cmd(Command.EXPIRE).arg(zset).arg(keyTtlSeconds));
    }

    private <T> Future<T> call(Future<T> f, String what) {
        return f.timeout(REDIS_TIMEOUT_MS, TimeUnit.MILLISECONDS).onFailure(e -> {
            LOG.debug("redis {} failed: {}", what, e.toString());
            onError.accept(what);
        });
    }

    static String hashKey(String docId) {
        return "tandem:presence:{" + docId + "}";
    }

    static String expiryKey(String docId) {
        return "tandem:presence-expiry:{" + docId + "}";
    }

    static String encode(PresenceUpdate u) {
        return new JsonArray().add(u.docId()).add(u.clientId()).add(u.sessionId()).add(u.name()).add(u.color())
                .add(u.rev()).add(u.anchor()).add(u.head()).add(u.typing()).add(u.sentAtMillis()).encode();
    }

    static PresenceUpdate decode(String s) {
        JsonArray a = new JsonArray(s);
        return new PresenceUpdate(a.getString(0), a.getString(1), a.getString(2), a.getString(3), a.getString(4),
                a.getLong(5), a.getInteger(6), a.getInteger(7), a.getBoolean(8), false, a.getLong(9));
    }
}
