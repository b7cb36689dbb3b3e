package dev.pennant.ui;

import atlantafx.base.theme.PrimerDark;
import dev.pennant.core.ai.RuleBasedExplainer;
import dev.pennant.core.engine.SimulatedClock;
import dev.pennant.core.engine.TradingEngine;
import dev.pennant.core.exchange.paper.PaperExchange;
import dev.pennant.core.exchange.paper.PaperExchangeConfig;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Side;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskEngine;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.view.MainView;
import dev.pennant.ui.view.PortfolioManagerView;
import dev.pennant.ui.view.RiskPanelView;
import dev.pennant.ui.viewmodel.PortfolioManagerViewModel;
import dev.pennant.ui.viewmodel.RiskPanelViewModel;
import dev.pennant.ui.viewmodel.RiskPort;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk panel and the portfolio manager in a real window, on a paper engine fed the 2021-05-19 BTCUSDT crash:
 * the daily-loss halt shows with its limit, value and lift; nonsense settings are refused naming the field; a
 * portfolio is created and listed. Writes {@code target/risk-portfolios.png}.
 */
class RiskAndPortfoliosTest {

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private TradingEngine engine;
    private RiskPanelViewModel risk;
    private PortfolioManagerViewModel portfolios;
    private HistoryStore store;
    private Stage stage;

