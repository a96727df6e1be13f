package dev.tandem.load;

/** One step of the crowd workload (W5): {@code authors} typing for a step, whether it held the SLO, and its CPU cost. */
record CrowdStep(int authors, long samples, double e2eP50, double e2eP99, double e2eMax, double opsPerSecond,
        long errors, boolean held, CpuCost cost) {
}
