package dev.tandem.sequencer;

import io.vertx.core.Future;

/** Single-node ownership: every document's sequencer runs on this node. */
public final class LocalOwnership implements DocumentOwnership {
    private final SequencerManager manager;
    private final NodeInfo self;

    public LocalOwnership(SequencerManager manager, NodeInfo self) {
        this.manager = manager;
        this.self = self;
    }

    @Override
    public Future<Void> activate(String docId, String createType) {
        return manager.activate(docId, createType);
    }

    @Override
    public NodeInfo owner(String docId) {
        return self;
    }
}
