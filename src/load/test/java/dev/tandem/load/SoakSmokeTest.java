package dev.tandem.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short soak against a real node (embedded PostgreSQL, real sockets): 24 seconds of typing
 * in a few documents while users leave (cut or closed) and come back every second, typing on while
 * offline. Nothing fails, no operation is lost or duplicated, every copy converges, and memory is
 * sampled (of this JVM, which hosts the node; far too short to judge flatness, which is the
 * 30-minute run's job: scripts/soak, docs/BENCHMARKS.md).
 */
class SoakSmokeTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void churnedUsersLoseNothingAndEveryCopyConverges(@TempDir Path out) throws Exception {
        Vertx vertx = Vertx.vertx();
        TandemNode node = TestNodes.start(vertx, TestNodes.options(TestNodes.newDatabaseUrl()));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SoakResult r;
        try {
            r = new Soak(SoakOptions.parse("--url", "http://127.0.0.1:" + node.port(), "--minutes", "0.4",
                    "--docs", "8", "--rate", "3", "--churn-per-s", "2", "--offline-min-ms", "200", "--offline-max-ms", "1500",
                    "--warmup", "2", "--sample-seconds", "2", "--settle-seconds", "20",
                    "--server-pid", Long.toString(ProcessHandle.current().pid()),
                    "--max-heap-slope", "1000000", "--max-rss-slope", "1000000", "--out", out.toString()),
                    new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        } finally {
            TestNodes.stop(node);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        String line = r.summaryLine();
        String text = log.toString(StandardCharsets.UTF_8) + "\n" + line;
        assertEquals(0, r.errorCount(), text);
        assertEquals(0, r.ledger().lost(), text);
        assertEquals(0, r.ledger().duplicated(), text);
        assertTrue(r.converged(), r.convergenceNote() + "\n" + text);
        assertTrue(r.ledger().acks() > 200, "16 users x 3/s x 24 s, some composed while one is in flight: " + text);
        assertEquals(r.ledger().acks(), r.ledger().revisions(), text);

        Churn.Counts churn = r.churn();
        assertTrue(churn.churned() >= 25, "about 2 a second for 24 s: " + churn);
        assertTrue(churn.cut() > 0 && churn.closed() > 0, "both ways of leaving: " + churn);
        assertEquals(churn.churned(), churn.back(), "everyone who left came back: " + churn);
        assertTrue(r.everyoneBack(), text);

        assertTrue(r.memory().size() >= 4, "a sample at the start and every 2 s or so (jcmd takes its time): " + r.memory());
        assertTrue(r.memory().stream().allMatch(m -> m.heapBytes() > 0 && m.rssBytes() > 0), r.memory().toString());
        assertTrue(!Double.isNaN(r.heapSlope()) && !Double.isNaN(r.rssSlope()), text);
        assertTrue(r.ok(), SoakMain.why(r) + "\n" + text);
        assertTrue(line.matches("soak minutes=[\\d.]+ ops=\\d+ errors=0 lost=0 duplicated=0 converged=true "
                + "heap_start_mib=[\\d.]+ heap_end_mib=[\\d.]+ heap_slope_mib_per_10min=-?[\\d.]+ rss_start_mib=\\d+ "
                + "rss_end_mib=\\d+ rss_slope_mib_per_10min=-?[\\d.]+ churned=\\d+ .* flat=true ok=true"), line);

        JsonObject json = new JsonObject(Files.readString(out.resolve("soak.json")));
        assertEquals(line, json.getString("summary"));
        assertEquals(r.memory().size(), json.getJsonObject("memory").getJsonArray("samples").size());
        for (String f : new String[] {"soak-memory.svg", "soak-load.svg", "soak-latency.svg"}) {
            assertTrue(Files.size(out.resolve(f)) > 200, f);
        }
    }
}
