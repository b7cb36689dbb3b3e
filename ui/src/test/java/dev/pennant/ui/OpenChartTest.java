package dev.pennant.ui;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.persistence.SessionInfo;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.viewmodel.MarketRow;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.financial.api.ohlcv.IOhlcv;
import io.fair_acc.dataset.spi.financial.api.ohlcv.IOhlcvItem;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.pennant.ui.TerminalProbes.candleCount;
import static dev.pennant.ui.TerminalProbes.candles;
import static dev.pennant.ui.TerminalProbes.delivered;
import static dev.pennant.ui.TerminalProbes.sessionId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Open chart" from Market Watch in the real terminal window (Xvfb in CI), replaying the folder
 * {@code shared/data/binance/spot/klines} (BTCUSDT, ETHUSDT, SOLUSDT, … recorded by Binance) in 1d bars at 10 bars/s:
 * a double-click on ETHUSDT moves chart, session header and window title to ETHUSDT's bars and keeps the BTCUSDT
 * session's fills in the history database; a symbol without recorded klines leaves the BTCUSDT session running and
 * says so in the banner; a single click only selects, Enter opens.
 */
class OpenChartTest {

    private static final Path SPOT_KLINES = SharedData.binance().resolve("spot/klines");
    /** 1d bars at 864,000× real time: 10 bars a second, so the replay runs for minutes. */
    private static final double SPEED = 864_000;

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Application app;

