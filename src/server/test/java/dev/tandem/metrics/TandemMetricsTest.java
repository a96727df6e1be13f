package dev.tandem.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.gateway.CloseCause;
import dev.tandem.gateway.GatewayMetrics;
import dev.tandem.presence.RedisMetrics;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.sequencer.SequencerMetrics;
import dev.tandem.server.Scrape;
import dev.tandem.storage.GroupCommitter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The meters behind each reporting interface, read back through the Prometheus text they produce. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TandemMetricsTest {

    @Test
    void everyReportLandsInItsMeter() {
        try (TandemMetrics m = TandemMetrics.create("unit", true)) {
            m.gateway().connectionOpened("websocket");
            m.gateway().connectionOpened("websocket");
            m.gateway().connectionClosed("websocket", CloseCause.NO_PONG);
            m.gateway().opAccepted(TimeUnit.MILLISECONDS.toNanos(3));
            m.gateway().opRejected(ErrorCode.RATE_LIMITED);
            m.gateway().opRejected(ErrorCode.RATE_LIMITED);
            m.gateway().presenceRelayed(-4); // skewed clocks
            m.sequencers().documentLoaded(TimeUnit.MILLISECONDS.toNanos(30), 7);
            m.sequencers().queueDepth(12);
            m.sequencers().duplicate();
            m.commits().batchCommitted(40, TimeUnit.MILLISECONDS.toNanos(4));
            m.commits().batchFailed(3, new RuntimeException("gone"));
            m.redis().redisError("roster.update");

            Scrape s = Scrape.parse(m.scrape());
            assertEquals(1, s.sum("tandem_connections", "transport", "websocket", "node", "unit"));
            assertEquals(1, s.sum("websocket_connection_drops_total", "transport", "websocket", "cause", "no_pong"));
            assertEquals(1, s.sum("tandem_connections_closed_total", "cause", "no_pong"));
            assertEquals(1, s.sum("tandem_ops_accepted_total"));
            assertEquals(1, s.sum("tandem_op_latency_seconds_bucket", "le", "0.005"));
            assertEquals(0, s.sum("tandem_op_latency_seconds_bucket", "le", "0.002"));
            assertEquals(2, s.sum("tandem_ops_rejected_total", "code", "RATE_LIMITED"));
            assertEquals(1, s.sum("tandem_presence_latency_seconds_bucket", "le", "0.001"));
            assertEquals(1, s.sum("document_load_time_seconds_bucket", "le", "0.05"));
            assertEquals(0, s.sum("document_load_time_seconds_bucket", "le", "0.025"));
            assertEquals(7, s.sum("tandem_document_load_revisions_sum"));
            assertEquals(12, s.sum("tandem_sequencer_queue_depth_max"));
            assertEquals(1, s.sum("tandem_ops_duplicate_total"));
            assertEquals(40, s.sum("tandem_pg_commit_batch_size_sum"));
            assertEquals(1, s.sum("tandem_pg_commit_seconds_count"));
            assertEquals(1, s.sum("tandem_pg_commit_failures_total"));
            assertEquals(3, s.sum("tandem_pg_commit_failed_revisions_total"));
            assertEquals(1, s.sum("tandem_redis_errors_total", "operation", "roster.update"));
        }
    }

    @Test
    void disabledMetricsHandOutTheNoOpReporters() {
        try (TandemMetrics m = TandemMetrics.create("off", false)) {
            assertFalse(m.enabled());
            assertSame(GatewayMetrics.NONE, m.gateway());
            assertSame(SequencerMetrics.NONE, m.sequencers());
            assertSame(GroupCommitter.CommitListener.NONE, m.commits());
            assertSame(RedisMetrics.NONE, m.redis());
            assertTrue(m.registry().isEmpty());
            assertEquals("", m.scrape());
        }
    }
}
