package dev.tandem.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The recovery policy has one source, {@link ErrorCode}: this test exports it for the browser
 * client's tests (like the OT vectors) and holds docs/PROTOCOL.md's table to it.
 */
class RecoveryTableTest {
    static final Path OUTPUT = Path.of(System.getProperty("tandem.recoveryTable", "target/recovery/recovery.json"));
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (\\d+) \\| .* \\| ([a-z ]+) \\|$");

    @Test
    void exportsTheTableForTheBrowserClientsTests() throws IOException {
        ArrayNode table = Json.NODES.arrayNode();
        for (ErrorCode c : ErrorCode.values()) {
            table.addObject().put("code", c.name()).put("number", c.number()).put("recovery", c.recovery().name())
                    .put("resync", c.resync()).put("httpStatus", c.httpStatus());
        }
        Files.createDirectories(OUTPUT.getParent());
        Files.writeString(OUTPUT, Json.write(table));
        assertEquals(ErrorCode.values().length, Json.MAPPER.readTree(OUTPUT.toFile()).size());
    }

    @Test
    void theResyncFlagSaysExactlyWhenToRebuildFromASnapshot() {
        for (ErrorCode c : ErrorCode.values()) {
            assertEquals(c.recovery() == Recovery.RESYNC, c.resync(), c.name());
        }
        assertEquals(Recovery.RESYNC, Recovery.forUnknown(true));
        assertEquals(Recovery.REPORT, Recovery.forUnknown(false));
    }

    @Test
    void protocolMdListsEveryCodeWithItsNumberAndAction() throws IOException {
        Path doc = Path.of(System.getProperty("tandem.root", "."), "docs", "PROTOCOL.md");
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(doc)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                documented.put(m.group(1), m.group(2) + " " + m.group(3).replace(' ', '_').toUpperCase());
            }
        }
        Map<String, String> actual = new LinkedHashMap<>();
        for (ErrorCode c : ErrorCode.values()) {
            actual.put(c.name(), c.number() + " " + c.recovery().name());
        }
        assertEquals(actual, documented, "docs/PROTOCOL.md's error table and ErrorCode disagree");
    }
}
