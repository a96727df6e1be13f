package dev.tandem.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysGrowExponentiallyWithJitterAndNeverPassTheCap() {
        Backoff b = new Backoff(100, 5000);
        Random r = new Random(1);
        for (int attempt = 0; attempt < 200; attempt++) {
            long step = Math.min(5000, attempt < 40 ? 100L << attempt : Long.MAX_VALUE);
            long d = b.delay(attempt, r);
            assertTrue(d >= step / 2 && d <= step, "attempt " + attempt + " gave " + d);
        }
    }

    @Test
    void jitterSpreadsClientsDroppedTogether() {
        Backoff b = new Backoff(1000, 1000);
        Random r = new Random(7);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 100; i++) {
            long d = b.delay(0, r);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(max - min > 200, "delays between " + min + " and " + max);
    }
}
