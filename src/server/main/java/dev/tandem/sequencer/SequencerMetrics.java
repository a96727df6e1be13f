package dev.tandem.sequencer;

import dev.tandem.protocol.ErrorCode;

/** What sequencers report about themselves; the metrics layer implements it. */
public interface SequencerMetrics {
    SequencerMetrics NONE = new SequencerMetrics() {
    };

    default void documentLoaded(long nanos, int revisionsReplayed) {
    }

    default void documentUnloaded() {
    }

    default void queueDepth(int depth) {
    }

    default void duplicate() {
    }

    default void rejected(ErrorCode code) {
    }
}
