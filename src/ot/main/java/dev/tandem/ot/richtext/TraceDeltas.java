package dev.tandem.ot.richtext;

import dev.tandem.trace.EditingTrace;
import dev.tandem.trace.Utf16Patches;

/** Replays a recorded editing trace as rich-text deltas (for the trace test and the benchmark). */
public final class TraceDeltas {
    private final EditingTrace trace;
    private final Utf16Patches patches;

    public TraceDeltas(EditingTrace trace) {
        this.trace = trace;
        this.patches = Utf16Patches.of(trace);
    }

    public EditingTrace trace() {
        return trace;
    }

    public int size() {
        return patches.size();
    }

    /** Patch {@code i} as a delta: retain to its place, delete, insert. */
    public Delta delta(int i) {
        return new DeltaBuilder(3).retain(patches.position(i)).delete(patches.deleteLength(i))
                .insert(patches.insertText(i)).build();
    }

    /** Applies every patch, as a delta, to a document holding the start text; returns the document. */
    public RichTextDocument replay() {
        RichTextDocument doc = RichTextDocument.of(Delta.ofText(trace.startContent()));
        for (int i = 0, n = patches.size(); i < n; i++) {
            doc.apply(delta(i));
        }
        return doc;
    }
}
