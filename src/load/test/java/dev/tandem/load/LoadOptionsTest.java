package dev.tandem.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generator's W5 options: how many authors keep the full client model. */
class LoadOptionsTest {

    @Test
    void everyTenthAuthorIsFullByDefaultAndTheRatioCanBeSet() {
        assertEquals(LoadOptions.DEFAULT_FULL_EVERY, LoadOptions.parse().fullEvery());
        assertEquals(10, LoadOptions.DEFAULT_FULL_EVERY);
        assertEquals(1, LoadOptions.parse("--full-every", "1").fullEvery());
        assertEquals(4, LoadOptions.parse("--full-every=4").fullEvery());
        assertTrue(LoadOptions.usage().contains("--full-every"));
    }

    @Test
    void aRatioThatIsNotAPositiveNumberIsRefused() {
        for (String bad : new String[] {"0", "-3", "ten", ""}) {
            assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--full-every", bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--full-every"));
    }

    @Test
    void coldWaitsForTheFirstWorkloadOfW1ToW4Only() {
        LoadOptions cold = LoadOptions.parse("--cold", "--workload", "W1");
        assertTrue(cold.cold());
        assertEquals(LoadOptions.DEFAULT_COLD_SECONDS, cold.coldSeconds());
        assertEquals(30, LoadOptions.DEFAULT_COLD_SECONDS);
        assertEquals(5, LoadOptions.parse("--cold", "--quick").coldSeconds());
        assertEquals(12, LoadOptions.parse("--cold", "--cold-seconds=12").coldSeconds());
        assertEquals(LoadOptions.DEFAULT_READY_TIMEOUT_SECONDS, cold.readyTimeoutSeconds());
        assertEquals(false, LoadOptions.parse().cold());
        assertTrue(LoadOptions.parse("--cold", "--workload", "W2,W5").cold(), "W5 after a cold W2 runs warm");
        IllegalArgumentException w5 = assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse("--cold", "--workload", "W5"));
        assertTrue(w5.getMessage().contains("--cold"), w5.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--cold", "--warmup", "5"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--cold-seconds", "0"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--ready-timeout", "-1"));
        assertTrue(LoadOptions.usage().contains("--cold ") && LoadOptions.usage().contains("--cold-seconds"));
    }
}
