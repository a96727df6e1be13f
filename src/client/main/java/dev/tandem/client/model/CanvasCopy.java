package dev.tandem.client.model;

import dev.tandem.ot.Document;
import dev.tandem.ot.canvas.CanvasOperation;
import dev.tandem.ot.canvas.CanvasReplica;
import dev.tandem.ot.canvas.CanvasType;
import java.util.function.LongSupplier;

/**
 * A canvas kept by {@link CanvasReplica}: the server's state with our pending batches on top, so
 * our own values mask the server's until acknowledged; acknowledgements carry the batch as
 * committed (applying may drop changes), which the replica takes in place of ours.
 *
 * <p>A submission is every batch waiting when nothing is in flight (the replica joins them). Its
 * {@code seq} is that of the oldest edit in it, as the ot.js buffer keeps its first edit's, so
 * the author's timing of an edit refers to its oldest part.
 */
final class CanvasCopy implements LocalCopy<CanvasOperation> {
    private final CanvasReplica replica;
    private long inFlightSeq = -1;
    private long nextSubmissionSeq = -1;

    CanvasCopy(CanvasType type, String snapshot, long rev) {
        this.replica = new CanvasReplica(type, snapshot, rev);
    }

    @Override
    public Document<CanvasOperation> view() {
        return replica.view();
    }

    @Override
    public CanvasOperation edit(CanvasOperation op, LongSupplier seqs) {
        if (op.isEmpty()) {
            return op;
        }
        CanvasOperation applied = replica.edit(op);
        madeEdit(seqs);
        return applied;
    }

    private void madeEdit(LongSupplier seqs) {
        long seq = seqs.getAsLong();
        if (nextSubmissionSeq < 0) {
            nextSubmissionSeq = seq;
        }
    }

    @Override
    public Pending<CanvasOperation> takeOutgoing(LongSupplier seqs) {
        CanvasReplica.Outgoing out = replica.takeOutgoing();
        if (out == null) {
            return null;
        }
        // Batches left over from a split at the batch limit take a new seq: it must only increase.
        inFlightSeq = nextSubmissionSeq >= 0 ? nextSubmissionSeq : seqs.getAsLong();
        nextSubmissionSeq = -1;
        return new Pending<>(inFlightSeq, out.op());
    }

    @Override
    public Pending<CanvasOperation> inFlight() {
        CanvasReplica.Outgoing out = replica.inFlight();
        return out == null ? null : new Pending<>(inFlightSeq, out.op());
    }

    @Override
    public CanvasOperation unconfirmed() {
        CanvasOperation all = replica.unconfirmed();
        return all.isEmpty() ? null : all;
    }

    @Override
    public CanvasOperation remote(long rev, CanvasOperation committed) {
        replica.remote(rev, committed);
        return committed;
    }

    @Override
    public void acknowledged(long rev, CanvasOperation committed) {
        if (committed == null) {
            throw new IllegalStateException("a canvas acknowledgement without the committed batch");
        }
        replica.ack(rev, committed);
    }

    @Override
    public CanvasOperation undo(LongSupplier seqs) {
        return local(replica.undo(), seqs);
    }

    @Override
    public CanvasOperation redo(LongSupplier seqs) {
        return local(replica.redo(), seqs);
    }

    private CanvasOperation local(CanvasOperation made, LongSupplier seqs) {
        if (!made.isEmpty()) {
            madeEdit(seqs);
        }
        return made;
    }

    @Override
    public boolean canUndo() {
        return replica.canUndo();
    }

    @Override
    public boolean canRedo() {
        return replica.canRedo();
    }
}
