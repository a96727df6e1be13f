package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every meter is registered once: Micrometer warns ("This Gauge has been already registered")
 * when a second registration of the same name and tags is dropped, which also means one of the
 * two reporters shows nothing. A node as Main starts it (its own, instrumented Vert.x).
 */
class MetricsRegistrationTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aNodeStartLogsNoWarningFromMicrometer() throws Exception {
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        List<String> warnings;
        Scrape scrape;
        try (LogCapture log = new LogCapture()) {
            TandemNode node = TandemNode.start(options).await(60, TimeUnit.SECONDS);
            try {
                scrape = Scrape.of(node.vertx(), node.port());
            } finally {
                node.close(30, TimeUnit.SECONDS);
            }
            warnings = log.atLeast(Level.WARN).stream().filter(l -> l.contains("io.micrometer")).toList();
        }
        assertEquals(List.of(), warnings);
        // Both TCP clients are reported, each under its name (before, only the first registered
        // was). PostgreSQL's driver creates its client without a name: "".
        assertTrue(scrape.has("vertx_net_client_active_connections", "client_name", "tandem-redis"), scrape.text());
        assertEquals(2, scrape.matching("vertx_net_client_active_connections").size(), scrape.text());
    }
}
