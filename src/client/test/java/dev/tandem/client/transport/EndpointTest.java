package dev.tandem.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void httpUrlsBecomeWebSocketEndpoints() {
        assertEquals(new Endpoint("127.0.0.1", 8080, false, ""), Endpoint.parse("http://127.0.0.1:8080"));
        assertEquals(new Endpoint("example.org", 443, true, "/tandem"), Endpoint.parse("https://example.org/tandem/"));
        assertEquals("/tandem/ws", Endpoint.parse("wss://example.org/tandem").connectOptions(Transport.WEBSOCKET, 1000).getURI());
    }

    @Test
    void sockJsPathsNameAServerAndASession() {
        String uri = Endpoint.parse("http://127.0.0.1:8080").connectOptions(Transport.SOCKJS, 1000).getURI();
        assertTrue(uri.matches("/sockjs/[0-9]{3}/[0-9a-z]+/websocket"), uri);
    }

    @Test
    void otherSchemesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("ftp://127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("127.0.0.1:8080"));
    }
}
