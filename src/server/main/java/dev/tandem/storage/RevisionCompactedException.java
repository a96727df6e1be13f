package dev.tandem.storage;

/**
 * A revision asked for exactly lies inside a stretch of history that compaction joined into one
 * row: the document is kept only as it was before the stretch ({@code keptBefore}) and after it
 * ({@code keptAfter}).
 */
public final class RevisionCompactedException extends RuntimeException {
    private final long rev;
    private final long keptBefore;
    private final long keptAfter;

    public RevisionCompactedException(long rev, long keptBefore, long keptAfter) {
        super("revision " + rev + " was compacted into the revisions " + (keptBefore + 1) + ".." + keptAfter
                + " of one author; the nearest kept revisions are " + keptBefore + " and " + keptAfter);
        this.rev = rev;
        this.keptBefore = keptBefore;
        this.keptAfter = keptAfter;
    }

    public long rev() {
        return rev;
    }

    public long keptBefore() {
        return keptBefore;
    }

    public long keptAfter() {
        return keptAfter;
    }
}
