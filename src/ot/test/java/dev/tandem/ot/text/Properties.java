package dev.tandem.ot.text;

import java.util.Random;
import java.util.function.LongConsumer;

/**
 * A minimal seeded property runner: runs a check for {@code tries} seeds drawn from a fixed
 * master seed, so every run tries the same cases and a failure names the seed that replays it.
 */
public final class Properties {
    private Properties() {
    }

    public static void forAll(long masterSeed, int tries, LongConsumer check) {
        Random master = new Random(masterSeed);
        for (int i = 0; i < tries; i++) {
            long seed = master.nextLong();
            try {
                check.accept(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property failed for seed " + seed + " (try " + i + " of master seed "
                        + masterSeed + "): " + e.getMessage(), e);
            }
        }
    }
}
