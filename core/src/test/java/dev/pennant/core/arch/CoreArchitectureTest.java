package dev.pennant.core.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The engine has no UI: no JavaFX (or any UI toolkit) import anywhere in core, and no System.out logging. The local
 * exchange simulator is a module of its own downstream of core (docs/decisions/0010): core neither holds it nor uses it.
 */
class CoreArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pennant.core");

    @Test
    void noJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
                .check(CORE);
    }

    @Test
    void logsThroughSlf4jNotStandardStreams() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(CORE);
    }

    @Test
    void modelDependsOnNothingElseInPennant() {
        noClasses().that().resideInAPackage("dev.pennant.core.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pennant.core.engine..", "dev.pennant.core.persistence..",
                        "dev.pennant.core.exchange..", "dev.pennant.core.execution..")
                .check(CORE);
    }

    @Test
    void simulatorLivesOutsideCore() {
        noClasses().should().resideInAPackage("dev.pennant.core.exchange.simulator..").check(CORE);
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.pennant.core.exchange.simulator..", "dev.pennant.simulator..")
                .check(CORE);
    }
}