    /** Opens the terminal replaying {@code shared/data/binance/spot/klines} for BTCUSDT. */
    private void open(Interval interval, double speed) throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        Stage primary = FxToolkit.registerPrimaryStage();
        TerminalLauncher.configure(new TerminalOptions(dataDir, SPOT_KLINES, speed, "BTCUSDT", interval));
        app = FxToolkit.setupApplication(TerminalApp.class);
        assertThat(primary).isNotNull();
    }

    @AfterEach
    void stop() throws Exception {
        closeApp();
        FxToolkit.cleanupStages();
    }

    private void closeApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            app = null;
        }
    }

    @Test
    void doubleClickOnEthusdtMovesChartAndSessionToEthusdtBars() throws Exception {
        open(Interval.D1, SPEED);
        XYChart chart = robot.lookup("#priceChart").queryAs(XYChart.class);
        Label session = robot.lookup(".session-label").queryAs(Label.class);
        TableView<Fill> fills = robot.lookup("#fillsTable").queryTableView();
        // BTCUSDT first, and trading: its daily lows from August 2017 on are all above 2,000 USDT
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> candleCount(chart) > 100 && !fills.getItems().isEmpty());
        assertThat(session.getText()).contains("BTCUSDT 1d · spot");
        assertThat(chart.getTitle()).isEqualTo("BTCUSDT · 1d · spot");
        assertThat(minLow(chart)).isGreaterThan(2_000);
        String btcSession = sessionId(session.getText());
        Fill btcFill = WaitForAsyncUtils.asyncFx(() -> fills.getItems().getFirst()).get();
        assertThat(btcFill.symbol()).isEqualTo("BTCUSDT");

        // the kill switch stays engaged across the switch, from the new session's first bar on
        robot.clickOn("#killSwitch");
        robot.doubleClickOn(symbolCell("ETHUSDT", Market.SPOT));

        // ETHUSDT's own bars: same interval, prices of another order (below 1,500 USDT in 2017-2018); the chart
        // redraws a pulse after the header changes, hence the wait on the drawn candles
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> session.getText().contains("ETHUSDT 1d · spot"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> candleCount(chart) > 100 && maxHigh(chart) < 2_000);
        assertThat(sessionId(session.getText())).isNotEqualTo(btcSession);
        assertThat(chart.getTitle()).isEqualTo("ETHUSDT · 1d · spot");
        assertThat(WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().filter(w -> w instanceof Stage)
                .map(w -> ((Stage) w).getTitle()).toList()).get()).contains("Pennant — ETHUSDT 1d — PAPER");
        assertThat(robot.lookup("#sourceStatus").queryAs(Label.class).getText()).contains("REPLAY")
                .contains("(ETHUSDT 1d,");
        assertThat(robot.lookup("#problemText").queryAs(Label.class).getText()).isEmpty();
        TableView<Order> orders = robot.lookup("#ordersTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> TerminalProbes.onFx(() -> orders.getItems().stream()
                .filter(o -> o.symbol().equals("ETHUSDT")).count() >= 3));
        List<Order> ethOrders = WaitForAsyncUtils.asyncFx(() -> orders.getItems().stream()
                .filter(o -> o.symbol().equals("ETHUSDT")).toList()).get();
        assertThat(ethOrders).allMatch(o -> o.status() == OrderStatus.REJECTED
                && o.rejectReason().contains("kill switch engaged"));
        assertThat(WaitForAsyncUtils.asyncFx(() -> List.copyOf(fills.getItems())).get())
                .noneMatch(f -> f.symbol().equals("ETHUSDT"));

        // the BTCUSDT session ended and its fills are in the history database
        closeApp();
        try (HistoryStore h = HistoryStore.open(dataDir)) {
            SessionInfo btc = h.sessions().stream().filter(s -> s.id().equals(btcSession)).findFirst().orElseThrow();
            assertThat(btc.symbol()).isEqualTo("BTCUSDT");
            assertThat(btc.endedAt()).isNotNull();
            assertThat(h.fills(btcSession)).extracting(Fill::clientOrderId).contains(btcFill.clientOrderId());
            assertThat(h.sessions()).anyMatch(s -> s.symbol().equals("ETHUSDT") && s.interval() == Interval.D1);
        }
    }

    @Test
    void aSymbolWithoutRecordedKlinesShowsTheBannerAndTheBtcusdtSessionKeepsRunning() throws Exception {
        open(Interval.D1, SPEED);
        XYChart chart = robot.lookup("#priceChart").queryAs(XYChart.class);
        Label session = robot.lookup(".session-label").queryAs(Label.class);
        Label source = robot.lookup("#sourceStatus").queryAs(Label.class);
        Label problem = robot.lookup("#problemText").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> candleCount(chart) > 100
                && session.getText().contains("BTCUSDT"));
        String btcSession = sessionId(session.getText());

        // context menu "Open chart" on DOGEUSDT: Binance lists it, the folder has no DOGEUSDT klines
        robot.rightClickOn(symbolCell("DOGEUSDT", Market.SPOT));
        robot.clickOn("Open chart");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !problem.getText().isEmpty());
        assertThat(problem.getText()).isEqualTo("No recorded klines for DOGEUSDT in " + SPOT_KLINES
                + " — the chart stays on BTCUSDT");
        assertThat(problem.isVisible()).isTrue();
        assertThat(sessionId(session.getText())).isEqualTo(btcSession);
        assertThat(chart.getTitle()).isEqualTo("BTCUSDT · 1d · spot");
        // still running: more BTCUSDT bars arrive after the refusal
        long delivered = delivered(source.getText());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> delivered(source.getText()) > delivered + 10);
        assertThat(minLow(chart)).isGreaterThan(2_000);

        // a single click only selects (the order book follows); the session stays
        robot.doubleClickOn("#marketSearch").eraseText(8).write("SOLUSDT");
        Node sol = symbolCell("SOLUSDT", Market.SPOT);
        robot.clickOn(sol);
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sessionId(session.getText())).isEqualTo(btcSession);
        assertThat(chart.getTitle()).isEqualTo("BTCUSDT · 1d · spot");

        // Enter opens the selected row's chart; the banner about DOGEUSDT goes
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> session.getText().contains("SOLUSDT 1d · spot"));
        assertThat(chart.getTitle()).isEqualTo("SOLUSDT · 1d · spot");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> problem.getText().isEmpty());
        // SOL's daily bars from August 2020 on: a few to a few hundred USDT
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> candleCount(chart) > 100 && maxHigh(chart) < 1_000);
    }

    @Test
    void aMissingIntervalFallsBackToTheSymbolsOwnAndItsCandlesAreDrawn() throws Exception {
        // real time: after the 150 bars shown at once no new bar comes, so the chart is drawn from them only
        open(Interval.M1, 1.0);
        XYChart chart = robot.lookup("#priceChart").queryAs(XYChart.class);
        Label session = robot.lookup(".session-label").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> session.getText().contains("BTCUSDT 1m · spot")
                && candleCount(chart) >= 150);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> candlePixels(chart) > 2_000);

        robot.doubleClickOn(symbolCell("SOLUSDT", Market.SPOT)); // SOLUSDT is recorded in 1d only

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> session.getText().contains("SOLUSDT 1d · spot"));
        assertThat(chart.getTitle()).isEqualTo("SOLUSDT · 1d · spot");
        assertThat(robot.lookup("#sourceStatus").queryAs(Label.class).getText())
                .contains("(SOLUSDT 1d, ").contains("no 1m klines recorded, showing 1d");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> candleCount(chart) >= 150 && maxHigh(chart) < 10);
        // the candles are on screen, not only in the data set: green and red bodies, not a blank price pane
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> candlePixels(chart) > 2_000);
    }

    /** Green and red pixels of the price chart (candle bodies and wicks; fill markers add a few dozen). */
    private static int candlePixels(XYChart chart) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            WritableImage img = chart.snapshot(null, null);
            PixelReader px = img.getPixelReader();
            int n = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    Color c = px.getColor(x, y);
                    if (c.getGreen() > 0.5 && c.getRed() < 0.4 || c.getRed() > 0.6 && c.getGreen() < 0.4) {
                        n++;
                    }
                }
            }
            return n;
        }).get();
    }

    /** Narrows Market Watch to {@code symbol} and returns its symbol cell of {@code market}. */
    private Node symbolCell(String symbol, Market market) throws Exception {
        TableView<MarketRow> table = robot.lookup("#marketTable").queryTableView();
        // all instruments, or already narrowed by a search (an empty table is neither: the instruments still load)
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> TerminalProbes.onFx(() -> {
            int n = table.getItems().size();
            return n > 2000 || n > 0 && n < 20;
        }));
        if (TerminalProbes.onFx(() -> table.getItems().size()) > 20) {
            robot.clickOn("#marketSearch").write(symbol);
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TerminalProbes.onFx(() -> table.getItems().stream()
                .anyMatch(r -> r.symbol().equals(symbol) && r.market() == market)));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".table-cell").match(n -> n instanceof TableCell<?, ?> c && symbol.equals(c.getText())
                && c.getTableRow() != null && c.getTableRow().getItem() instanceof MarketRow r && r.market() == market)
                .query();
    }

    private static double maxHigh(XYChart chart) throws Exception {
        return candleStats(chart, IOhlcvItem::getHigh).getMax();
    }

    private static double minLow(XYChart chart) throws Exception {
        return candleStats(chart, IOhlcvItem::getLow).getMin();
    }

    /** Statistics of one candle field over the chart's candles, read on the FX thread. */
    private static java.util.DoubleSummaryStatistics candleStats(XYChart chart,
            java.util.function.ToDoubleFunction<IOhlcvItem> field) throws Exception {
        return TerminalProbes.onFx(() -> {
            IOhlcv c = candles(chart);
            java.util.DoubleSummaryStatistics st = new java.util.DoubleSummaryStatistics();
            for (int i = 0; i < c.size(); i++) {
                st.accept(field.applyAsDouble(c.getOhlcvItem(i)));
            }
            return st;
        });
    }
}
