package dev.tandem.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written against RFC 6455 on a plain socket, for tests that must send what
 * no well-behaved client library sends: a frame far over the server's limit, invalid UTF-8 in a
 * text frame. Reads the server's frames until it closes, to see whether a close frame came.
 */
final class WireSocket implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    /** What {@link #closeCode} returns when the connection ended without a close frame. */
    static final int NO_CLOSE_FRAME = 1006;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private WireSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code /ws} on 127.0.0.1 and completes the opening handshake. */
    static WireSocket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(15_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String head = readHead(s.getInputStream());
        if (!head.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("no upgrade: " + head);
        }
        return new WireSocket(s);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < 8192) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake: " + head);
            }
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        throw new IOException("handshake response too long");
    }

    /** Sends one frame, masked as a client must. */
    void send(int opcode, boolean fin, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) (((long) payload.length >>> shift) & 0xff));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        try {
            out.write(f.toByteArray());
            out.flush();
        } catch (IOException closedMeanwhile) {
            // the server may close while a huge frame is still being written; the reader sees how
        }
    }

    void sendText(String text) throws IOException {
        send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads frames until the server's close frame (its code) or the end of the connection ({@link #NO_CLOSE_FRAME}). */
    int closeCode() throws IOException {
        while (true) {
            int b0;
            try {
                b0 = in.read();
            } catch (SocketTimeoutException e) {
                throw new IOException("the server neither closed nor said anything for 15 s", e);
            } catch (IOException reset) {
                return NO_CLOSE_FRAME;
            }
            if (b0 < 0) {
                return NO_CLOSE_FRAME;
            }
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = new byte[(int) len]; // server frames are unmasked
            in.readFully(payload);
            if ((b0 & 0x0f) == CLOSE) {
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
            }
        }
    }

    /** The next text frame the server sends (skipping others), as a string. */
    String nextText() throws IOException {
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            if ((b0 & 0x0f) == TEXT) {
                return new String(payload, StandardCharsets.UTF_8);
            }
            if ((b0 & 0x0f) == CLOSE) {
                throw new EOFException("closed by the server");
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
