package dev.pennant.ui;

import atlantafx.base.theme.PrimerDark;
import dev.pennant.core.backtest.BacktestResult;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.backtest.ReferenceBacktest;
import dev.pennant.core.backtest.optimize.StrategyObjective;
import dev.pennant.core.backtest.optimize.Trial;
import dev.pennant.core.backtest.optimize.TrialMetrics;
import dev.pennant.core.strategy.ParameterSpec;
import dev.pennant.core.strategy.StrategyDefinition;
import dev.pennant.core.strategy.Strategies;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.view.BacktestLabView;
import dev.pennant.ui.view.MainView;
import dev.pennant.ui.viewmodel.BacktestLabViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Backtest Lab in a real window on recorded BTCUSDT 1h bars (2021-04-08..06-07): a backtest whose final equity
 * matches the backtester run directly, an optimisation (best trials + heat map) of the legacy strategy and of
 * {@code reference} (equal to {@link StrategyObjective}), a walk-forward table, cancel, and a
 * field error. Leaves {@code target/backtest-lab-*.png} screenshots.
 */
class BacktestLabViewTest {

    private static final Path FILE = SharedData.file("spot/klines/BTCUSDT/BTCUSDT-1h-20210408_20210607.gatrading.csv.gz");

    private final FxRobot robot = new FxRobot();
    private BacktestLabViewModel vm;
    private Stage stage;

    @BeforeEach
    void start() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        stage = FxToolkit.registerPrimaryStage();
        vm = new BacktestLabViewModel(SharedData.binance().resolve("spot/klines"), 2);
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

    private void runAndWait() throws Exception {
        robot.clickOn("#labRun");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> !vm.runningProperty().get()
                && (vm.statusProperty().get().startsWith("Done") || vm.statusProperty().get().startsWith("Cancelled")
                || !vm.errorProperty().get().isEmpty())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    private void screenshot(String name) throws Exception {
        java.awt.image.BufferedImage shot = onFx(() -> javafx.embed.swing.SwingFXUtils.fromFXImage(
                stage.getScene().snapshot(null), null));
        Files.createDirectories(Path.of("target"));
        javax.imageio.ImageIO.write(shot, "png", Path.of("target", "backtest-lab-" + name + ".png").toFile());
    }

    private int rows(String id) throws Exception {
        return onFx(() -> robot.lookup(id).queryAs(TableView.class).getItems().size());
    }

    @Test
    void backtestOptimiseAndWalkForwardOnRealBars() throws Exception {
        // the recorded folder is listed by symbol and interval
        assertThat(onFx(() -> vm.symbols())).contains("BTCUSDT", "ETHUSDT");
        robot.interact(() -> {
            vm.symbolProperty().set("BTCUSDT");
            vm.intervalProperty().set("1h");
        });
        assertThat(onFx(() -> vm.files())).contains(FILE);
        robot.interact(() -> vm.fileProperty().set(FILE));

        runAndWait();
        KlineImport data = new KlineCsvImporter().read(FILE);
        BacktestResult direct = Backtester.run(data.bars(), EngineConfig.defaults(data.symbol(), data.interval()));
        String finalEquity = onFx(() -> vm.metrics().stream().filter(m -> m.label().equals("Final equity")).findFirst()
                .orElseThrow().value());
        assertThat(finalEquity).isEqualTo(String.format(Locale.ROOT, "%,.2f", direct.stats().finalEquity().doubleValue()));
        assertThat(rows("#labTrades")).isEqualTo(direct.stats().trades() + (direct.stats().openTrade() ? 1 : 0));
        assertThat(onFx(() -> ((LineChart<?, ?>) robot.lookup("#labEquityChart").query()).getData().getFirst().getData().size()))
                .isEqualTo(data.bars().size() + 1);
        assertThat(onFx(() -> robot.lookup("#labProgress").queryAs(javafx.scene.control.ProgressBar.class).getProgress()))
                .isEqualTo(1.0);
        screenshot("backtest");

        robot.interact(() -> {
            vm.modeProperty().set(BacktestLabViewModel.Mode.OPTIMIZE);
            vm.trialsProperty().set("24");
        });
        runAndWait();
        assertThat(rows("#labTrialTable")).isEqualTo(24);
        assertThat(onFx(() -> robot.lookup("#labHeatMap").queryAs(GridPane.class).getChildren().size())).isGreaterThan(24);
        assertThat(vm.statusProperty().get()).contains("best: fastPeriod=");
        robot.interact(() -> robot.lookup("#labTabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(3));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("optimisation");

        robot.interact(() -> {
            vm.modeProperty().set(BacktestLabViewModel.Mode.WALK_FORWARD);
            vm.trialsProperty().set("8");
            vm.windowsProperty().set("2");
        });
        runAndWait();
        assertThat(rows("#labWalkForward")).isEqualTo(2);
        assertThat(onFx(() -> robot.lookup("#labWalkForwardSummary").queryAs(Label.class).getText()))
                .startsWith("Out of sample: compounded return");
        robot.interact(() -> robot.lookup("#labTabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(4));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("walkforward");
    }

    @Test
    void cancelStopsAnOptimisationAndBadInputNamesTheField() throws Exception {
        robot.interact(() -> {
            vm.fileProperty().set(FILE);
            vm.fastProperty().set("nine");
        });
        robot.clickOn("#labRun");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> robot.lookup("#labError").queryAs(Label.class).getText()))
                .isEqualTo("Fast EMA: must be a whole number, was 'nine'");
        assertThat(vm.runningProperty().get()).isFalse();

        robot.interact(() -> {
            vm.fastProperty().set("9");
            vm.modeProperty().set(BacktestLabViewModel.Mode.OPTIMIZE);
            vm.trialsProperty().set("5000");
        });
        robot.clickOn("#labRun");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> vm.progressProperty().get() > 0));
        robot.clickOn("#labCancel");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> !vm.runningProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.statusProperty().get()).startsWith("Cancelled");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(rows("#labTrialTable")).isBetween(1, 50);
    }

