package dev.pennant.ui;

import atlantafx.base.theme.PrimerDark;
import dev.pennant.core.backtest.ReferenceBacktest;
import dev.pennant.core.backtest.optimize.StrategyObjective;
import dev.pennant.core.backtest.optimize.Trial;
import dev.pennant.core.backtest.optimize.TrialMetrics;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.strategy.ParameterSpec;
import dev.pennant.core.strategy.StrategyDefinition;
import dev.pennant.core.strategy.Strategies;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.view.BacktestLabView;
import dev.pennant.ui.view.MainView;
import dev.pennant.ui.viewmodel.BacktestLabViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optimising a v2 strategy ({@code reference}) in the Backtest Lab on recorded BTCUSDT 1h bars: the best trial's
 * figures equal a direct {@link StrategyObjective#evaluate} of its parameters, the shown backtest is that set, and the
 * heat map uses the chosen axes.
 */
class BacktestLabOptimiseStrategyTest {

    private static final Path FILE = SharedData.file("spot/klines/BTCUSDT/BTCUSDT-1h-20210408_20210607.gatrading.csv.gz");

    private final FxRobot robot = new FxRobot();
    private BacktestLabViewModel vm;

    @BeforeEach
    void start() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        Stage stage = FxToolkit.registerPrimaryStage();
        vm = new BacktestLabViewModel(null, 2);
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            Scene scene = new Scene(new BacktestLabView(vm).root(), 1400, 860);
            scene.getStylesheets().add(MainView.stylesheet());
            s.setScene(scene);
            s.show();
        });
    }

    @AfterEach
    void stop() throws Exception {
        vm.close();
        FxToolkit.hideStage();
        FxToolkit.cleanupStages();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    @Test
    void optimiseReferenceMatchesStrategyObjective() throws Exception {
        StrategyDefinition def = Strategies.byId("reference");
        List<String> names = def.parameters().stream().map(ParameterSpec::name).toList();
        robot.interact(() -> {
            vm.fileProperty().set(FILE);
            vm.strategyProperty().set("reference");
        });
        // the axes default to the first two parameters; the trader picks others
        assertThat(onFx(() -> List.copyOf(vm.heatAxes()))).isEqualTo(names);
        assertThat(onFx(() -> vm.heatXProperty().get())).isEqualTo(names.get(0));
        assertThat(onFx(() -> vm.heatYProperty().get())).isEqualTo(names.get(1));
        assertThat(onFx(() -> robot.lookup("#labMode").query().isDisabled())).isFalse();
        robot.interact(() -> {
            vm.modeProperty().set(BacktestLabViewModel.Mode.OPTIMIZE);
            vm.methodProperty().set("random");
            vm.trialsProperty().set("8");
            vm.heatXProperty().set(names.get(2));
            vm.heatYProperty().set(names.get(0));
        });
        robot.clickOn("#labRun");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> !vm.runningProperty().get()
                && (vm.statusProperty().get().startsWith("Done") || !vm.errorProperty().get().isEmpty())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.errorProperty().get()).isEmpty();

        Trial best = onFx(() -> vm.bestTrialProperty().get());
        assertThat(best).isNotNull();
        assertThat(StrategyObjective.accepts(def, best.parameters())).isTrue();
        KlineImport data = new KlineCsvImporter().read(FILE);
        EngineConfig ref = ReferenceBacktest.config(EngineConfig.defaults(data.symbol(), data.interval()).instrument(),
                data.interval());
        EngineConfig base = new EngineConfig(ref.instrument(), ref.interval(), new BigDecimal("10000"), ref.feeRate(),
                ref.strategy(), ref.risk());
        TrialMetrics direct = new StrategyObjective(def, base).evaluate(best.parameters(), data.bars());
        assertThat(best.metrics()).isEqualTo(direct);
        BacktestLabViewModel.TrialLine top = onFx(() -> vm.trialLines().getFirst());
        assertThat(top.trades()).isEqualTo(direct.trades());
        assertThat(top.returnPct()).isEqualTo(String.format(Locale.ROOT, "%+.2f %%", direct.totalReturn() * 100));
        assertThat(onFx(() -> robot.lookup("#labTrialTable").queryAs(TableView.class).getItems().size())).isEqualTo(8);
        // the shown backtest is the best set rerun
        String finalEquity = onFx(() -> vm.metrics().stream().filter(m -> m.label().equals("Final equity")).findFirst()
                .orElseThrow().value());
        assertThat(finalEquity).isEqualTo(String.format(Locale.ROOT, "%,.2f", direct.finalEquity()));

        BacktestLabViewModel.Heat heat = onFx(() -> vm.heatProperty().get());
        assertThat(heat.x()).isEqualTo(names.get(2));
        assertThat(heat.y()).isEqualTo(names.get(0));
        ParameterSpec xSpec = def.parameters().get(2);
        assertThat(heat.xs()).isNotEmpty();
        assertThat(java.util.Arrays.stream(heat.xs()).boxed().toList()).allSatisfy(v -> assertThat(v).isBetween(xSpec.min(), xSpec.max()));
        assertThat(heat.xs()).contains(((Number) best.parameters().values().get(names.get(2))).doubleValue());
        assertThat(onFx(() -> robot.lookup("#labHeatMap").queryAs(GridPane.class).getChildren().size())).isGreaterThan(1);
    }
}
