package dev.tandem.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture of docs/ARCHITECTURE.md, checked on the compiled classes of every module (this
 * module's tests see them all): no package cycles, each module only on the modules below it, and
 * Vert.x internals only behind the two adapters. Maven itself refuses module cycles.
 */
class ArchitectureTest {
    private static final String[] SERVER = {"dev.tandem.gateway..", "dev.tandem.sequencer..", "dev.tandem.storage..",
        "dev.tandem.cluster..", "dev.tandem.presence..", "dev.tandem.limits..", "dev.tandem.metrics..", "dev.tandem.bus..",
        "dev.tandem.server..", "dev.tandem.vertx..", "dev.tandem.history.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // Main classes only: not this module's tests, nor the other modules' test jars.
        ImportOption mainOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(mainOnly).importPackages("dev.tandem");
    }

    @Test
    void everyModulesMainClassesAreImportedAndNoTests() {
        for (String name : new String[] {"dev.tandem.ot.text.TextOperation", "dev.tandem.protocol.ClientCodec",
            "dev.tandem.client.TandemClient", "dev.tandem.server.TandemNode", "dev.tandem.load.LoadMain"}) {
            org.junit.jupiter.api.Assertions.assertTrue(classes.contain(name), name);
        }
        org.junit.jupiter.api.Assertions.assertFalse(classes.contain("dev.tandem.server.TestNodes"), "test fixtures are not checked");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.tandem.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theOtCoreDependsOnNothingButTheJdkJacksonAndTheDiffLibrary() {
        // dev.tandem.trace (the editing-trace reader) lives in the OT module too.
        noClasses().that().resideInAnyPackage("dev.tandem.ot..", "dev.tandem.trace..").should().dependOnClassesThat()
                .resideOutsideOfPackages("dev.tandem.ot..", "dev.tandem.trace..", "java..", "com.fasterxml.jackson..",
                        "com.github.difflib..")
                .check(classes);
    }

    @Test
    void theProtocolDependsOnNothingButTheJdkAndJackson() {
        noClasses().that().resideInAPackage("dev.tandem.protocol..").should().dependOnClassesThat()
                .resideOutsideOfPackages("dev.tandem.protocol..", "java..", "com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void theClientLibraryKnowsNoServerOrTool() {
        noClasses().that().resideInAPackage("dev.tandem.client..").should().dependOnClassesThat()
                .resideInAnyPackage(concat(SERVER, "dev.tandem.load..", "dev.tandem.tools..", "dev.tandem"))
                .check(classes);
    }

    @Test
    void theServerKnowsNoClientOrTool() {
        noClasses().that().resideInAnyPackage(SERVER).should().dependOnClassesThat()
                .resideInAnyPackage("dev.tandem.client..", "dev.tandem.load..", "dev.tandem.tools..")
                .check(classes);
    }

    @Test
    void vertxInternalsOnlyBehindTheAdapters() {
        noClasses().that().doNotHaveSimpleName("VertxInternals").should().dependOnClassesThat()
                .resideInAnyPackage("io.vertx.core.internal..", "io.vertx.core.impl..")
                .check(classes);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
