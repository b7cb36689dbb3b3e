package dev.pennant.ui;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.Side;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.simulator.ExchangeSimulator;
import javafx.application.Application;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.pennant.ui.TerminalProbes.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restarting the terminal resumes the last paper session exactly: a resting LIMIT order left by a session in the
 * data directory is open again in the window's open-orders table when the terminal starts on live data (the local
 * simulator, loopback), with its id, price and quantity.
 */
class ResumeInWindowTest extends FxRobot {

    @TempDir
    Path dataDir;

    private Application app;
    private ExchangeSimulator sim;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void theLastPaperSessionsRestingOrderIsOpenAgainAfterARestart() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        // the session before the "restart": real 2021-05-17 bars, then a BUY LIMIT at half the price rests
        List<Bar> bars = new KlineCsvImporter().read(SharedData.btc1m()).bars().stream()
                .filter(b -> b.openTime() < Instant.parse("2021-05-17T12:00:00Z").toEpochMilli()).toList();
        BigDecimal price = bars.getLast().close().multiply(new BigDecimal("0.5")).setScale(2, RoundingMode.DOWN);
        try (HistoryStore store = HistoryStore.open(dataDir)) {
            PaperSession before = PaperSession.replay(EngineConfig.defaults("BTCUSDT", Interval.M1), bars, "before", 0, 0,
                    store);
            before.start();
            assertThat(before.awaitFinished(60, TimeUnit.SECONDS)).isTrue();
            Order o = before.submit(new TradingCommand.SubmitOrder(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY,
                    new BigDecimal("0.001"), price).withClientOrderId("rest-1"))).get(20, TimeUnit.SECONDS);
            assertThat(o.status()).as(String.valueOf(o.rejectReason())).isEqualTo(OrderStatus.NEW);
            before.close();
        }

        sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(60)
                .replayStart(Instant.parse("2021-05-18T00:00:00Z")).start();
        Stage primary = FxToolkit.registerPrimaryStage();
        TerminalLauncher.configure(new TerminalOptions(dataDir, null, 1, "BTCUSDT", Interval.M1, sim.baseUrl(), "mainnet",
                Market.SPOT));
        app = FxToolkit.setupApplication(TerminalApp.class);
        assertThat(primary).isNotNull();

        @SuppressWarnings("unchecked")
        TableView<Order> open = lookup("#openOrdersTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> onFx(() -> open.getItems().stream().anyMatch(x -> x.clientOrderId().equals("rest-1"))));
        Order resumed = onFx(() -> open.getItems().stream().filter(x -> x.clientOrderId().equals("rest-1"))
                .findFirst().orElseThrow());
        assertThat(resumed.price()).isEqualByComparingTo(price);
        assertThat(resumed.quantity()).isEqualByComparingTo("0.001");
        assertThat(resumed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(sim.orderRequestCount()).as("resuming a PAPER session sends nothing").isZero();
    }
}
