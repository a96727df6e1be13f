package dev.tandem.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.server.TandemNode;
import dev.tandem.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cold} against a real node: the first workload reports its first seconds after ready
 * apart from the rest (latencies, per-second series, CPU per operation) in the result, the summary
 * line, report.json and report.html; the second workload of the run is an ordinary warm one.
 * CPU figures come from this very JVM's /proc entry (node and generator share it here).
 */
class ColdRunTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theFirstSecondsAfterReadyAreReportedApartWithCpuPerOperation(@TempDir Path out) throws Exception {
        Vertx vertx = Vertx.vertx();
        TandemNode node = TestNodes.start(vertx, TestNodes.options(TestNodes.newDatabaseUrl()));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<WorkloadResult> results;
        try {
            results = LoadMain.run(LoadOptions.parse("--quick", "--cold", "--cold-seconds", "3", "--workload", "W1,W4",
                    "--no-progress", "--url", "http://127.0.0.1:" + node.port(), "--out", out.toString(),
                    "--server-pid", Long.toString(ProcessHandle.current().pid())),
                    new PrintStream(log, true, StandardCharsets.UTF_8));
        } finally {
            TestNodes.stop(node);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(2, results.size(), text);
        WorkloadResult w1 = results.get(0);
        ColdWindow cold = w1.cold();
        assertNotNull(cold, text);
        assertTrue(cold.typingAfterReadySeconds() >= 0 && cold.typingAfterReadySeconds() < 3, "connected soon after ready: " + cold);
        assertTrue(cold.seconds() + cold.typingAfterReadySeconds() >= 3 - 0.1, "the window reaches 3 s after ready: " + cold);
        assertTrue(cold.ops() > 0 && cold.e2e().getTotalCount() > 0, "typing in the cold window: " + cold.ops());
        assertFalse(cold.series().isEmpty(), "a per-second series of the window");
        assertTrue(cold.series().stream().allMatch(p -> p.cold() && !p.measured()), "its seconds are flagged cold");
        assertTrue(w1.series().stream().noneMatch(p -> !p.cold() && !p.measured()), "a cold run has no warm-up seconds");
        assertTrue(w1.ops() > 0 && w1.e2e().getTotalCount() > 0, "the rest is measured as well");
        // Every recorded latency belongs to exactly one of the two windows.
        long perSecond = w1.series().stream().filter(TimePoint::cold).count();
        assertEquals(cold.series().size(), perSecond);

        assertTrue(cold.cost().acked() > 0 && cold.cost().acked() <= cold.ops(),
                "the cost counts the window's operations: " + cold.cost() + " vs " + cold.ops());
        assertTrue(cold.cost().jvmMicrosPerOp() > 0, "CPU per op in the cold window: " + cold.cost());
        assertTrue(w1.cost().jvmMicrosPerOp() > 0 && w1.cost().nodeMicrosPerOp() >= w1.cost().jvmMicrosPerOp(),
                "the node's tree includes the JVM: " + w1.cost());
        assertTrue(w1.cost().deliveries() >= w1.cost().acked(), "each op reaches the nine others: " + w1.cost());
        assertTrue(w1.cost().jvmMicrosPerDelivery() > 0 && w1.cost().jvmMicrosPerDelivery() < w1.cost().jvmMicrosPerOp(),
                w1.cost().toString());

        String line = w1.summaryLine();
        for (String key : List.of("cold_e2e_p50_ms=", "cold_e2e_p99_ms=", "cold_ack_p99_ms=", "cold_ops_per_s=",
                "cold_jvm_us_per_op=", "jvm_us_per_op=", "node_us_per_op=", "jvm_us_per_delivery=", "node_us_per_delivery=",
                "ready_wait_s=")) {
            assertTrue(line.contains(" " + key), key + " in " + line);
        }
        assertTrue(text.contains(line), "printed: " + line);

        WorkloadResult w4 = results.get(1);
        assertNull(w4.cold(), "only the first workload meets the fresh node");
        assertTrue(w4.series().stream().anyMatch(p -> !p.cold() && !p.measured()), "the second one warms up as usual");
        assertTrue(w4.cost().nodeMicrosPerPresenceDelivery() > 0, w4.cost().toString());
        assertTrue(w4.summaryLine().contains(" node_us_per_presence_delivery="), w4.summaryLine());

        JsonObject json = new JsonObject(Files.readString(out.resolve("report.json")));
        JsonObject first = json.getJsonArray("workloads").getJsonObject(0);
        assertEquals(0, first.getInteger("warmupSeconds"));
        JsonObject coldJson = first.getJsonObject("cold");
        assertNotNull(coldJson, first.encodePrettily());
        assertTrue(coldJson.getJsonObject("e2eMs").getLong("count") > 0);
        assertEquals(cold.series().size(), coldJson.getJsonArray("series").size());
        assertTrue(coldJson.getJsonObject("cpu").getDouble("jvmMicrosPerOp") > 0);
        assertTrue(first.getJsonObject("cpu").getDouble("nodeMicrosPerDelivery") > 0);
        assertNull(json.getJsonArray("workloads").getJsonObject(1).getJsonObject("cold"));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Cold start: the first"), "report.html has the cold section");
        assertTrue(Files.size(out.resolve("W1-cold-latency.svg")) > 200);
        assertTrue(Files.size(out.resolve("W1-cold-cpu-per-op.svg")) > 200);
    }
}
