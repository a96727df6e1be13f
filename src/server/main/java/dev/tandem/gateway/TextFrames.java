package dev.tandem.gateway;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Joins a WebSocket's frames into messages and holds them to RFC 6455: a text message must be
 * UTF-8 (else close 1007) and no message may grow past {@code maxBytes} (else close 1009).
 *
 * <p>Vert.x's {@code textMessageHandler} would do the joining, but it decodes invalid UTF-8 into
 * U+FFFD without a word, so the protocol saw a malformed message where the transport was broken.
 * Ping, pong and close frames are left to Vert.x, which answers them itself.
 */
final class TextFrames {

    /** Where whole messages go. */
    interface Sink {
        void text(String message);

        void binary();

        /** The client broke the transport's rules: close the connection for {@code cause}. */
        void violation(CloseCause cause);
    }

    private final int maxBytes;
    private final Sink sink;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private Buffer partial; // the fragments so far of an unfinished message
    private boolean binary;
    private boolean broken; // a violation was reported: ignore whatever still arrives

    TextFrames(int maxBytes, Sink sink) {
        this.maxBytes = maxBytes;
        this.sink = sink;
    }

    void frame(WebSocketFrame f) {
        if (broken) {
            return;
        }
        Buffer data;
        if (f.isText() || f.isBinary()) {
            binary = f.isBinary();
            data = f.binaryData();
            partial = null;
        } else if (f.isContinuation() && partial != null) {
            data = partial.appendBuffer(f.binaryData());
        } else {
            return;
        }
        if (data.length() > maxBytes) {
            fail(CloseCause.MESSAGE_TOO_BIG);
            return;
        }
        if (!f.isFinal()) {
            partial = partial == null ? data.copy() : data;
            return;
        }
        partial = null;
        if (binary) {
            sink.binary();
            return;
        }
        String text;
        try {
            text = utf8.reset().decode(ByteBuffer.wrap(data.getBytes())).toString();
        } catch (CharacterCodingException e) {
            fail(CloseCause.INVALID_UTF8);
            return;
        }
        sink.text(text);
    }

    /**
     * The WebSocket decoder refused a frame (Netty closes nothing itself, as Vert.x configures
     * it; Vert.x drops the TCP connection right after): answer with the close code it chose.
     */
    void decoderFailed(Throwable e) {
        if (e instanceof CorruptedWebSocketFrameException c && !broken) {
            int code = c.closeStatus().code();
            fail(code == 1009 ? CloseCause.MESSAGE_TOO_BIG : code == 1007 ? CloseCause.INVALID_UTF8 : CloseCause.BAD_FRAME);
        }
    }

    private void fail(CloseCause cause) {
        broken = true;
        partial = null;
        sink.violation(cause);
    }
}
