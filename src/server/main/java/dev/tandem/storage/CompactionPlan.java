package dev.tandem.storage;

import dev.tandem.ot.DocumentType;
import dev.tandem.ot.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which rows of one batch of old history become one, and what replaces them: the pure part of
 * compaction, apart from the SQL that reads and writes the rows.
 *
 * <p>A run is a stretch of consecutive rows by one client whose seqs follow on without a gap, that
 * lies within {@code runMillis} and that has no kept boundary (a snapshot's or a named version's
 * revision) inside it: a boundary may only end a run, so the document at that revision can still
 * be rebuilt exactly. A run's operations are composed ({@link DocumentType#compose}) into the row
 * of its last revision, which keeps its seq (so the last seq and every earlier one still find
 * their revision) and takes the time of the run's first; the other rows are deleted.
 *
 * <pre>
 *   rev   5    6    7    8    9        client a typed 5..7 (seqs 11..13), b typed 8, a typed 9
 *         a11  a12  a13  b4   a14
 *   after           a13  b4   a14      rev 7 = compose(5, 6, 7), span 3 (seqs 11..13)
 * </pre>
 */
final class CompactionPlan {

    /** A row as read for compaction: the entry and the sizes PostgreSQL reports for it. */
    record StoredRow(HistoryEntry entry, long rowBytes, long opBytes) {
    }

    /** The row of a run's last revision, rewritten to stand for the whole run. */
    record Rewrite(long rev, int span, String op, long timeMillis) {
    }

    private final List<Rewrite> rewrites = new ArrayList<>();
    private final List<Long> deleted = new ArrayList<>();
    private long bytesReclaimed;
    private long lastExamined = -1;

    private CompactionPlan() {
    }

    /**
     * Plans the batch {@code rows} (in revision order, without gaps). Rows from the first one
     * sequenced at or after {@code olderThanMillis} on are left alone (clocks of different nodes
     * can disagree slightly, so a young row can sit between old ones).
     */
    static CompactionPlan of(DocumentType<?> type, List<StoredRow> rows, Set<Long> boundaries, long runMillis,
            long olderThanMillis) {
        CompactionPlan plan = new CompactionPlan();
        int start = 0;
        int n = 0;
        while (n < rows.size() && rows.get(n).entry().timeMillis() < olderThanMillis) {
            n++;
        }
        for (int i = 1; i <= n; i++) {
            if (i == n || !joins(rows.get(start), rows.get(i - 1), rows.get(i), boundaries, runMillis)) {
                plan.add(type, rows.subList(start, i));
                start = i;
            }
        }
        if (n > 0) {
            plan.lastExamined = rows.get(n - 1).entry().rev();
        }
        return plan;
    }

    private static boolean joins(StoredRow first, StoredRow previous, StoredRow next, Set<Long> boundaries, long runMillis) {
        HistoryEntry p = previous.entry();
        HistoryEntry e = next.entry();
        return e.clientId().equals(p.clientId())
                && e.firstRev() == p.rev() + 1
                && e.firstSeq() == p.seq() + 1
                && !boundaries.contains(p.rev())
                && e.timeMillis() - first.entry().timeMillis() <= runMillis
                && (long) p.span() + e.span() <= Integer.MAX_VALUE;
    }

    private void add(DocumentType<?> type, List<StoredRow> run) {
        if (run.size() < 2) {
            return;
        }
        Operation op = run.get(0).entry().op();
        int span = run.get(0).entry().span();
        for (int i = 1; i < run.size(); i++) {
            op = compose(type, op, run.get(i).entry().op());
            span += run.get(i).entry().span();
        }
        StoredRow last = run.get(run.size() - 1);
        String json = op.toJson();
        // The row takes the run's first time: a later batch that carries the run on measures
        // runMillis from the same start as one big batch would.
        rewrites.add(new Rewrite(last.entry().rev(), span, json, run.get(0).entry().timeMillis()));
        for (int i = 0; i < run.size() - 1; i++) {
            deleted.add(run.get(i).entry().rev());
            bytesReclaimed += run.get(i).rowBytes();
        }
        // The last row stays and grows: its operation now says what the whole run did (about as
        // long as the text typed, far shorter than the rows it replaces). A text value carries a
        // 1-byte length header up to 126 bytes, 4 bytes above.
        int utf8 = json.getBytes(StandardCharsets.UTF_8).length;
        long newOpBytes = utf8 + (utf8 < 127 ? 1 : 4);
        bytesReclaimed += last.opBytes() - newOpBytes;
    }

    @SuppressWarnings("unchecked")
    private static <O extends Operation> Operation compose(DocumentType<O> type, Operation first, Operation second) {
        return type.compose((O) first, (O) second);
    }

    /** Rows whose run ends with them, with their new operation and span. */
    List<Rewrite> rewrites() {
        return rewrites;
    }

    /** Revisions whose rows go: every revision of a run but its last. */
    List<Long> deleted() {
        return deleted;
    }

    long bytesReclaimed() {
        return bytesReclaimed;
    }

    /** The last revision this plan looked at (old enough), or -1 if none. */
    long lastExamined() {
        return lastExamined;
    }
}
