package dev.tandem.sequencer;

import io.vertx.core.Future;

/**
 * Where the sequencer of a document runs. On a single node it is always here; in a cluster it
 * is the member that owns the document's partition.
 */
public interface DocumentOwnership {

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
