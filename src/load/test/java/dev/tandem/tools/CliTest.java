package dev.tandem.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.ot.text.OperationJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliTest {

    @Test
    void describesAnOperationWithPositionsInTheChangingText() {
        assertEquals("+\"Hi\\n\" at 3, -2 at 11", Cli.describe(OperationJson.parse("[3,\"Hi\\n\",5,-2,1]")));
        assertEquals("(no change)", Cli.describe(OperationJson.parse("[4]")));
    }

    @Test
    void parsesItsArgumentsAndRefusesUnknownOnes() {
        assertEquals(Map.of("doc", "notes", "name", "Ana", "url", "http://127.0.0.1:9"),
                Cli.parse(new String[] {"--url", "http://127.0.0.1:9", "--doc", "notes", "--name", "Ana"}));
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"--name", "Ana"}));
        assertThrows(IllegalArgumentException.class, () -> Cli.parse(new String[] {"--doc", "x", "--bogus"}));
    }
}
