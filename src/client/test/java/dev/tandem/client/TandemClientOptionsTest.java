package dev.tandem.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.client.transport.Transport;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class TandemClientOptionsTest {

    @Test
    void defaultsAreThoseDocumented() {
        TandemClientOptions o = new TandemClientOptions();
        assertEquals("http://127.0.0.1:8080", o.getUrl());
        assertEquals(Transport.WEBSOCKET, o.getTransport());
        assertEquals(20, o.getPresencePerSecond());
        assertEquals(-1, o.getReconnectAttempts());
        assertNull(o.getClientId());
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        TandemClientOptions o = new TandemClientOptions().setUrl("https://example.org").setTransport(Transport.SOCKJS)
                .setClientId("tab-0123456789").setUserName("Ana").setUserColor("#00897b").setReconnect(false)
                .setReconnectInitialDelayMs(10).setReconnectMaxDelayMs(99).setReconnectAttempts(3)
                .setPresencePerSecond(5).setTypingIdleMs(1500).setConnectTimeoutMs(700).setMaxMessageBytes(4096);
        assertEquals(o.toJson(), new TandemClientOptions(o.toJson()).toJson());
        assertEquals(Transport.SOCKJS, new TandemClientOptions(new JsonObject().put("transport", "sockjs")).getTransport());
    }

    @Test
    void severalUrlsRoundTripAndTheFirstIsTheUrl() {
        TandemClientOptions o = new TandemClientOptions().setUrls(java.util.List.of("http://a:1", "http://b:2"));
        assertEquals("http://a:1", o.getUrl());
        assertEquals(o.getUrls(), new TandemClientOptions(o.toJson()).getUrls());
        assertEquals(java.util.List.of("http://c:3"), new TandemClientOptions(o).setUrl("http://c:3").getUrls());
        assertThrows(IllegalArgumentException.class, () -> o.setUrls(java.util.List.of()));
        assertThrows(IllegalArgumentException.class, () -> o.setUrls(java.util.List.of("http://a:1", "nowhere")));
    }

    @Test
    void invalidValuesFailWhenSet() {
        TandemClientOptions o = new TandemClientOptions();
        assertThrows(IllegalArgumentException.class, () -> o.setClientId("short"));
        assertThrows(IllegalArgumentException.class, () -> o.setUserColor("red"));
        assertThrows(IllegalArgumentException.class, () -> o.setUrl("nowhere"));
        assertThrows(IllegalArgumentException.class, () -> o.setPresencePerSecond(0));
    }
}
