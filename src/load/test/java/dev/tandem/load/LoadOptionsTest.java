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
}
