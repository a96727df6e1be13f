package dev.tandem.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.server.Http;
import dev.tandem.server.TandemNode;
import dev.tandem.server.TandemOptions;
import dev.tandem.server.TestNodes;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator's quick mode against a real node (embedded PostgreSQL, real sockets): every
 * workload runs for a few seconds, converges, and reports sane figures. The full-size runs stay
 * outside the test suite (scripts/loadtest, docs/BENCHMARKS.md).
 */
class LoadSmokeTest {
    private static final Pattern LINE = Pattern.compile(
            "workload=W\\d users=\\d+ ops=\\d+ e2e_p50_ms=[\\d.]+ e2e_p99_ms=[\\d.]+ ack_p99_ms=[\\d.]+ ops_per_s=\\d+ converged=true.*");

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void quickModeRunsEveryWorkloadConvergesAndWritesItsReports(@TempDir Path out) throws Exception {
        Vertx vertx = Vertx.vertx();
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        options.sequencer().setIdleTimeoutMs(2000); // W7 opens its board again once the node has unloaded it
        TandemNode node = TestNodes.start(vertx, options);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<WorkloadResult> results;
        try {
            results = LoadMain.run(LoadOptions.parse("--quick", "--workload", "all", "--no-progress",
                    "--url", "http://127.0.0.1:" + node.port(), "--out", out.toString()),
                    new PrintStream(log, true, StandardCharsets.UTF_8));
        } finally {
            TestNodes.stop(node);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(7, results.size(), text);
        for (WorkloadResult r : results) {
            String line = r.summaryLine();
            assertTrue(LINE.matcher(line).matches(), line);
            assertTrue(text.contains(line), "printed: " + line);
            assertTrue(r.converged(), line + " " + r.convergenceNote());
            assertFalse(r.series().isEmpty(), line);
        }
        WorkloadResult w1 = results.get(0);
        assertEquals(10, w1.users());
        assertTrue(w1.ops() > 50, w1.summaryLine()); // 10 users x 5/s x 3 s = 150 expected
        assertTrue(w1.e2e().getTotalCount() >= w1.ops(), "each op reaches the 9 others: " + w1.summaryLine());
        assertTrue(LatencyRecorder.ms(w1.e2e(), 50) > 0 && LatencyRecorder.ms(w1.e2e(), 99) < 10_000, w1.summaryLine());
        assertEquals(0, w1.errorCount(), w1.summaryLine());
        WorkloadResult w2 = results.get(1);
        assertEquals(40, w2.users(), w2.summaryLine());
        assertTrue(w2.ops() > 20, w2.summaryLine());
        WorkloadResult w3 = results.get(2);
        assertTrue(w3.ops() > 100 && w3.ack().getTotalCount() > 100, w3.summaryLine());
        WorkloadResult w4 = results.get(3);
        assertEquals(0, w4.ops(), w4.summaryLine());
        assertTrue(w4.presence().getTotalCount() > 100, w4.summaryLine());
        assertTrue(w4.summaryLine().matches(".* presence_p99_ms=[\\d.]+ .*"), w4.summaryLine());
        WorkloadResult w5 = results.get(4);
        assertFalse(w5.steps().isEmpty(), w5.summaryLine());
        assertEquals(5, w5.steps().get(0).authors());
        assertTrue(w5.steps().get(0).samples() > 0, w5.summaryLine());
        assertTrue(w5.summaryLine().matches(".* max_authors=\\d+ .*"), w5.summaryLine());
        WorkloadResult w6 = results.get(5);
        assertEquals(10, w6.users(), w6.summaryLine());
        assertTrue(w6.ops() > 200, "10 people x 20 drags/s x 3 s, batched while one is in flight: " + w6.summaryLine());
        assertTrue(w6.e2e().getTotalCount() > w6.ops(), "each drag reaches the 9 others: " + w6.summaryLine());
        assertTrue(w6.presence().getTotalCount() > 200, "pointers: " + w6.summaryLine());
        assertEquals(0, w6.errorCount(), w6.summaryLine());
        assertTrue(w6.summaryLine().matches(".* pointer_p50_ms=[\\d.]+ pointer_p99_ms=[\\d.]+ .*"), w6.summaryLine());
        WorkloadResult w7 = results.get(6);
        assertEquals(1000.0, w7.figures().get("board_objects"), w7.summaryLine());
        assertTrue(w7.figures().get("document_load_ms") > 0, "a cold load measured by the node: " + w7.summaryLine());
        assertTrue(w7.figures().get("open_ms") > 0, w7.summaryLine());
        assertTrue(w7.ops() > 50 && w7.e2e().getTotalCount() > 0, w7.summaryLine());
        assertEquals(0, w7.errorCount(), w7.summaryLine());
        assertTrue(w7.summaryLine().matches(".* document_load_ms=[\\d.]+ .*"), w7.summaryLine());
        for (String f : List.of("report.json", "report.html", "W1-latency.svg", "W1-histogram.svg", "W4-latency.svg",
                "W5-steps.svg", "W3-cpu.svg")) {
            assertTrue(Files.size(out.resolve(f)) > 200, f);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg") && !html.contains("<script"), "self-contained HTML with inline SVG");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void quickModeTypesAndFormatsRichTextAndConverges(@TempDir Path out) throws Exception {
        Vertx vertx = Vertx.vertx();
        TandemNode node = TestNodes.start(vertx, TestNodes.options(TestNodes.newDatabaseUrl()));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<WorkloadResult> results;
        String richDoc;
        try {
            results = LoadMain.run(LoadOptions.parse("--quick", "--workload", "W1,W3", "--doc-type", "rich-text",
                    "--no-progress", "--url", "http://127.0.0.1:" + node.port(), "--out", out.toString()),
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            // The documents are rich text on the server, and the users' format changes are in them.
            Http.Response list = Http.get(vertx, node.port(), "/api/docs?limit=1000");
            richDoc = list.body().getJsonArray("docs").stream().map(d -> (io.vertx.core.json.JsonObject) d)
                    .filter(d -> d.getString("id").contains("-W1-")).findFirst().orElseThrow().getString("id");
            Http.Response doc = Http.get(vertx, node.port(), "/api/docs/" + richDoc);
            assertEquals("rich-text", doc.body().getString("type"), doc.text());
            assertTrue(doc.text().contains("\"attributes\":{\"bold\":true}") || doc.text().contains("\"attributes\":{\"italic\":true}"),
                    doc.text());
        } finally {
            TestNodes.stop(node);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(2, results.size(), text);
        for (WorkloadResult r : results) {
            assertTrue(LINE.matcher(r.summaryLine()).matches(), r.summaryLine());
            assertTrue(r.converged(), r.summaryLine() + " " + r.convergenceNote());
            assertEquals(0, r.errorCount(), r.summaryLine());
        }
        assertTrue(results.get(0).ops() > 50 && results.get(0).e2e().getTotalCount() >= results.get(0).ops(),
                results.get(0).summaryLine());
        assertTrue(results.get(1).ops() > 100, results.get(1).summaryLine());
    }
}
