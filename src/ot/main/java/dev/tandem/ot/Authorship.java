package dev.tandem.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * Who wrote each part of a document whose type is a sequence ({@link DocumentType#walk}): runs of
 * units, each by one author, derived by replaying the revisions that built the document (as
 * Etherpad colours text by author). Authors are small integers chosen by the caller;
 * {@link #UNKNOWN} marks text whose author is not known (written before the replay started).
 *
 * <p>Each operation is folded in by one walk over the runs and the operation's steps together, so
 * it costs O(runs + steps); neighbouring runs by one author merge, so the run count stays near the
 * number of places where the author changes.
 */
public final class Authorship {
    /** The author of text that was there before the replay started. */
    public static final int UNKNOWN = -1;

    /** A stretch of {@code length} units by {@code author}, starting at {@code start}. */
    public record Span(long start, long length, int author) {
    }

    private long[] lengths;
    private int[] authors;
    private int runs;

    /** A document of {@code size} units by {@code author} (an empty one if size is 0). */
    public Authorship(long size, int author) {
        lengths = new long[8];
        authors = new int[8];
        if (size > 0) {
            lengths[0] = size;
            authors[0] = author;
            runs = 1;
        }
    }

    /**
     * Folds in {@code op}, made by {@code author}, through {@code type}'s walk. Returns false (and
     * changes nothing) if the type's documents are not a sequence.
     *
     * @throws IllegalArgumentException if the operation reaches past the end of the document
     */
    public <O extends Operation> boolean apply(DocumentType<O> type, O op, int author) {
        Fold fold = new Fold(author);
        if (!type.walk(op, fold)) {
            return false;
        }
        fold.finish();
        return true;
    }

    /** The document's size in units. */
    public long size() {
        long n = 0;
        for (int i = 0; i < runs; i++) {
            n += lengths[i];
        }
        return n;
    }

    /** The runs, in order. */
    public List<Span> spans() {
        List<Span> out = new ArrayList<>(runs);
        long at = 0;
        for (int i = 0; i < runs; i++) {
            out.add(new Span(at, lengths[i], authors[i]));
            at += lengths[i];
        }
        return out;
    }

    /** Builds the next run list while walking the old one. */
    private final class Fold implements SequenceEdits {
        private final int author;
        private final long[] oldLengths = lengths;
        private final int[] oldAuthors = authors;
        private final int oldRuns = runs;
        private int index; // the old run being read
        private long used;  // units of it already consumed
        private long[] newLengths = new long[Math.max(8, runs + 4)];
        private int[] newAuthors = new int[Math.max(8, runs + 4)];
        private int newRuns;

        Fold(int author) {
            this.author = author;
        }

        @Override
        public void retain(long n) {
            take(n, true);
        }

        @Override
        public void insert(long n) {
            add(n, author);
        }

        @Override
        public void delete(long n) {
            take(n, false);
        }

        /** Consumes {@code n} old units, copying them to the new list if {@code keep}. */
        private void take(long n, boolean keep) {
            while (n > 0) {
                if (index >= oldRuns) {
                    throw new IllegalArgumentException("the operation reaches past the end of the document");
                }
                long step = Math.min(n, oldLengths[index] - used);
                if (keep) {
                    add(step, oldAuthors[index]);
                }
                used += step;
                n -= step;
                if (used == oldLengths[index]) {
                    index++;
                    used = 0;
                }
            }
        }

        private void add(long n, int who) {
            if (n <= 0) {
                return;
            }
            if (newRuns > 0 && newAuthors[newRuns - 1] == who) {
                newLengths[newRuns - 1] += n;
                return;
            }
            if (newRuns == newLengths.length) {
                newLengths = java.util.Arrays.copyOf(newLengths, newRuns * 2);
                newAuthors = java.util.Arrays.copyOf(newAuthors, newRuns * 2);
            }
            newLengths[newRuns] = n;
            newAuthors[newRuns] = who;
            newRuns++;
        }

        /** The rest of the document is kept (a rich-text delta may stop before the end). */
        void finish() {
            while (index < oldRuns) {
                add(oldLengths[index] - used, oldAuthors[index]);
                index++;
                used = 0;
            }
            lengths = newLengths;
            authors = newAuthors;
            runs = newRuns;
        }
    }
}
