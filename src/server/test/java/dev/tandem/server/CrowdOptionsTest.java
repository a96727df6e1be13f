package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The crowd tick and the history by time: defaults, flags and environment, and refused values. */
class CrowdOptionsTest {

    @Test
    void defaultsAndValuesReachTheGatewayAndTheSequencer() {
        TandemOptions d = TandemOptions.parse(Map.of(), new String[0]);
        assertEquals(20, d.gateway().crowdBatchMs());
        assertEquals(10_000, d.sequencer().historyKeepMillis());
        assertEquals(10_000, d.sequencer().limits().historyKeepMillis());

        TandemOptions o = TandemOptions.parse(Map.of("TANDEM_HISTORY_SECONDS", "3"),
                new String[] {"--crowd-batch-ms", "40", "--batch-ms=8"});
        assertEquals(40, o.gateway().crowdBatchMs());
        assertEquals(3_000, o.sequencer().limits().historyKeepMillis());
        // A crowd tick shorter than the tick is the tick: a crowd never gets frames more often.
        TandemOptions shorter = TandemOptions.parse(Map.of(), new String[] {"--crowd-batch-ms", "2", "--batch-ms", "8"});
        assertEquals(8, shorter.gateway().crowdBatchMs());
        // 0 turns the history by time off: exactly --history-window revisions.
        assertEquals(0, TandemOptions.parse(Map.of(), new String[] {"--history-seconds", "0"})
                .sequencer().limits().historyKeepMillis());
    }

    @Test
    void malformedOrOutOfRangeValuesAreRefusedNamingTheSetting() {
        String[][] bad = {
            {"--crowd-batch-ms", "-1"}, {"--crowd-batch-ms", "1001"}, {"--crowd-batch-ms", "fast"},
            {"--history-seconds", "-5"}, {"--history-seconds", "3601"}, {"--history-seconds", "1e3"},
        };
        for (String[] args : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TandemOptions.parse(Map.of(), args), String.join(" ", args));
            assertTrue(e.getMessage().startsWith(args[0] + ": invalid value"), e.getMessage());
        }
        IllegalArgumentException env = assertThrows(IllegalArgumentException.class,
                () -> TandemOptions.parse(Map.of("TANDEM_CROWD_BATCH_MS", "soon"), new String[0]));
        assertTrue(env.getMessage().startsWith("TANDEM_CROWD_BATCH_MS"), env.getMessage());
    }
}
