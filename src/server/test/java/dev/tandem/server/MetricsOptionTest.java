package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics switch: on by default, off by flag or environment. */
class MetricsOptionTest {

    @Test
    void metricsAreOnUnlessTurnedOff() {
        assertTrue(TandemOptions.parse(Map.of(), new String[0]).metrics());
        assertFalse(TandemOptions.parse(Map.of("TANDEM_METRICS", "false"), new String[0]).metrics());
        assertFalse(TandemOptions.parse(Map.of(), new String[] {"--metrics", "0"}).metrics());
        assertTrue(TandemOptions.parse(Map.of("TANDEM_METRICS", "false"), new String[] {"--metrics=true"}).metrics());
        assertThrows(IllegalArgumentException.class,
                () -> TandemOptions.parse(Map.of("TANDEM_METRICS", "maybe"), new String[0]));
        assertTrue(TandemOptions.usage().contains("TANDEM_METRICS"));
    }
}
