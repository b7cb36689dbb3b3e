package dev.pennant.simulator.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The simulator is a venue beside the engine (docs/decisions/0010): of Pennant it uses only the shared Binance
 * vocabulary of core, namely
 * <ul>
 *   <li>{@code dev.pennant.core.model}: {@code Market}, {@code Instrument} and its filters, {@code Bar},
 *       {@code Interval}, {@code Side}, {@code OrderType}, {@code FilterViolationException};</li>
 *   <li>{@code dev.pennant.core.exchange.binance}: {@code ExchangeInfoParser} / {@code ExchangeInfo} (recorded
 *       exchangeInfo), {@code RateLimit}, {@code EndpointWeights} (request weights), {@code BinanceSigner} (HMAC
 *       check);</li>
 *   <li>{@code dev.pennant.core.marketdata.KlineCsvImporter} and its result {@code KlineImport} (the recorded
 *       klines).</li>
 * </ul>
 * Nothing of the engine, execution, risk, persistence, the market-data clients or feeds, nor ui/app. Main classes
 * only; the tests here exercise core's clients against the simulator on purpose.
 */
class SimulatorArchitectureTest {

    private static final JavaClasses SIMULATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pennant.simulator");

    @Test
    void usesOnlyCoresModelBinanceVocabularyAndKlineImporter() {
        DescribedPredicate<JavaClass> allowed = resideInAnyPackage("dev.pennant.simulator..", "dev.pennant.core.model..",
                "dev.pennant.core.exchange.binance..").or(belongToAnyOf(KlineCsvImporter.class, KlineImport.class));
        noClasses().that().resideInAPackage("dev.pennant.simulator..")
                .should().dependOnClassesThat(resideInAPackage("dev.pennant..").and(not(allowed)))
                .check(SIMULATOR);
    }

    @Test
    void noJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
                .check(SIMULATOR);
    }

    @Test
    void writesNothingToTheStandardStreams() {
        // the app's simulate-exchange command owns the console; the simulator itself stays quiet (as it did in core)
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(SIMULATOR);
    }
}
