package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.metrics.TandemMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /metrics} of a real node (its Vert.x instrumented as in production) after real traffic
 * over WebSocket and SockJS. Tests run one after another on one node, so each compares the
 * counters before and after what it does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static Vertx vertx;
    private static TandemNode node;

    @BeforeAll
    static void startNode() throws Exception {
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        TandemMetrics metrics = TandemMetrics.create(options.nodeId(), true);
        vertx = metrics.instrument(Vertx.builder().with(metrics.configure(new VertxOptions()))).build();
        node = TandemNode.start(vertx, options, metrics).await(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void metricsAreServedInPrometheusTextFormat() throws Exception {
        Http.Response r = Http.get(vertx, node.port(), "/metrics");
        assertEquals(200, r.status());
        Scrape s = Scrape.parse(r.text());
        assertTrue(r.text().contains("# TYPE websocket_connection_drops_total counter"), r.text());
        assertTrue(r.text().contains("# TYPE document_load_time_seconds histogram"), r.text());
        assertTrue(s.has("memory_per_active_doc_bytes"), "memory_per_active_doc");
        assertTrue(s.has("tandem_heap_baseline_bytes"), "heap baseline");
        for (String jvm : List.of("jvm_memory_used_bytes", "jvm_gc_live_data_size_bytes", "process_cpu_usage",
                "process_files_open_files", "process_files_max_files", "jvm_threads_live_threads")) {
            assertTrue(s.has(jvm), jvm);
        }
        assertTrue(s.has("tandem_connections", "transport", "websocket", "node", node.options().nodeId()));
        assertTrue(s.has("tandem_connections", "transport", "sockjs"));
    }

    @Test
    void contentTypeIsPrometheusText004() throws Exception {
        var client = vertx.createHttpClient();
        try {
            String type = client.request(io.vertx.core.http.HttpMethod.GET, node.port(), "127.0.0.1", "/metrics")
                    .compose(req -> req.send())
                    .map(resp -> resp.getHeader("content-type"))
                    .await(10, TimeUnit.SECONDS);
            assertEquals("text/plain; version=0.0.4; charset=utf-8", type);
        } finally {
            client.close();
        }
    }

    @Test
    void editsOverWebSocketAndSockJsShowUpInTheMetrics() throws Exception {
        String doc = "metrics-doc-" + IDS.incrementAndGet();
        Scrape before = Scrape.of(vertx, node.port());
        try (RawClient ws = RawClient.hello(vertx, node.port(), "ws-client-" + IDS.incrementAndGet());
                RawClient sj = sockJsHello("sj-client-" + IDS.incrementAndGet())) {
            ws.send(RawClient.open(doc, null, true));
            ws.expect("opened");
            sj.send(RawClient.open(doc, null, false));
            sj.expect("opened");
            ws.send(RawClient.submit(doc, 0, op("ab"), 1));
            ws.expect("ack");
            sj.send(RawClient.submit(doc, 1, op(2, "c"), 1));
            sj.expect("ack");
            sj.send(RawClient.submit(doc, 2, op(9, "x"), 2));
            sj.expectError("OPERATION_DOES_NOT_FIT");
            ws.send(RawClient.submit(doc, 2, op(3, true), 2));
            ws.expectError("INVALID_OPERATION");

            // Presence travels on its own, after the open: wait for it (and the last rejection) to be counted.
            Scrape during = Scrape.until(vertx, node.port(),
                    s -> delta(before, s, "tandem_ops_rejected_total", "code", "INVALID_OPERATION") >= 1
                            && delta(before, s, "tandem_presence_latency_seconds_count") >= 1
                            && s.sum("tandem_event_loop_lag_seconds_count") > 0,
                    "the gateway-side rejection, the presence relay and a first event-loop lag sample");
            assertEquals(1, delta(before, during, "tandem_connections", "transport", "websocket"));
            assertEquals(1, delta(before, during, "tandem_connections", "transport", "sockjs"));
            assertEquals(2, delta(before, during, "tandem_ops_accepted_total"));
            assertEquals(2, delta(before, during, "tandem_op_latency_seconds_count"));
            assertEquals(2, delta(before, during, "tandem_op_latency_seconds_bucket", "le", "+Inf"));
            assertEquals(1, delta(before, during, "tandem_ops_rejected_total", "code", "OPERATION_DOES_NOT_FIT"));
            assertEquals(1, delta(before, during, "tandem_sequencer_rejected_total", "code", "OPERATION_DOES_NOT_FIT"));
            assertEquals(1, delta(before, during, "document_load_time_seconds_count"));
            assertTrue(during.sum("tandem_active_documents") >= 1, "active documents");
            double perDoc = during.sum("memory_per_active_doc_bytes");
            assertTrue(Double.isFinite(perDoc) && perDoc >= 0, "memory per active document: " + perDoc);
            assertTrue(delta(before, during, "tandem_pg_commit_seconds_count") >= 1, "commits");
            assertEquals(2, delta(before, during, "tandem_pg_commit_batch_size_sum"), "revisions committed");
            assertTrue(delta(before, during, "tandem_sequencer_queue_depth_count") >= 3, "requests queued");
            assertEquals(1, delta(before, during, "tandem_ops_rejected_total", "code", "INVALID_OPERATION"));
            assertTrue(during.sum("tandem_event_loop_lag_seconds_count") > 0, "event-loop lag sampled");
            assertTrue(during.has("vertx_http_server_requests_total"), "Vert.x's own HTTP metrics");
            assertTrue(during.has("vertx_eventbus_published_total"), "Vert.x's own event-bus metrics");
            assertTrue(during.sum("vertx_http_server_active_ws_connections") >= 2, "Vert.x's WebSocket count");
            assertTrue(during.has("vertx_pool_in_use", "pool_type", "sql", "pool_name", "tandem-pg"), "the PostgreSQL pool");
        }
    }

    @Test
    void aClientThatVanishesWithoutCloseFrameCountsAsAWebSocketDrop() throws Exception {
        Scrape before = Scrape.of(vertx, node.port());
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
            socket.setSoTimeout(10_000);
            handshake(socket);
            sendText(socket.getOutputStream(), new JsonObject().put("type", "hello").put("v", 1)
                    .put("clientId", "vanishing-" + IDS.incrementAndGet()).encode());
            assertTrue(readText(socket.getInputStream()).contains("\"welcome\""), "welcome");
            Scrape.until(vertx, node.port(),
                    s -> delta(before, s, "tandem_connections", "transport", "websocket") == 1, "the connection");
            socket.setSoLinger(true, 0); // close resets the connection: no close frame, no FIN handshake
        }
        Scrape after = Scrape.until(vertx, node.port(),
                s -> delta(before, s, "websocket_connection_drops_total", "transport", "websocket") >= 1,
                "the drop to be counted");
        assertEquals(1, delta(before, after, "websocket_connection_drops_total", "transport", "websocket",
                "cause", "network"));
        assertEquals(1, delta(before, after, "websocket_connection_drops_total"));
        assertEquals(0, delta(before, after, "tandem_connections", "transport", "websocket"));
    }

    @Test
    void aNormalCloseIsNotADrop() throws Exception {
        Scrape before = Scrape.of(vertx, node.port());
        RawClient ws = RawClient.hello(vertx, node.port(), "leaving-ws-" + IDS.incrementAndGet());
        RawClient sj = sockJsHello("leaving-sj-" + IDS.incrementAndGet());
        ws.close();
        sj.close();
        Scrape after = Scrape.until(vertx, node.port(),
                s -> delta(before, s, "tandem_connections_closed_total", "cause", "client") >= 2, "both closes");
        assertEquals(1, delta(before, after, "tandem_connections_closed_total", "transport", "websocket", "cause", "client"));
        assertEquals(1, delta(before, after, "tandem_connections_closed_total", "transport", "sockjs", "cause", "client"));
        assertEquals(0, delta(before, after, "websocket_connection_drops_total"));
    }

    @Test
    void aConnectionTheServerRefusesIsADropWithItsCause() throws Exception {
        Scrape before = Scrape.of(vertx, node.port());
        try (RawClient c = RawClient.connect(vertx, node.port())) {
            c.send(new JsonObject().put("type", "hello").put("v", 99).put("clientId", "from-the-future"));
            c.expectError("UNSUPPORTED_VERSION");
        }
        Scrape after = Scrape.until(vertx, node.port(),
                s -> delta(before, s, "websocket_connection_drops_total", "cause", "protocol") >= 1, "the drop");
        assertEquals(1, delta(before, after, "websocket_connection_drops_total", "transport", "websocket",
                "cause", "protocol"));
        assertEquals(0, delta(before, after, "websocket_connection_drops_total", "cause", "network"));
    }

    @Test
    void restSubmissionsCountAsOperations() throws Exception {
        String doc = "rest-metrics-" + IDS.incrementAndGet();
        assertEquals(201, Http.post(vertx, node.port(), "/api/docs", new JsonObject().put("id", doc).encode()).status());
        Scrape before = Scrape.of(vertx, node.port());
        JsonObject submit = new JsonObject().put("client", "rest-client-1").put("seq", 1).put("base", 0)
                .put("op", op("hi"));
        assertEquals(200, Http.post(vertx, node.port(), "/api/docs/" + doc + "/ops", submit.encode()).status());
        assertEquals(409, Http.post(vertx, node.port(), "/api/docs/" + doc + "/ops",
                submit.copy().put("seq", 2).put("op", op(7, "x")).encode()).status());
        Scrape after = Scrape.of(vertx, node.port());
        assertEquals(1, delta(before, after, "tandem_ops_accepted_total"));
        assertEquals(1, delta(before, after, "tandem_ops_rejected_total", "code", "OPERATION_DOES_NOT_FIT"));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static JsonArray op(Object... parts) {
        return new JsonArray(List.of(parts));
    }

    private static RawClient sockJsHello(String clientId) throws Exception {
        RawClient c = RawClient.connectSockJs(vertx, node.port());
        c.send(new JsonObject().put("type", "hello").put("v", 1).put("clientId", clientId));
        c.expect("welcome");
        return c;
    }

    /** The client half of a WebSocket opening handshake (RFC 6455), by hand, so the test can then vanish. */
    private static void handshake(Socket socket) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + node.port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
    }

    /** One masked text frame (clients must mask), payload under 64 KiB. */
    private static void sendText(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    /** The payload of the next unfragmented frame from the server (servers do not mask). */
    private static String readText(InputStream in) throws IOException {
        int first = in.read();
        int len = in.read() & 0x7f;
        if (first < 0) {
            throw new IOException("connection closed");
        }
        if (len == 126) {
            len = (in.read() << 8) | in.read();
        } else if (len == 127) {
            throw new IOException("frame too large for this test");
        }
        return new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }
}
