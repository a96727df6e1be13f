package dev.tandem.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load tools' HTTP calls against servers that hang: one that accepts and never answers, one
 * that sends the headers of a response and never ends its body (how a load run once hung for
 * good in {@code ServerProbe.scrape}). A probe that fails is reported and skipped; REST calls fail
 * with an error instead of waiting forever.
 */
// A hung HTTP read ignores interrupts: the test runs in a thread of its own so the timeout can end it.
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnresponsiveServerTest {

    /** A server on 127.0.0.1 that accepts connections and writes {@code answer} (maybe nothing), then nothing more. */
    private static final class HangingServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        HangingServer(String answer) throws IOException {
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        accepted.add(s);
                        requests.add(readHead(s));
                        OutputStream out = s.getOutputStream();
                        out.write(answer.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "hanging-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static String readHead(Socket s) throws IOException {
            StringBuilder head = new StringBuilder();
            var in = s.getInputStream();
            while (head.length() < 8192 && !head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            return head.toString();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private static final String HEADERS_ONLY = "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 100000\r\n\r\n"
            + "# HELP process_cpu_usage\nprocess_cpu_usage 0.5\n";

    @Test
    void aProbeOfAServerThatNeverAnswersIsReportedAndSkipped() throws Exception {
        for (String answer : List.of("", HEADERS_ONLY)) {
            try (HangingServer server = new HangingServer(answer)) {
                ServerProbe probe = new ServerProbe(List.of(server.url()), List.of(), Duration.ofMillis(500));
                long t0 = System.nanoTime();
                ServerProbe.Sample first = probe.sample();
                ServerProbe.Sample second = probe.sample(); // still asked: one failure does not end the probing
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertEquals(-1, first.heapUsedBytes());
                assertEquals(-1, second.jvmCpuCores());
                assertEquals(2, probe.failedScrapes(), "answer: " + answer);
                assertTrue(probe.lastFailure().contains(server.url()), probe.lastFailure());
                assertTrue(tookMs < 10_000, "two samples took " + tookMs + " ms");
                // Plain HTTP/1.1: no attempt to upgrade the connection to HTTP/2 (h2c).
                assertTrue(server.requests.stream().allMatch(r -> r.startsWith("GET /metrics HTTP/1.1")
                        && !r.toLowerCase(java.util.Locale.ROOT).contains("upgrade")), server.requests.toString());
            }
        }
    }

    @Test
    void aRestCallToAServerThatNeverAnswersFails() throws Exception {
        for (String answer : List.of("", HEADERS_ONLY)) {
            try (HangingServer server = new HangingServer(answer)) {
                Rest rest = new Rest(server.url(), Duration.ofMillis(500));
                assertThrows(IOException.class, () -> rest.content("doc"));
                assertThrows(IOException.class, () -> rest.createAll(List.of("a", "b"), "text"));
            }
        }
    }
}
