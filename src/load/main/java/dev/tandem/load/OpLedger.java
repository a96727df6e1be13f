package dev.tandem.load;

import java.util.List;
import java.util.Map;

/**
 * Counts lost and duplicated operations at the end of a run, document by document, from what
 * the users sent and had confirmed ({@link SimUser.Tally}) and the revisions the server holds:
 *
 * <pre>
 *   server: head - start           = revisions committed during the run
 *   users:  sum of acks            = submissions the server confirmed
 *           sum of submissions     = distinct submissions sent (a resubmission reuses its seq)
 *
 *   lost       = submissions never confirmed + confirmed ones the server does not hold
 *                + unconfirmed edits a model had to drop (editsLost)
 *   duplicated = revisions no acknowledgement accounts for + acknowledgements beyond submissions
 * </pre>
 *
 * Both are zero when every operation made it exactly once. Edits typed offline are in the count
 * once they are sent; that nothing stayed unsent is the convergence check's part (every copy
 * synced and equal to the server's text), so the two together account for every keystroke.
 */
final class OpLedger {
    private OpLedger() {
    }

    /** The whole run's count; {@code firstProblem} names the first document that did not add up, or is null. */
    record Count(int docs, long revisions, long submissions, long acks, long lost, long duplicated, String firstProblem) {
        boolean clean() {
            return lost == 0 && duplicated == 0;
        }
    }

    /** Counts every document of {@code byDoc}; reads each user on its event loop and each document's head over REST. */
    static Count count(Map<String, List<SimUser>> byDoc, Rest rest) throws Exception {
        long revisions = 0;
        long submissions = 0;
        long acks = 0;
        long lost = 0;
        long duplicated = 0;
        String first = null;
        for (Map.Entry<String, List<SimUser>> e : byDoc.entrySet()) {
            long head = rest.content(e.getKey()).rev();
            long start = Long.MAX_VALUE;
            long sent = 0;
            long confirmed = 0;
            long dropped = 0;
            for (SimUser u : e.getValue()) {
                SimUser.Tally t = Swarm.read(u, u::tally);
                start = Math.min(start, t.startRevision()); // all opened before anyone typed: the same
                sent += t.submissions();
                confirmed += t.acks();
                dropped += t.editsLost();
            }
            long committed = head - start;
            long docLost = Math.max(0, sent - confirmed) + Math.max(0, confirmed - committed) + dropped;
            long docDuplicated = Math.max(0, committed - confirmed) + Math.max(0, confirmed - sent);
            if (first == null && docLost + docDuplicated > 0) {
                first = e.getKey() + ": " + committed + " revisions since " + start + ", " + sent + " submissions, "
                        + confirmed + " acknowledged, " + dropped + " times edits dropped";
            }
            revisions += committed;
            submissions += sent;
            acks += confirmed;
            lost += docLost;
            duplicated += docDuplicated;
        }
        return new Count(byDoc.size(), revisions, submissions, acks, lost, duplicated, first);
    }
}
