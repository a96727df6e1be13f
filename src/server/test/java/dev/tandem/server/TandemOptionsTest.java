package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The node's command line: environment and flags, refusals, and the help that README.md copies. */
class TandemOptionsTest {

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverTheDefaults() {
        assertEquals(8080, TandemOptions.parse(Map.of(), new String[0]).gateway().port());
        assertEquals(9090, TandemOptions.parse(Map.of("TANDEM_HTTP_PORT", " 9090 "), new String[0]).gateway().port());
        TandemOptions both = TandemOptions.parse(Map.of("TANDEM_HTTP_PORT", "9090", "TANDEM_NODE_ID", "env"),
                new String[] {"--http-port", "9191"});
        assertEquals(9191, both.gateway().port());
        assertEquals("env", both.nodeId());
        assertTrue(TandemOptions.parse(Map.of("TANDEM_CLUSTER", "yes"), new String[0]).cluster().enabled());
    }

    @Test
    void unknownFlagsAndMissingValuesAreRefused() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> TandemOptions.parse(Map.of(), new String[] {"--http-prot", "1"}));
        assertTrue(typo.getMessage().contains("--http-prot") && typo.getMessage().contains("did you mean --http-port"),
                typo.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TandemOptions.parse(Map.of(), new String[] {"--http-port"}));
        assertTrue(missing.getMessage().contains("--http-port"), missing.getMessage());
        IllegalArgumentException stray = assertThrows(IllegalArgumentException.class,
                () -> TandemOptions.parse(Map.of(), new String[] {"8080"}));
        assertTrue(stray.getMessage().contains("'8080'"), stray.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> TandemOptions.parse(Map.of("TANDEM_HTTP_PORT", "70000"), new String[0]));
        assertEquals("TANDEM_HTTP_PORT: invalid value '70000': must be from 0 to 65535", range.getMessage());

        // Snapshot spacing: 0 (keep every snapshot) up to 100,000,000; negative or junk is refused by name.
        assertEquals(0, TandemOptions.parse(Map.of(), new String[] {"--compaction-snapshot-spacing", "0"}).history().snapshotSpacing());
        assertEquals(10_000, TandemOptions.parse(Map.of(), new String[0]).history().snapshotSpacing());
        IllegalArgumentException spacing = assertThrows(IllegalArgumentException.class,
                () -> TandemOptions.parse(Map.of(), new String[] {"--compaction-snapshot-spacing", "-1"}));
        assertTrue(spacing.getMessage().contains("--compaction-snapshot-spacing"), spacing.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TandemOptions.parse(Map.of("TANDEM_COMPACTION_SNAPSHOT_SPACING", "lots"), new String[0]));
    }

    @Test
    void theReadmeTableListsExactlyTheFlagsOfTheHelpWithTheirVariables() throws Exception {
        String usage = TandemOptions.usage();
        Pattern row = Pattern.compile("(?m)^\\| `(--[a-z-]+)` \\| `(TANDEM_[A-Z_]+)` \\|");
        Matcher m = row.matcher(Files.readString(Path.of("README.md")));
        Set<String> inReadme = new TreeSet<>();
        while (m.find()) {
            inReadme.add(m.group(1));
            assertTrue(Pattern.compile("(?m)^  " + m.group(1) + " \\S+ +" + m.group(2) + " ").matcher(usage).find(),
                    m.group(1) + " with " + m.group(2) + " in --help:\n" + usage);
        }
        Set<String> inHelp = new TreeSet<>();
        Matcher h = Pattern.compile("(?m)^  (--[a-z-]+) ").matcher(usage);
        while (h.find()) {
            inHelp.add(h.group(1));
        }
        assertEquals(inHelp, inReadme, "README.md's configuration table and --help");
    }
}
