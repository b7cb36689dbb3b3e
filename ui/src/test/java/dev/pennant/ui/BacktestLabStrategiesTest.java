package dev.pennant.ui;

import atlantafx.base.theme.PrimerDark;
import dev.pennant.core.backtest.BacktestResult;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.strategy.ParameterSpec;
import dev.pennant.core.strategy.StrategyDefinition;
import dev.pennant.core.strategy.Strategies;
import dev.pennant.core.strategy.rules.RuleSet;
import dev.pennant.core.strategy.rules.RuleStrategy;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.view.BacktestLabView;
import dev.pennant.ui.view.MainView;
import dev.pennant.ui.viewmodel.BacktestLabViewModel;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Backtest Lab's strategy picker (v2 registry, parameter editors from the specs) and rule composer (picker rows ⇄
 * rule text) on the recorded BTCUSDT 1m week of 2021-05-15: each run's trade count and final equity equal a direct
 * {@link Backtester} run with the same strategy; bad input names the field; a clicked trade is marked on the price
 * plot. Leaves {@code target/backtest-lab-ema-adx.png} and {@code -rules.png}.
 */
class BacktestLabStrategiesTest {

    private static final Path FILE = SharedData.file("spot/klines/BTCUSDT/BTCUSDT-1m-20210515_20210522.gatrading.csv.gz");

    private final FxRobot robot = new FxRobot();
    private BacktestLabViewModel vm;
    private Stage stage;

