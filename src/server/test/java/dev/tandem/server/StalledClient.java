package dev.tandem.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a bare socket that says hello, opens a document and then never reads
 * again: the kernel's buffers fill and the server must notice. A tiny receive buffer makes
 * that happen after kilobytes rather than megabytes.
 */
final class StalledClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;

    StalledClient(int port, String clientId, String doc) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        out = socket.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        sendText("{\"type\":\"hello\",\"v\":1,\"clientId\":\"" + clientId + "\"}");
        sendText("{\"type\":\"open\",\"doc\":\"" + doc + "\"}");
        // Read the handshake and the replies up to "opened", then never again.
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[65536];
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf("\"opened\"") < 0) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("the server closed before \"opened\"; saw: " + seen);
            }
            seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
    }

    /** A masked client text frame (RFC 6455 5.3: clients must mask). */
    private void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
