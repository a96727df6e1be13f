package dev.tandem.storage;

import dev.tandem.ot.sequencer.RevisionRecord;
import dev.tandem.ot.text.TextOperation;
import java.util.ArrayList;
import java.util.List;

/** Builds a document's history for tests: each edit becomes the next revision, and the text is kept. */
final class Edits {
    /** A fixed clock, so stored times can be compared exactly. */
    static final long T0 = 1_732_780_000_123L;

    private final String docId;
    private final List<String> texts = new ArrayList<>(List.of(""));
    private final List<RevisionRecord> revisions = new ArrayList<>();

    Edits(String docId) {
        this.docId = docId;
    }

    /** Replaces {@code del} code points at {@code pos} by {@code ins}, as client {@code clientId}'s submission {@code seq}. */
    RevisionRecord edit(String clientId, long seq, int pos, int del, String ins) {
        String text = text();
        TextOperation op = TextOperation.splice(text.codePointCount(0, text.length()), pos, del, ins);
        long rev = revisions.size() + 1;
        RevisionRecord r = new RevisionRecord(docId, rev, op, clientId, seq, T0 + rev * 1_001);
        revisions.add(r);
        texts.add(op.apply(text));
        return r;
    }

    /** Appends {@code ins} at the end, as submission {@code seq} of {@code clientId}. */
    RevisionRecord type(String clientId, long seq, String ins) {
        String text = text();
        return edit(clientId, seq, text.codePointCount(0, text.length()), 0, ins);
    }

    String text() {
        return texts.get(texts.size() - 1);
    }

    String textAt(long rev) {
        return texts.get((int) rev);
    }

    List<RevisionRecord> revisions() {
        return List.copyOf(revisions);
    }

    List<RevisionRecord> range(long fromRev, long toRev) {
        return List.copyOf(revisions.subList((int) fromRev - 1, (int) toRev));
    }
}