    @BeforeEach
    void start() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        stage = FxToolkit.registerPrimaryStage();
        Instrument inst = Instrument.defaultSpotUsdt("BTCUSDT");
        PaperExchange venue = new PaperExchange(PaperExchangeConfig.defaults().withSpotFees(
                new PaperExchangeConfig.FeeSchedule(new BigDecimal("0.001"), new BigDecimal("0.001"), false)), List.of(inst));
        venue.deposit("USDT", new BigDecimal("10000"));
        RiskLimits limits = RiskLimits.defaults().withMaxDrawdownHalt(0.9)
                .withGuards(RiskLimits.Guards.defaults().withDailyLoss(0.05, null));
        engine = new TradingEngine("ui", new RuleBasedExplainer(EmaCrossRsiStrategy.Parameters.defaults()),
                new RiskEngine(limits), venue, new Portfolio("USDT", new BigDecimal("10000")), new SimulatedClock());
        engine.addInstrument(inst);
        store = HistoryStore.open(dir);
        risk = new RiskPanelViewModel();
        portfolios = new PortfolioManagerViewModel(Runnable::run);
        RiskPort port = RiskPort.inline(engine, "PAPER");
        risk.attach(port, "BTCUSDT");
        portfolios.attach(port);
        portfolios.open(store);
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            var r = new RiskPanelView(risk).root();
            var p = new PortfolioManagerView(portfolios).root();
            HBox box = new HBox(8, r, p);
            HBox.setHgrow(p, Priority.ALWAYS);
            Scene scene = new Scene(box, 1500, 900);
            scene.getStylesheets().add(MainView.stylesheet());
            s.setScene(scene);
            s.show();
        });
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.hideStage();
        FxToolkit.cleanupStages();
        store.close();
    }

    private <T extends javafx.scene.Node> T find(String id, Class<T> type) {
        return robot.lookup("#" + id).queryAs(type);
    }

    private void type(String id, String text) {
        robot.interact(() -> find(id, TextField.class).setText(text));
    }

    @Test
    void crashHaltShowsWithItsReasonAndNonsenseSettingsAreRefusedNamingTheField() throws Exception {
        List<Bar> bars = new KlineCsvImporter().read(SharedData.btc1m()).bars().stream()
                .filter(b -> b.openTime() >= Instant.parse("2021-05-19T00:00:00Z").toEpochMilli()).toList();
        engine.onBar(bars.get(0));
        engine.execute(new TradingCommand.SubmitOrder(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, new BigDecimal("0.2"))));
        int i = 1;
        while (engine.risk().governor().state() == dev.pennant.core.risk.RiskState.ACTIVE) {
            engine.onBar(bars.get(i++));
        }
        engine.execute(new TradingCommand.SubmitOrder(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, new BigDecimal("0.01"))));
        engine.onBar(bars.get(i));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "HALTED".equals(find("riskState", Label.class).getText()));
        assertThat(find("riskReason", Label.class).getText()).contains("daily_loss").contains("since 2021-05-19")
                .contains("lifts: at 2021-05-20T00:00:00Z");
        @SuppressWarnings("unchecked")
        ListView<String> events = find("riskEvents", ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> events.getItems().stream().anyMatch(l -> l.startsWith("risk VETO")));
        assertThat(events.getItems()).anySatisfy(l -> assertThat(l).startsWith("risk HALT 2021-05-19").contains("daily_loss"));
        assertThat(find("riskFigures", Label.class).getText()).contains("VaR 1 day").contains("(1 open)");

        type("limit-Maxleverage", "200");
        robot.interact(() -> risk.apply());
        assertThat(find("riskMessage", Label.class).getText())
                .isEqualTo("Max leverage: 200x is above the exchange bracket for BTCUSDT (at most 125x)");
        assertThat(find("riskMessage", Label.class).getTextFill()).isEqualTo(Color.web("#c62828"));
        type("limit-Maxleverage", "10");
        type("limit-Maxdailyloss", "-3");
        robot.interact(() -> risk.apply());
        assertThat(find("riskMessage", Label.class).getText()).isEqualTo("Max daily loss %: must be within 0..100 (was -3)");
        type("limit-Maxdailyloss", "8");
        robot.interact(() -> risk.apply());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(engine.risk().limits().guards().maxDailyLossFraction()).isEqualTo(0.08);
        assertThat(engine.risk().limits().guards().maxLeverage()).isEqualTo(10);

        // portfolio manager: refusals name the field, a valid one is stored and listed
        type("pfName", "Trend");
        type("pfTotalBudget", "-5");
        type("pfMaxPerSymbol", "100");
        robot.interact(() -> portfolios.save());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(find("pfMessage", Label.class).getText()).isEqualTo("Total budget: must be above 0 USDT (was -5)");
        type("pfTotalBudget", "5000");
        type("pfMaxPerSymbol", "6000");
        robot.interact(() -> portfolios.save());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(find("pfMessage", Label.class).getText()).isEqualTo("Max per symbol: must not exceed the total budget 5000 (was 6000)");
        type("pfMaxPerSymbol", "3000");
        type("pfAllocations", "BTCUSDT=3000, ETHUSDT=1500");
        type("pfStrategies", "EMA-cross+RSI");
        robot.interact(() -> portfolios.save());
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<PortfolioManagerViewModel.Row> table = find("portfolioTable", TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        assertThat(table.getItems().getFirst().name()).isEqualTo("Trend");
        assertThat(table.getItems().getFirst().cash()).isEqualTo("5000.00");
        assertThat(find("pfMessage", Label.class).getText()).isEqualTo("Created 'Trend'.");
        robot.interact(() -> portfolios.selectedProperty().set(table.getItems().getFirst()));
        robot.interact(() -> portfolios.switchTo());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems().getFirst().active()).isTrue();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> find("pfReconciliation", Label.class).getText().contains("Unattributed"));
        assertThat(find("pfReconciliation", Label.class).getText()).contains("BTCUSDT 0.2").contains("USDT");
        // the halt and its veto are in the history database
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !new dev.pennant.core.portfolio.manager.PortfolioStore(store.dataSource())
                .events(dev.pennant.core.portfolio.manager.PortfolioMode.PAPER, 50).isEmpty());

        Path out = Path.of("target", "risk-portfolios.png");
        Files.createDirectories(out.getParent());
        robot.interact(() -> {
            try {
                javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", out.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(out).exists();
    }
}
