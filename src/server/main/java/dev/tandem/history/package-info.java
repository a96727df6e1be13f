/**
 * History people can use: the timeline grouped into editing sessions, a document as it was at any
 * kept revision, what changed between two, who wrote which part, and the background compaction
 * of old history ({@link dev.tandem.history.HistoryCompactor}). Type-neutral: everything that
 * depends on what a document holds goes through its {@link dev.tandem.ot.DocumentType}.
 */
package dev.tandem.history;
