package dev.tandem.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.protocol.ClientCodec;
import dev.tandem.protocol.ServerCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's shared decoding gives exactly what the client library's codec gives. */
class SharedDecodingTest {
    private static String op(long rev, String insert) {
        return "{\"type\":\"op\",\"doc\":\"d\",\"rev\":" + rev + ",\"op\":[3," + insert + ",2],\"client\":\"c-1\",\"seq\":" + rev + "}";
    }

    @Test
    void framesWithBracesQuotesAndEscapesInTextDecodeAsTheCodecDoes() {
        String tricky = "[" + op(1, "\"{\"") + "," + op(2, "\"]}\\\"\\\\\"") + " , "
                + "{\"type\":\"ack\",\"doc\":\"d\",\"seq\":4,\"rev\":3}," + op(4, "\"\\u007b[\"") + "]";
        assertEquals(ServerCodec.decodeFrame(tricky), LoadConnection.decode(tricky));
        assertEquals(4, ServerCodec.splitFrame(tricky).size());
        String single = "{\"type\":\"pong\",\"t\":5}";
        assertEquals(ServerCodec.decodeFrame(single), LoadConnection.decode(single));
    }

    @Test
    void theSameFrameOrOperationIsParsedOnce() {
        String a = "[" + op(10, "\"x\"") + "," + op(11, "\"y\"") + "]";
        List<?> first = LoadConnection.decode(a);
        assertSame(first, LoadConnection.decode(new String(a.toCharArray()))); // equal bytes, another string
        String b = "[" + op(11, "\"y\"") + "," + op(12, "\"z\"") + "]"; // another tick sharing revision 11
        assertSame(first.get(1), LoadConnection.decode(b).get(0));
        assertEquals(ServerCodec.decodeFrame(b), LoadConnection.decode(b));
    }

    @Test
    void malformedFramesFailAsInTheCodec() {
        for (String bad : new String[] {"[{\"type\":\"op\"", "[{}}]", "[1,2]", "[{\"type\":\"ack\"} {\"type\":\"ack\"}]", "nope"}) {
            assertThrows(RuntimeException.class, () -> LoadConnection.decode(bad), bad);
        }
        assertNull(ServerCodec.splitFrame("[{\"a\":1}"));
        assertNull(ServerCodec.splitFrame("[{\"a\":\"}\"]"));
    }
}
