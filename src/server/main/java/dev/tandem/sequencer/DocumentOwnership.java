package dev.tandem.sequencer;

import io.vertx.core.Future;

/**
 * Where the sequencer of a document runs. On a single node it is always here; in a cluster it
 * is the member that owns the document's partition.
 */
public interface DocumentOwnership {

    /**
     * Prefix of scratch documents ({@code .warmup.<node>.<n>}): a node's own, run on that node
     * whatever the partition table says (its warm-up uses them before it owns any partition), and
     * left out of the document list.
     */
    String SCRATCH_PREFIX = ".warmup.";

    /** The {@code n}-th scratch document of node {@code nodeId}. */
    static String scratchDocument(String nodeId, int n) {
        return SCRATCH_PREFIX + nodeId.replaceAll("[^A-Za-z0-9_-]", "_") + "." + n;
    }

    /** Whether {@code docId} is a scratch document of node {@code nodeId}. */
    static boolean isScratchOf(String docId, String nodeId) {
        return docId.startsWith(SCRATCH_PREFIX + nodeId.replaceAll("[^A-Za-z0-9_-]", "_") + ".");
    }

    /**
     * Makes sure the owner runs the document's sequencer, first creating the document with type
     * {@code createType} if it does not exist and that is not null.
     */
    Future<Void> activate(String docId, String createType);

    /** The node that owns the document, for session affinity. */
    NodeInfo owner(String docId);

    /** Tells {@code listener} the id of every node that leaves (crashes or stops); single nodes have none. */
    default void onNodeLeft(java.util.function.Consumer<String> listener) {
    }

    /** A node of the deployment: its id and the WebSocket URL clients reach it at. */
    record NodeInfo(String nodeId, String wsUrl) {
    }
}
