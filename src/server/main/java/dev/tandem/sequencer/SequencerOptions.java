package dev.tandem.sequencer;

import dev.tandem.ot.sequencer.SequencerLimits;
import io.vertx.core.json.JsonObject;

/** Configuration of the sequencers of a node. */
public final class SequencerOptions {
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000L;
    public static final int DEFAULT_HISTORY_WINDOW = SequencerLimits.DEFAULTS.historyWindow();
    public static final long DEFAULT_HISTORY_KEEP_MILLIS = SequencerLimits.DEFAULTS.historyKeepMillis();
    public static final int DEFAULT_MAX_CATCH_UP = SequencerLimits.DEFAULTS.maxCatchUp();
    public static final int DEFAULT_MAX_DOCUMENT_LENGTH = SequencerLimits.DEFAULTS.maxDocumentLength();
    public static final int DEFAULT_SNAPSHOT_EVERY = SequencerLimits.DEFAULTS.snapshotEvery();
    public static final int DEFAULT_MAX_CLIENTS = SequencerLimits.DEFAULTS.maxClients();

    private long idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS;
    private int historyWindow = DEFAULT_HISTORY_WINDOW;
    private long historyKeepMillis = DEFAULT_HISTORY_KEEP_MILLIS;
    private int maxCatchUp = DEFAULT_MAX_CATCH_UP;
    private int maxDocumentLength = DEFAULT_MAX_DOCUMENT_LENGTH;
    private int snapshotEvery = DEFAULT_SNAPSHOT_EVERY;
    private int maxClients = DEFAULT_MAX_CLIENTS;

    public SequencerOptions() {
    }

    public SequencerOptions(JsonObject json) {
        idleTimeoutMs = json.getLong("idleTimeoutMs", DEFAULT_IDLE_TIMEOUT_MS);
        historyWindow = json.getInteger("historyWindow", DEFAULT_HISTORY_WINDOW);
        historyKeepMillis = json.getLong("historyKeepMillis", DEFAULT_HISTORY_KEEP_MILLIS);
        maxCatchUp = json.getInteger("maxCatchUp", DEFAULT_MAX_CATCH_UP);
        maxDocumentLength = json.getInteger("maxDocumentLength", DEFAULT_MAX_DOCUMENT_LENGTH);
        snapshotEvery = json.getInteger("snapshotEvery", DEFAULT_SNAPSHOT_EVERY);
        maxClients = json.getInteger("maxClients", DEFAULT_MAX_CLIENTS);
    }

    public SequencerLimits limits() {
        return new SequencerLimits(historyWindow, maxCatchUp, maxDocumentLength, snapshotEvery, maxClients, historyKeepMillis);
    }

    public long idleTimeoutMs() {
        return idleTimeoutMs;
    }

    public SequencerOptions setIdleTimeoutMs(long idleTimeoutMs) {
        if (idleTimeoutMs < 1) {
            throw new IllegalArgumentException("idle timeout must be positive");
        }
        this.idleTimeoutMs = idleTimeoutMs;
        return this;
    }

    public long historyKeepMillis() {
        return historyKeepMillis;
    }

    public SequencerOptions setHistoryKeepMillis(long historyKeepMillis) {
        this.historyKeepMillis = Math.max(0, historyKeepMillis);
        return this;
    }

    public SequencerOptions setHistoryWindow(int historyWindow) {
        this.historyWindow = historyWindow;
        limits();
        return this;
    }

    public SequencerOptions setMaxCatchUp(int maxCatchUp) {
        this.maxCatchUp = maxCatchUp;
        limits();
        return this;
    }

    public SequencerOptions setMaxDocumentLength(int maxDocumentLength) {
        this.maxDocumentLength = maxDocumentLength;
        limits();
        return this;
    }

    public SequencerOptions setSnapshotEvery(int snapshotEvery) {
        this.snapshotEvery = snapshotEvery;
        limits();
        return this;
    }

    public SequencerOptions setMaxClients(int maxClients) {
        this.maxClients = maxClients;
        limits();
        return this;
    }

    public JsonObject toJson() {
        return new JsonObject().put("idleTimeoutMs", idleTimeoutMs).put("historyWindow", historyWindow).put("historyKeepMillis", historyKeepMillis)
                .put("maxCatchUp", maxCatchUp).put("maxDocumentLength", maxDocumentLength)
                .put("snapshotEvery", snapshotEvery).put("maxClients", maxClients);
    }
}
