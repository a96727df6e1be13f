package dev.tandem.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The soak's flatness judgement: a least-squares slope over the second half, robust to noise. */
class TrendTest {

    @Test
    void aSteadyLeakUnderNoiseIsFoundAndAFlatLineIsNot() {
        Random random = new Random(0);
        List<MemorySample> leaking = new ArrayList<>();
        List<MemorySample> flat = new ArrayList<>();
        for (int i = 0; i <= 180; i++) {
            double minutes = i / 6.0; // every 10 s for 30 minutes
            double noise = random.nextGaussian() * 3 * 1048576; // a few MiB in flight at any sample
            long climbingAtFirst = (long) (Math.min(minutes, 5) * 20 * 1048576); // warm-up growth, then level
            leaking.add(new MemorySample(minutes, (long) (200 * 1048576 + minutes * 1048576 + noise), 800L << 20));
            flat.add(new MemorySample(minutes, (long) (200 * 1048576 + climbingAtFirst + noise), -1));
        }
        double leak = 10 * Trend.slope(leaking, MemorySample::minutes, MemorySample::heapMiB, 15);
        assertEquals(10, leak, 1.5, "1 MiB a minute is 10 per 10 minutes");
        double level = 10 * Trend.slope(flat, MemorySample::minutes, MemorySample::heapMiB, 15);
        assertTrue(Math.abs(level) < 1.5, "the warm-up's growth is outside the second half: " + level);
        assertEquals(0, Trend.slope(leaking, MemorySample::minutes, MemorySample::rssMiB, 15), 1e-9);
        assertTrue(Double.isNaN(Trend.slope(flat, MemorySample::minutes, MemorySample::rssMiB, 15)), "unknown values");
        assertTrue(Double.isNaN(Trend.slope(flat.subList(0, 2), MemorySample::minutes, MemorySample::heapMiB, 0)),
                "too few points");
    }
}
