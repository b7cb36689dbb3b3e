package dev.pennant.ui;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Layer rules: the engine never sees JavaFX; views reach the engine only through view-models. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pennant");

    @Test
    void coreImportsNoJavaFx() {
        noClasses().that().resideInAPackage("dev.pennant.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fair_acc..", "atlantafx..",
                        "org.controlsfx..", "org.kordamp..", "dev.pennant.ui..", "dev.pennant.app..")
                .check(CLASSES);
    }

    @Test
    void viewsTouchTheEngineOnlyThroughViewModels() {
        noClasses().that().resideInAPackage("dev.pennant.ui.view..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.pennant.core.engine..", "dev.pennant.core.execution..", "dev.pennant.core.exchange..",
                        "dev.pennant.core.marketdata..", "dev.pennant.core.persistence..", "dev.pennant.core.risk..",
                        "dev.pennant.core.strategy..", "dev.pennant.core.portfolio..", "dev.pennant.core.backtest..",
                        "dev.pennant.core.ai..", "dev.pennant.core.vault..", "dev.pennant.core.analytics..")
                .check(CLASSES);
    }

    @Test
    void viewModelsDoNotBuildViews() {
        noClasses().that().resideInAPackage("dev.pennant.ui.viewmodel..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pennant.ui.view..", "io.fair_acc..")
                .check(CLASSES);
    }
}
