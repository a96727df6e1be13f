package dev.tandem.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import dev.tandem.bus.Addresses;
import dev.tandem.bus.BusFailure;
import dev.tandem.bus.BusMessages.ActivateRequest;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import dev.tandem.sequencer.DocumentOwnership;
import dev.tandem.sequencer.SequencerManager;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster ownership: the sequencer of document X runs on the Hazelcast member that owns X's
 * partition. Activation requests for a document go to its owner's manager address; when
 * partitions move (a member joins or leaves), each node stops the sequencers of the documents
 * it no longer owns, and their new owners load them from PostgreSQL on the next request.
 */
public final class HazelcastOwnership implements DocumentOwnership {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastOwnership.class);
    private static final int MAX_ATTEMPTS = 8;
    private static final long REBALANCE_EVERY_MS = 1000;

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final SequencerManager manager;
    private final NodeInfo self;
    private final String memberId;
    private final DeliveryOptions delivery;
    private MessageConsumer<ActivateRequest> endpoint;
    private UUID migrationListener;
    private UUID membershipListener;
    private long timer = -1;
    private final java.util.List<java.util.function.Consumer<String>> leftListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private HazelcastOwnership(Vertx vertx, HazelcastInstance hazelcast, SequencerManager manager, NodeInfo self,
            long timeoutMs) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.manager = manager;
        this.self = self;
        this.memberId = nodeIdOf(hazelcast.getCluster().getLocalMember());
        this.delivery = new DeliveryOptions().setSendTimeout(timeoutMs);
    }

    /**
     * Starts answering activation requests. Which Tandem node a member is, and where its clients
     * connect, are the member's attributes ({@link Cluster#TANDEM_NODE_ATTRIBUTE},
     * {@link Cluster#TANDEM_WS_ATTRIBUTE}), set when it joined: no shared directory, which a lite
     * member could not create.
     */
    public static Future<HazelcastOwnership> start(Vertx vertx, HazelcastInstance hazelcast, SequencerManager manager,
            NodeInfo self, long timeoutMs) {
        HazelcastOwnership o = new HazelcastOwnership(vertx, hazelcast, manager, self, timeoutMs);
        o.endpoint = vertx.eventBus().consumer(Addresses.manager(o.memberId), o::onActivate);
        o.migrationListener = hazelcast.getPartitionService().addMigrationListener(o.new Migrations());
        o.membershipListener = hazelcast.getCluster().addMembershipListener(o.new Membership());
        o.timer = vertx.setPeriodic(REBALANCE_EVERY_MS, id -> o.rebalance());
        return o.endpoint.completion().map(v -> o);
    }

    @Override
    public Future<Void> activate(String docId, String createType) {
        return activate(docId, createType, 1);
    }

    private Future<Void> activate(String docId, String createType, int attempt) {
        if (DocumentOwnership.isScratchOf(docId, self.nodeId())) {
            return manager.activate(docId, createType); // ours wherever its partition is
        }
        Member owner = ownerOf(docId);
        Future<Void> result;
        if (owner == null) {
            result = Future.failedFuture(new TandemException(ErrorCode.UNAVAILABLE, "the owner of " + docId
                    + " is not known yet"));
        } else if (owner.localMember()) {
            result = manager.activate(docId, createType);
        } else {
            result = vertx.eventBus().request(Addresses.manager(nodeIdOf(owner)),
                    new ActivateRequest(docId, createType), delivery).mapEmpty();
        }
        return result.recover(e -> {
            TandemException t = BusFailure.toTandem(e);
            if (attempt < MAX_ATTEMPTS && t.code() == ErrorCode.UNAVAILABLE) {
                // Ownership is moving (a member joined or left): ask again shortly.
                Promise<Void> retry = Promise.promise();
                vertx.setTimer(50L * attempt, id -> activate(docId, createType, attempt + 1).onComplete(retry));
                return retry.future();
            }
            return Future.failedFuture(t);
        });
    }

    @Override
    public NodeInfo owner(String docId) {
        if (DocumentOwnership.isScratchOf(docId, self.nodeId())) {
            return self;
        }
        Member owner = ownerOf(docId);
        if (owner == null) {
            return self;
        }
        String node = owner.getAttribute(Cluster.TANDEM_NODE_ATTRIBUTE);
        String ws = owner.getAttribute(Cluster.TANDEM_WS_ATTRIBUTE);
        return node == null || ws == null ? self : new NodeInfo(node, ws);
    }

    @Override
    public void onNodeLeft(java.util.function.Consumer<String> listener) {
        leftListeners.add(listener);
    }

    /** Whether this member owns the document's partition right now. */
    public boolean ownsLocally(String docId) {
        Member owner = ownerOf(docId);
        return owner != null && owner.localMember();
    }

    private static String nodeIdOf(Member member) {
        String id = member.getAttribute(Cluster.NODE_ID_ATTRIBUTE);
        return id != null ? id : member.getUuid().toString();
    }

    private Member ownerOf(String docId) {
        try {
            return hazelcast.getPartitionService().getPartition(docId).getOwner();
        } catch (RuntimeException e) {
            return null; // the member is shutting down
        }
    }

    private void onActivate(Message<ActivateRequest> message) {
        ActivateRequest req = message.body();
        if (!ownsLocally(req.docId())) {
            BusFailure.fail(message, new TandemException(ErrorCode.UNAVAILABLE, "this node no longer owns "
                    + req.docId(), "NOT_OWNER"));
            return;
        }
        manager.activate(req.docId(), req.createType()).onComplete(ar -> {
            if (ar.succeeded()) {
                message.reply(null);
            } else {
                BusFailure.fail(message, BusFailure.toTandem(ar.cause()));
            }
        });
    }

    /** Stops the sequencers of documents whose partition moved away from this member. */
    void rebalance() {
        for (String docId : manager.activeDocuments()) {
            Member owner = ownerOf(docId);
            if (owner != null && !owner.localMember() && manager.isActive(docId)
                    && !DocumentOwnership.isScratchOf(docId, self.nodeId())) {
                LOG.info("{} now belongs to {}; handing it over", docId, nodeIdOf(owner));
                manager.stop(docId);
            }
        }
    }

    /** Leaves the directory and stops answering. */
    public Future<Void> close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            hazelcast.getPartitionService().removeMigrationListener(migrationListener);
            hazelcast.getCluster().removeMembershipListener(membershipListener);
        } catch (RuntimeException e) {
            LOG.debug("leaving the node directory: {}", e.toString());
        }
        return endpoint == null ? Future.succeededFuture() : endpoint.unregister();
    }

    private final class Migrations implements MigrationListener {
        @Override
        public void migrationStarted(MigrationState state) {
        }

        @Override
        public void migrationFinished(MigrationState state) {
            vertx.runOnContext(v -> rebalance());
        }

        @Override
        public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
        }

        @Override
        public void replicaMigrationFailed(ReplicaMigrationEvent event) {
        }
    }

    private final class Membership implements MembershipListener {
        @Override
        public void memberAdded(MembershipEvent event) {
            LOG.info("member joined: {}", event.getMember());
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            LOG.info("member left: {}", event.getMember());
            String tandemNode = event.getMember().getAttribute(Cluster.TANDEM_NODE_ATTRIBUTE);
            if (tandemNode != null) {
                leftListeners.forEach(l -> l.accept(tandemNode));
            }
        }
    }
}
