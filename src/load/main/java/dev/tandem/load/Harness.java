package dev.tandem.load;

import dev.tandem.client.transport.Endpoint;
import io.vertx.core.Context;
import io.vertx.core.http.WebSocketClient;
import java.io.PrintStream;
import java.util.List;

/** What a workload run works with: the generator's sockets and event loops, the nodes, the options, and the server probes. */
record Harness(WebSocketClient sockets, List<Endpoint> endpoints, List<Context> contexts, LoadOptions options, Rest rest,
        ServerProbe probe, HeapMeter heap, PrintStream log, String runId) {
}
