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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide presence roster in Redis.
 *
 * <p>Per document a hash holds each session's latest presence, under a field that names the
 * node the session is connected to. Liveness is per node, not per session: each node keeps a
 * key of its own alive (expiring after {@code ttlMs}, refreshed every third of it), so the cost
 * of staying present does not grow with the number of sessions. Readers skip the entries of
 * nodes whose key has expired; and the first node to notice a dead node removes that node's
 * entries from the documents it had sessions in and announces those sessions as gone
 * ({@code left}), so the users of a crashed node vanish everywhere within {@code ttlMs} plus one
 * refresh period.
 *
 * <p>If Redis is unreachable editing is unaffected: the roster answers with this node's own
 * sessions. When Redis comes back (or lost its data), the node finds its liveness key missing and
 * writes its sessions again.
 */
public final class RedisPresenceRoster implements PresenceRoster {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPresenceRoster.class);
    private static final long REDIS_TIMEOUT_MS = 1_000;
    private static final String NODES = "tandem:presence-nodes";

    /** Entries of a document whose node is alive: KEYS = hash. */
    private static final String LIST = "local out = {} local alive = {} "
            + "local all = redis.call('HGETALL', KEYS[1]) "
            + "for i = 1, #all, 2 do local node = string.match(all[i], '^([^|]+)|') "
            + "if alive[node] == nil then alive[node] = redis.call('EXISTS', 'tandem:presence-alive:' .. node) end "
            + "if alive[node] == 1 then table.insert(out, all[i + 1]) end end return out";
    /** The registered nodes whose liveness key is gone. */
    private static final String DEAD = "local out = {} for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do "
            + "if redis.call('EXISTS', 'tandem:presence-alive:' .. node) == 0 then table.insert(out, node) end end "
            + "return out";
    /** Removes and returns a dead node's entries of one document: KEYS = hash; ARGV = node. */
    private static final String REAP = "local out = {} local prefix = ARGV[1] .. '|' "
            + "local all = redis.call('HGETALL', KEYS[1]) "
            + "for i = 1, #all, 2 do if string.sub(all[i], 1, #prefix) == prefix then "
            + "redis.call('HDEL', KEYS[1], all[i]) table.insert(out, all[i + 1]) end end return out";

    private final Vertx vertx;
    private final Redis redis;
    private final long ttlMs;
    private final Consumer<String> onError;
    private final String node = UUID.randomUUID().toString().substring(0, 13);
    private final Map<String, Map<String, PresenceUpdate>> local = new ConcurrentHashMap<>();
    private final long timer;

    public RedisPresenceRoster(Vertx vertx, Redis redis, long ttlMs, Consumer<String> onError) {
        this.vertx = vertx;
        this.redis = redis;
        this.ttlMs = ttlMs;
        this.onError = onError;
        long every = Math.max(100, ttlMs / 3);
        refresh();
        this.timer = vertx.setPeriodic(every, id -> {
            refresh();
            reapDeadNodes();
        });
    }

    @Override
    public Future<Void> update(PresenceUpdate u) {
        String hash = hashKey(u.docId());
        List<Request> batch = new ArrayList<>(2);
        if (u.left()) {
            boolean[] lastOne = {false};
            local.computeIfPresent(u.docId(), (d, m) -> {
                m.remove(u.sessionId());
                lastOne[0] = m.isEmpty();
                return m.isEmpty() ? null : m;
            });
            batch.add(Request.cmd(Command.HDEL).arg(hash).arg(field(u)));
            if (lastOne[0]) {
                batch.add(Request.cmd(Command.SREM).arg(docsKey(node)).arg(u.docId()));
            }
        } else {
            boolean[] first = {false};
            local.computeIfAbsent(u.docId(), d -> {
                first[0] = true;
                return new ConcurrentHashMap<>();
            }).put(u.sessionId(), u);
            batch.add(Request.cmd(Command.HSET).arg(hash).arg(field(u)).arg(encode(u)));
            if (first[0]) {
                batch.add(Request.cmd(Command.SADD).arg(docsKey(node)).arg(u.docId()));
            }
        }
        return call(redis.batch(batch), "presence update").mapEmpty();
    }

    @Override
    public Future<List<PresenceUpdate>> list(String docId) {
        Request eval = Request.cmd(Command.EVAL).arg(LIST).arg(1).arg(hashKey(docId));
        return call(redis.send(eval), "presence list").map(r -> {
            List<PresenceUpdate> out = new ArrayList<>();
            for (Response item : r) {
                out.add(decode(item.toString()));
            }
            return out;
        }).recover(e -> Future.succeededFuture(localOnly(docId)));
    }

    @Override
    public Future<Void> close() {
        vertx.cancelTimer(timer);
        // Leave at once rather than after the expiry: the others see our users go now.
        return call(redis.batch(List.of(Request.cmd(Command.DEL).arg(aliveKey(node)))), "presence leave")
                .transform(ar -> redis.close());
    }

    /** This node's own sessions in a document: what we can answer without Redis. */
    private List<PresenceUpdate> localOnly(String docId) {
        Map<String, PresenceUpdate> m = local.get(docId);
        return m == null ? List.of() : new ArrayList<>(m.values());
    }

    /**
     * Keeps this node alive: one command, whatever the number of sessions. If the key was
     * missing (first run, Redis restarted, or we were presumed dead) our entries may be gone:
     * write them all again.
     */
    private void refresh() {
        Request alive = Request.cmd(Command.SET).arg(aliveKey(node)).arg("1").arg("PX").arg(ttlMs).arg("GET");
        call(redis.send(alive), "presence refresh").onSuccess(previous -> {
            if (previous == null) {
                rewriteAll();
            }
        });
    }

    private void rewriteAll() {
        List<Request> batch = new ArrayList<>();
        batch.add(Request.cmd(Command.SADD).arg(NODES).arg(node));
        for (Map.Entry<String, Map<String, PresenceUpdate>> doc : local.entrySet()) {
            batch.add(Request.cmd(Command.SADD).arg(docsKey(node)).arg(doc.getKey()));
            for (PresenceUpdate u : doc.getValue().values()) {
                batch.add(Request.cmd(Command.HSET).arg(hashKey(u.docId())).arg(field(u)).arg(encode(u)));
            }
        }
        call(redis.batch(batch), "presence rewrite");
    }

    /** Finds nodes that stopped refreshing; the first node to claim one announces its users gone. */
    private void reapDeadNodes() {
        Request dead = Request.cmd(Command.EVAL).arg(DEAD).arg(1).arg(NODES);
        call(redis.send(dead), "presence reap").onSuccess(nodes -> {
            for (Response n : nodes) {
                String deadNode = n.toString();
                Request claim = Request.cmd(Command.SET).arg("tandem:presence-reaping:" + deadNode).arg(node)
                        .arg("NX").arg("PX").arg(Math.max(10_000, ttlMs * 3));
                call(redis.send(claim), "presence reap").onSuccess(ok -> {
                    if (ok != null) {
                        reap(deadNode);
                    }
                });
            }
        });
    }

    private void reap(String deadNode) {
        call(redis.send(Request.cmd(Command.SMEMBERS).arg(docsKey(deadNode))), "presence reap").onSuccess(docs -> {
            List<Future<?>> done = new ArrayList<>();
            for (Response d : docs) {
                String docId = d.toString();
                Request eval = Request.cmd(Command.EVAL).arg(REAP).arg(1).arg(hashKey(docId)).arg(deadNode);
                done.add(call(redis.send(eval), "presence reap").onSuccess(gone -> {
                    long now = System.currentTimeMillis();
                    for (Response item : gone) {
                        PresenceUpdate u = decode(item.toString());
                        LOG.debug("{} left {} with its node", u.clientId(), docId);
                        vertx.eventBus().publish(Addresses.presence(docId), new PresenceUpdate(docId, u.clientId(),
                                u.sessionId(), u.name(), u.color(), u.rev(), null, false, true, now));
                    }
                }));
            }
            Future.join(done).onComplete(v -> call(redis.batch(List.of(
                    Request.cmd(Command.DEL).arg(docsKey(deadNode)),
                    Request.cmd(Command.SREM).arg(NODES).arg(deadNode))), "presence reap"));
        });
    }

    private <T> Future<T> call(Future<T> f, String what) {
        return f.timeout(REDIS_TIMEOUT_MS, TimeUnit.MILLISECONDS).onFailure(e -> {
            LOG.debug("redis {} failed: {}", what, e.toString());
            onError.accept(what);
        });
    }

    private String field(PresenceUpdate u) {
        return node + "|" + u.sessionId();
    }

    static String hashKey(String docId) {
        return "tandem:presence:{" + docId + "}";
    }

    static String aliveKey(String node) {
        return "tandem:presence-alive:" + node;
    }

    static String docsKey(String node) {
        return "tandem:presence-docs:" + node;
    }

    /**
     * An entry of the roster hash: {@code [doc, client, session, name, color, rev, sel, null, typing, sentAt]}
     * with {@code sel} the selection's JSON text or null. Entries written before document types
     * held the caret as two numbers in places 6 and 7 ({@code -1}: none); {@link #decode} reads both.
     */
    static String encode(PresenceUpdate u) {
        return new JsonArray().add(u.docId()).add(u.clientId()).add(u.sessionId()).add(u.name()).add(u.color())
                .add(u.rev()).add(u.sel()).addNull().add(u.typing()).add(u.sentAtMillis()).encode();
    }

    static PresenceUpdate decode(String s) {
        JsonArray a = new JsonArray(s);
        String sel;
        if (a.getValue(6) instanceof Number anchor) {
            sel = anchor.intValue() < 0 ? null : "[" + anchor.intValue() + "," + a.getInteger(7) + "]";
        } else {
            sel = a.getString(6);
        }
        return new PresenceUpdate(a.getString(0), a.getString(1), a.getString(2), a.getString(3), a.getString(4),
                a.getLong(5), sel, a.getBoolean(8), false, a.getLong(9));
    }
}
