package dev.tandem.history;

import io.vertx.core.json.JsonObject;

/** How long history is kept revision by revision, and how the background compaction runs. */
public final class HistoryOptions {
    /** Revisions younger than this are never compacted: 30 days. */
    public static final long DEFAULT_RETENTION_MILLIS = 30L * 24 * 3600 * 1000;
    /** Consecutive revisions of one author within this span become one: a minute of typing. */
    public static final long DEFAULT_RUN_MILLIS = 60_000;
    /** Rows one batch reads and rewrites, in one transaction. */
    public static final int DEFAULT_BATCH_ROWS = 2_000;
    /** Pause between batches while there is work, so compaction never crowds out the edits. */
    public static final long DEFAULT_PAUSE_MILLIS = 200;
    /** Wait before looking for work again once everything is compacted. */
    public static final long DEFAULT_INTERVAL_MILLIS = 60_000;
    /** Documents examined per query when looking for work. */
    public static final int DEFAULT_SCAN_PAGE = 200;
    public static final boolean DEFAULT_COMPACTION = true;
    /**
     * Old history keeps one snapshot per this many revisions (0: every snapshot). The sequencers
     * write one every 200 revisions, each a copy of the whole document, so a long-lived document's
     * snapshots outweigh its revisions; reading an old version replays at most this many.
     */
    public static final long DEFAULT_SNAPSHOT_SPACING = 10_000;

    private long retentionMillis = DEFAULT_RETENTION_MILLIS;
    private long runMillis = DEFAULT_RUN_MILLIS;
    private int batchRows = DEFAULT_BATCH_ROWS;
    private long pauseMillis = DEFAULT_PAUSE_MILLIS;
    private long intervalMillis = DEFAULT_INTERVAL_MILLIS;
    private int scanPage = DEFAULT_SCAN_PAGE;
    private boolean compaction = DEFAULT_COMPACTION;
    private long snapshotSpacing = DEFAULT_SNAPSHOT_SPACING;

    public HistoryOptions() {
    }

    public HistoryOptions(JsonObject json) {
        setRetentionMillis(json.getLong("retentionMillis", DEFAULT_RETENTION_MILLIS));
        setRunMillis(json.getLong("runMillis", DEFAULT_RUN_MILLIS));
        setBatchRows(json.getInteger("batchRows", DEFAULT_BATCH_ROWS));
        setPauseMillis(json.getLong("pauseMillis", DEFAULT_PAUSE_MILLIS));
        setIntervalMillis(json.getLong("intervalMillis", DEFAULT_INTERVAL_MILLIS));
        setScanPage(json.getInteger("scanPage", DEFAULT_SCAN_PAGE));
        setCompaction(json.getBoolean("compaction", DEFAULT_COMPACTION));
        setSnapshotSpacing(json.getLong("snapshotSpacing", DEFAULT_SNAPSHOT_SPACING));
    }

    public JsonObject toJson() {
        return new JsonObject().put("retentionMillis", retentionMillis).put("runMillis", runMillis)
                .put("batchRows", batchRows).put("pauseMillis", pauseMillis).put("intervalMillis", intervalMillis)
                .put("scanPage", scanPage).put("compaction", compaction).put("snapshotSpacing", snapshotSpacing);
    }

    public long retentionMillis() {
        return retentionMillis;
    }

    public HistoryOptions setRetentionMillis(long v) {
        this.retentionMillis = atLeast("retention", v, 0);
        return this;
    }

    public long snapshotSpacing() {
        return snapshotSpacing;
    }

    public HistoryOptions setSnapshotSpacing(long v) {
        this.snapshotSpacing = atLeast("snapshot spacing", v, 0);
        return this;
    }

    public long runMillis() {
        return runMillis;
    }

    public HistoryOptions setRunMillis(long v) {
        this.runMillis = atLeast("run span", v, 0);
        return this;
    }

    public int batchRows() {
        return batchRows;
    }

    public HistoryOptions setBatchRows(int v) {
        this.batchRows = (int) atLeast("batch rows", v, 2);
        return this;
    }

    public long pauseMillis() {
        return pauseMillis;
    }

    public HistoryOptions setPauseMillis(long v) {
        this.pauseMillis = atLeast("pause", v, 1);
        return this;
    }

    public long intervalMillis() {
        return intervalMillis;
    }

    public HistoryOptions setIntervalMillis(long v) {
        this.intervalMillis = atLeast("interval", v, 1);
        return this;
    }

    public int scanPage() {
        return scanPage;
    }

    public HistoryOptions setScanPage(int v) {
        this.scanPage = (int) atLeast("scan page", v, 1);
        return this;
    }

    /** Whether this node runs the background compaction (one node at a time does, whichever gets the lock). */
    public boolean compaction() {
        return compaction;
    }

    public HistoryOptions setCompaction(boolean v) {
        this.compaction = v;
        return this;
    }

    private static long atLeast(String what, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", got " + v);
        }
        return v;
    }
}
