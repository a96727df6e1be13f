package dev.tandem.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.text.OperationJson;
import dev.tandem.client.TandemClientOptions;
import dev.tandem.client.transport.Transport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class CliTest {

    @Test
    void describesAnOperationWithPositionsInTheChangingText() {
        assertEquals("+\"Hi\\n\" at 3, -2 at 11", Cli.describe(OperationJson.parse("[3,\"Hi\\n\",5,-2,1]")));
        assertEquals("(no change)", Cli.describe(OperationJson.parse("[4]")));
    }

    @Test
    void parsesItsArgumentsAndRefusesUnknownOnes() {
        Cli cli = Cli.parse("--url", "http://127.0.0.1:9", "--doc", "notes", "--name", "Ana", "--transport", "sockjs");
        assertEquals("notes", cli.docId());
        assertTrue(cli.create());
        TandemClientOptions options = cli.clientOptions();
        assertEquals("http://127.0.0.1:9", options.getUrl());
        assertEquals("Ana", options.getUserName());
        assertEquals(Transport.SOCKJS, options.getTransport());
        assertFalse(Cli.parse("--doc", "x", "--no-create").create());
        assertThrows(ParameterException.class, () -> Cli.parse("--name", "Ana"), "--doc is required");
        assertThrows(ParameterException.class, () -> Cli.parse("--doc", "x", "--bogus"));
        assertThrows(ParameterException.class, () -> Cli.parse("--doc", "x", "--transport", "carrier-pigeon"));
    }
}
