package dev.tandem.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How long a document's tick is, by its audience on one event loop. */
class DocumentChannelTickTest {
    private static final long MS = 1_000_000L;

    @Test
    void smallDocumentsKeepTheShortTick() {
        assertEquals(5 * MS, DocumentChannel.tickNanos(1, 5 * MS, 20 * MS));
        assertEquals(5 * MS, DocumentChannel.tickNanos(Channels.CROWD, 5 * MS, 20 * MS));
    }

    @Test
    void aCrowdsTickGrowsWithItUpToTheCrowdTick() {
        assertEquals(10 * MS, DocumentChannel.tickNanos(2 * Channels.CROWD, 5 * MS, 20 * MS));
        assertEquals(15 * MS, DocumentChannel.tickNanos(3 * Channels.CROWD, 5 * MS, 20 * MS));
        assertEquals(20 * MS, DocumentChannel.tickNanos(5 * Channels.CROWD, 5 * MS, 20 * MS));
        assertEquals(20 * MS, DocumentChannel.tickNanos(100 * Channels.CROWD, 5 * MS, 20 * MS));
    }

    @Test
    void aCrowdTickShorterThanTheTickLeavesTheTick() {
        assertEquals(5 * MS, DocumentChannel.tickNanos(10 * Channels.CROWD, 5 * MS, 0));
        assertEquals(0, DocumentChannel.tickNanos(10 * Channels.CROWD, 0, 20 * MS));
    }
}
