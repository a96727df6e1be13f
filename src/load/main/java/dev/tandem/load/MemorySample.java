package dev.tandem.load;

/**
 * One sample of the node's memory during a soak: {@code minutes} since the first sample, the live
 * heap after a full collection and the process's resident set, in bytes (-1 when unknown).
 */
record MemorySample(double minutes, long heapBytes, long rssBytes) {
    double heapMiB() {
        return heapBytes < 0 ? -1 : heapBytes / 1048576.0;
    }

    double rssMiB() {
        return rssBytes < 0 ? -1 : rssBytes / 1048576.0;
    }
}