    @BeforeEach
    void start() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        stage = FxToolkit.registerPrimaryStage();
        vm = new BacktestLabViewModel(null, 1);
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            Scene scene = new Scene(new BacktestLabView(vm).root(), 1400, 900);
            scene.getStylesheets().add(MainView.stylesheet());
            s.setScene(scene);
            s.show();
        });
        robot.interact(() -> vm.fileProperty().set(FILE));
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
                && (vm.statusProperty().get().startsWith("Done") || !vm.errorProperty().get().isEmpty())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    private String error() throws Exception {
        return onFx(() -> robot.lookup("#labError").queryAs(Label.class).getText());
    }

    private void setText(String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(TextField.class).setText(text));
    }

    @SuppressWarnings("unchecked")
    private void pick(String id, Object value) {
        robot.interact(() -> robot.lookup(id).queryAs(ComboBox.class).setValue(value));
    }

    private String metric(String label) throws Exception {
        return onFx(() -> vm.metrics().stream().filter(m -> m.label().equals(label)).findFirst().orElseThrow().value());
    }

    private void assertSameAsDirect(BacktestResult direct) throws Exception {
        assertThat(onFx(() -> robot.lookup("#labTrades").queryAs(TableView.class).getItems().size()))
                .isEqualTo(direct.stats().trades() + (direct.stats().openTrade() ? 1 : 0));
        assertThat(metric("Final equity")).isEqualTo(String.format(Locale.ROOT, "%,.2f",
                direct.stats().finalEquity().doubleValue()));
    }

    @Test
    void builtInStrategyWithEditedParametersMatchesTheBacktester() throws Exception {
        assertThat(onFx(() -> vm.strategies())).containsExactly(BacktestLabViewModel.LEGACY, "reference", "ema-adx",
                "bollinger-rsi", "donchian", "scalp-imbalance", "rules");
        pick("#labStrategy", "ema-adx");
        StrategyDefinition def = Strategies.byId("ema-adx");
        // one editor per spec, at its default; optimise is on for a v2 strategy
        for (ParameterSpec p : def.parameters()) {
            String shown = onFx(() -> robot.lookup("#labParam-" + p.name()).queryAs(TextField.class).getText());
            assertThat(Double.parseDouble(shown)).as(p.name()).isEqualTo(p.defaultValue());
        }
        assertThat(onFx(() -> robot.lookup("#labMode").query().isDisabled())).isFalse();
        assertThat(onFx(() -> robot.lookup("#labFast").query().getParent().isVisible())).isFalse(); // the legacy editors hide

        ParameterSpec first = def.parameters().getFirst();
        setText("#labParam-" + first.name(), "ten");
        robot.clickOn("#labRun");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error()).isEqualTo(first.name() + ": must be a number, was 'ten'");
        setText("#labParam-" + first.name(), Double.toString(first.max() + first.step()));
        robot.clickOn("#labRun");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error()).startsWith(first.name() + " must be within [");
        assertThat(vm.runningProperty().get()).isFalse();

        // a valid non-default value: the lab's run equals the backtester's with the same parameter set
        double value = first.type() == ParameterSpec.Type.INT ? first.defaultValue() + first.step() : first.defaultValue();
        setText("#labParam-" + first.name(), Long.toString((long) value));
        runAndWait();
        KlineImport data = new KlineCsvImporter().read(FILE);
        BacktestResult direct = Backtester.run(data.bars(), EngineConfig.defaults(data.symbol(), data.interval()),
                def.create(def.parameters(Map.of(first.name(), value))), null);
        assertSameAsDirect(direct);
        screenshot("ema-adx");
    }

    @Test
    void composedRulesMatchTheBacktesterAndAClickedTradeIsMarked() throws Exception {
        pick("#labStrategy", RuleStrategy.ID);
        // text → rows
        setText("#labEntryText", "RSI(14) < 35 OR close crosses_below BB_LOWER(20)");
        assertThat(onFx(() -> robot.lookup("#labEntryRows").queryAs(VBox.class).getChildren().size())).isEqualTo(2);
        assertThat(onFx(() -> vm.entryRules().joinProperty().get().name())).isEqualTo("OR");
        // rows → text: add a comparison and edit it with the pickers
        robot.clickOn("#labEntryAdd");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            HBox row = (HBox) robot.lookup("#labEntryRows").queryAs(VBox.class).getChildren().get(2);
            @SuppressWarnings("unchecked") ComboBox<String> right = (ComboBox<String>) row.getChildren().get(3);
            right.setValue("SMA");
            ((TextField) row.getChildren().get(4)).setText("50");
            @SuppressWarnings("unchecked") ComboBox<String> left = (ComboBox<String>) row.getChildren().get(0);
            left.setValue("close");
        });
        assertThat(onFx(() -> robot.lookup("#labEntryText").queryAs(TextField.class).getText()))
                .isEqualTo("RSI(14) < 35 OR close crosses_below BB_LOWER(20) OR close < SMA(50)");
        robot.interact(() -> ((Button) ((HBox) robot.lookup("#labEntryRows").queryAs(VBox.class).getChildren().get(2))
                .getChildren().get(5)).fire());
        assertThat(onFx(() -> robot.lookup("#labEntryText").queryAs(TextField.class).getText()))
                .isEqualTo("RSI(14) < 35 OR close crosses_below BB_LOWER(20)");

        // a parse error names the rule, and a run is refused with it
        setText("#labExitText", "RSI(14) >");
        assertThat(onFx(() -> robot.lookup("#labExitError").queryAs(Label.class).getText())).startsWith("Exit rule: rule 'RSI(14) >'");
        robot.clickOn("#labRun");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error()).startsWith("Exit rule: ");
        setText("#labExitText", "RSI(14) > 65 AND close > EMA(50)");
        assertThat(onFx(() -> robot.lookup("#labExitRows").queryAs(VBox.class).getChildren().size())).isEqualTo(2);

        runAndWait();
        KlineImport data = new KlineCsvImporter().read(FILE);
        RuleSet rules = RuleSet.longOnly("RSI(14) < 35 OR close crosses_below BB_LOWER(20)", "RSI(14) > 65 AND close > EMA(50)");
        BacktestResult direct = Backtester.run(data.bars(), EngineConfig.defaults(data.symbol(), data.interval()),
                new RuleStrategy(rules), null);
        assertThat(direct.stats().trades()).isGreaterThan(2);
        assertSameAsDirect(direct);

        // clicking the second trade marks its entry and exit on the price plot
        robot.interact(() -> robot.lookup("#labTabs").queryAs(TabPane.class).getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        BacktestLabViewModel.TradeLine second = onFx(() -> vm.trades().get(1));
        Node cell = robot.lookup("#labTrades .table-row-cell").nth(1).query();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked") List<XYChart.Series<Number, Number>> series = onFx(() ->
                ((LineChart<Number, Number>) robot.lookup("#labPriceChart").query()).getData());
        assertThat(series).hasSize(2);
        List<List<Double>> marks = onFx(() -> series.get(1).getData().stream().map(d -> List.of(d.getXValue().doubleValue(),
                d.getYValue().doubleValue())).toList());
        assertThat(marks).containsExactly(List.of((double) second.mark().entryTime(), second.mark().entryPrice()),
                List.of((double) second.mark().exitTime(), second.mark().exitPrice()));
        assertThat(second.entryPrice()).isEqualTo(String.format(Locale.ROOT, "%,.2f", second.mark().entryPrice()));
        assertThat(second.entry()).isEqualTo(java.time.Instant.ofEpochMilli(second.mark().entryTime()).toString()
                .substring(0, 16).replace('T', ' '));
        // the plotted window spans the trade
        var closes = series.getFirst().getData();
        assertThat(onFx(() -> closes.getFirst().getXValue().longValue())).isLessThan(second.mark().entryTime());
        assertThat(onFx(() -> closes.getLast().getXValue().longValue())).isGreaterThan(second.mark().exitTime());
        assertThat(onFx(() -> robot.lookup("#labEntryMark").tryQuery().isPresent())).isTrue();
        screenshot("rules");
    }

    private void screenshot(String name) throws Exception {
        java.awt.image.BufferedImage shot = onFx(() -> javafx.embed.swing.SwingFXUtils.fromFXImage(
                stage.getScene().snapshot(null), null));
        Files.createDirectories(Path.of("target"));
        javax.imageio.ImageIO.write(shot, "png", Path.of("target", "backtest-lab-" + name + ".png").toFile());
    }
}
