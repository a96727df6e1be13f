package dev.tandem.load;

/**
 * Three views of the server's memory per active document (W2, one node), -1 where unknown:
 * <ul>
 * <li>{@code heapPerDocBytes}: growth of the live heap (after full collections, {@code jcmd}) from
 * before the documents were created until they are open and edited, per document; it includes the
 * document's connections and sessions;
 * <li>{@code memoryPerActiveDocBytes}: the node's own {@code memory_per_active_doc} gauge at the end
 * of the measured window (heap after the last collection, less the baseline, per active document;
 * it errs high by the old-generation garbage no collection has freed yet);
 * <li>{@code rssGrowthPerDocBytes}: growth of the JVM's resident memory over the same span, per
 * document: what the operating system sees, which also counts heap the collector grew into
 * (garbage included), code compiled meanwhile, thread stacks and direct buffers.
 * </ul>
 */
record DocMemory(long heapPerDocBytes, long memoryPerActiveDocBytes, long rssGrowthPerDocBytes) {
    static final DocMemory NONE = new DocMemory(-1, -1, -1);
}
