package dev.tandem.ot.canvas;

import dev.tandem.ot.DocumentType.Side;
import dev.tandem.ot.OtException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sequencing loop of dev.tandem.ot.sequencer.Sequencer, on the canvas type: a batch made on
 * revision {@code base} is transformed past every committed batch after {@code base}, in order,
 * then applied; what applying returns is the committed batch. (The real Sequencer takes only
 * text operations until it is generalised to {@code DocumentType}; then these tests switch to it.)
 */
final class MiniSequencer {
    private final CanvasType type;
    private final CanvasDocument doc;
    private final List<CanvasOperation> committed = new ArrayList<>();

    /** The result of a submission: the revision and committed batch, or the refusal. */
    record Result(long rev, CanvasOperation committed, OtException refused) {
    }

    MiniSequencer(CanvasType type) {
        this.type = type;
        this.doc = type.open(type.emptySnapshot());
    }

    long head() {
        return committed.size();
    }

    CanvasDocument document() {
        return doc;
    }

    /** Committed batch of revision {@code rev} (1-based). */
    CanvasOperation revision(long rev) {
        return committed.get((int) rev - 1);
    }

    Result submit(long base, CanvasOperation op) {
        try {
            // Through the wire form both ways, as a real submission travels.
            CanvasOperation incoming = type.parse(op.toJson());
            for (long r = base + 1; r <= head(); r++) {
                incoming = type.transform(incoming, revision(r), Side.LEFT);
            }
            CanvasOperation applied = doc.apply(incoming);
            committed.add(type.parse(applied.toJson()));
            return new Result(head(), applied, null);
        } catch (OtException e) {
            return new Result(-1, null, e);
        }
    }
}
