package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The WebSocket close codes of docs/PROTOCOL.md for input no protocol message can be made of:
 * 1009 for a frame or message far over the limit, 1007 for a text frame that is not UTF-8.
 * Sent byte by byte on a plain socket, so the client library's own checks cannot interfere.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseCodesTest {
    private static final int LIMIT = 4096;
    private static Vertx vertx;
    private static TandemNode node;

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        options.gateway().setMaxMessageBytes(LIMIT);
        node = TestNodes.start(vertx, options);
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aFrameFarOverTheLimitIsAnsweredWithClose1009() throws Exception {
        try (WireSocket ws = WireSocket.connect(node.port())) {
            byte[] huge = new byte[3 * LIMIT];
            Arrays.fill(huge, (byte) 'x');
            ws.send(WireSocket.TEXT, true, huge);
            assertEquals(1009, ws.closeCode());
        }
    }

    @Test
    void aMessageFarOverTheLimitInSmallFramesIsAnsweredWithClose1009() throws Exception {
        try (WireSocket ws = WireSocket.connect(node.port())) {
            byte[] part = new byte[LIMIT / 2];
            Arrays.fill(part, (byte) ' ');
            ws.send(WireSocket.TEXT, false, part);
            for (int i = 0; i < 6; i++) {
                ws.send(WireSocket.CONTINUATION, false, part);
            }
            ws.send(WireSocket.CONTINUATION, true, part);
            assertEquals(1009, ws.closeCode());
        }
    }

    @Test
    void invalidUtf8InATextFrameIsAnsweredWithClose1007() throws Exception {
        try (WireSocket ws = WireSocket.connect(node.port())) {
            // "{" then 0xC3 0x28: a two-byte sequence whose second byte is not a continuation byte.
            ws.send(WireSocket.TEXT, true, new byte[] {'{', (byte) 0xC3, '(', '}'});
            assertEquals(1007, ws.closeCode());
        }
    }

    @Test
    void aCharacterSplitAcrossFramesIsStillValidUtf8() throws Exception {
        try (WireSocket ws = WireSocket.connect(node.port())) {
            byte[] hello = ("{\"type\":\"hello\",\"v\":1,\"clientId\":\"utf8-split-client\","
                    + "\"user\":{\"name\":\"Zo\u00eb\"}}").getBytes(StandardCharsets.UTF_8);
            int split = indexOf(hello, (byte) 0xC3) + 1; // between the two bytes of the e with diaeresis
            ws.send(WireSocket.TEXT, false, Arrays.copyOfRange(hello, 0, split));
            ws.send(WireSocket.CONTINUATION, true, Arrays.copyOfRange(hello, split, hello.length));
            String reply = ws.nextText();
            assertTrue(reply.contains("\"welcome\""), reply);
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no byte " + b);
    }
}