    /** A v2 strategy: best trial = a direct StrategyObjective.evaluate of its set; heat map on the chosen axes. */
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
        runAndWait();

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
        String shownEquity = onFx(() -> vm.metrics().stream().filter(m -> m.label().equals("Final equity")).findFirst()
                .orElseThrow().value());
        assertThat(shownEquity).isEqualTo(String.format(Locale.ROOT, "%,.2f", direct.finalEquity()));

        BacktestLabViewModel.Heat heat = onFx(() -> vm.heatProperty().get());
        assertThat(heat.x()).isEqualTo(names.get(2));
        assertThat(heat.y()).isEqualTo(names.get(0));
        ParameterSpec xSpec = def.parameters().get(2);
        assertThat(heat.xs()).isNotEmpty();
        assertThat(java.util.Arrays.stream(heat.xs()).boxed().toList()).allSatisfy(v -> assertThat(v).isBetween(xSpec.min(), xSpec.max()));
        assertThat(heat.xs()).contains(((Number) best.parameters().values().get(names.get(2))).doubleValue());
        assertThat(onFx(() -> robot.lookup("#labHeatMap").queryAs(GridPane.class).getChildren().size())).isGreaterThan(1);
        robot.interact(() -> robot.lookup("#labTabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(3));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("reference-optimisation");

        // walk-forward of the same strategy: one row per window, its best set over the strategy's parameters
        robot.interact(() -> {
            vm.modeProperty().set(BacktestLabViewModel.Mode.WALK_FORWARD);
            vm.trialsProperty().set("4");
            vm.windowsProperty().set("2");
        });
        runAndWait();
        assertThat(onFx(() -> vm.windowLines().size())).isEqualTo(2);
        assertThat(onFx(() -> vm.windowLines().getFirst().parameters())).contains(names.get(0) + "=");
    }
}
