package dev.tandem.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PresenceThrottleTest {

    @Test
    void atMostTwentyASecondAndFasterChangesCoalesceIntoOneDelayedSend() {
        PresenceThrottle t = new PresenceThrottle(20);
        assertEquals(0, t.request(1000)); // first goes at once
        assertEquals(40, t.request(1010)); // 50 ms spacing: wait 40
        assertEquals(-1, t.request(1020)); // already planned: the planned send carries this state
        assertEquals(-1, t.request(1049));
        t.fired(1050);
        assertEquals(50, t.request(1050));
        t.fired(1100);
        assertEquals(0, t.request(1200)); // idle long enough: at once again
    }
}
