/**
 * The load generator: DESIGN.md's workloads (W1 busy doc, W2 many docs, W3 max throughput, W4
 * presence storm, W5 crowd) run by simulated users inside one process against running nodes,
 * with latencies in HdrHistogram on one clock, and reports in JSON, HTML and SVG
 * ({@link dev.tandem.load.LoadMain}, {@code scripts/loadtest}); the one-node scale test
 * ({@link dev.tandem.load.ScaleMain}, {@code scripts/scale-test}); and the soak, W2's load for
 * half an hour with client churn ({@link dev.tandem.load.SoakMain}, {@code scripts/soak}).
 *
 * <p>Pieces: {@code Workload} (the table of DESIGN.md), {@code SimUser} (a person with a caret),
 * {@code LoadConnection} (a lean WebSocket connection hosting the client library's
 * {@code DocumentModel}, so client-side OT is the library's own), {@code Swarm} (all users of a run,
 * and the convergence check), {@code LatencyRecorder} and {@code Sampler} (figures per second),
 * {@code ServerProbe} and {@code HeapMeter} (the server's CPU and memory), {@code WorkloadRunner}
 * (one run from start to end), {@code Report}, {@code Charts} and {@code SvgChart} (the reports);
 * for the soak {@code Churn} (users leaving and coming back), {@code OpLedger} (lost operations
 * counted) and {@code Trend} (whether memory stays flat).
 */
package dev.tandem.load;
