package dev.pennant.ui;

import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.simulator.ExchangeSimulator;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import javafx.application.Application;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
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
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.pennant.ui.TerminalProbes.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders from the chart (right-click at a price) and from the order-book ladder (click on a level, one-click trading
 * off and on) in the real window, on the local exchange simulator's BTCUSDT spot data with its replay paused: the
 * backfilled candles and the simulated book stand still, so a price under the mouse stays the same price. PAPER
 * session: the simulator must receive no order request.
 */
class ChartAndLadderOrdersTest {

    private static final Pattern LAST = Pattern.compile("Last ([0-9,.]+)");

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Application app;
    private ExchangeSimulator sim;

    @BeforeEach
    void start() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(0)
                .replayStart(Instant.parse("2021-05-18T00:00:00Z")).start();
        Stage primary = FxToolkit.registerPrimaryStage();
        TerminalLauncher.configure(new TerminalOptions(dataDir, null, 1, "BTCUSDT", Interval.M1, sim.baseUrl(), "mainnet",
                Market.SPOT));
        app = FxToolkit.setupApplication(TerminalApp.class);
        assertThat(primary).isNotNull();
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> TerminalProbes.candleCount(chart()) > 50
                && onFx(() -> !robot.lookup("#ticketSubmit").queryButton().isDisabled()
                && LAST.matcher(text("#ticketLastPrice")).find()));
        type("#ticketQuantity", "0.001");
    }

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
    void aRightClickOnTheChartPlacesABuyAtThePriceUnderTheMouseAfterConfirmation() throws Exception {
        // a price between the axis' low and the last price: the menu offers a BUY LIMIT there
        BigDecimal last = lastPrice();
        double[] axis = onFx(() -> {
            Axis y = chart().getYAxis();
            return new double[] {y.getMin(), y.getMax(), chart().getCanvas().getHeight()};
        });
        double target = (axis[0] + last.doubleValue()) / 2;
        boolean below = target < last.doubleValue() - (axis[1] - axis[0]) * 0.05;
        if (!below) {
            target = (axis[1] + last.doubleValue()) / 2; // the last price sits at the bottom: a BUY stop above it
        }
        double t = target;
        Point2D screen = onFx(() -> {
            Axis y = chart().getYAxis();
            javafx.scene.canvas.Canvas plot = chart().getCanvas(); // ChartFX draws there in axis display coordinates
            return plot.localToScreen(plot.getWidth() / 2, y.getDisplayPosition(t));
        });
        robot.moveTo(screen).press(MouseButton.SECONDARY).release(MouseButton.SECONDARY);
        String item = below ? "#chartOrder-BUY-LIMIT" : "#chartOrder-BUY-STOP";
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup(item).tryQuery().isPresent()));
        shot("chart");
        robot.clickOn(item);
        // the ticket holds the order at that price; its confirmation is open
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#confirmSend").tryQuery().isPresent()));
        double perPixel = (axis[1] - axis[0]) / axis[2];
        BigDecimal ticketPrice = new BigDecimal(text(below ? "#ticketPrice" : "#ticketStopPrice"));
        assertThat(ticketPrice.doubleValue()).as("price under the mouse (%.4f USDT per pixel)", perPixel)
                .isCloseTo(target, org.assertj.core.data.Offset.offset(2 * perPixel + 0.01));
        assertThat(ticketPrice.remainder(new BigDecimal("0.01"))).as("on the 0.01 tick").isZero();
        robot.clickOn("#confirmSend");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> openOrders().stream().anyMatch(o ->
                o.side() == Side.BUY && o.quantity().compareTo(new BigDecimal("0.001")) == 0
                        && priceOf(o).compareTo(ticketPrice) == 0)));
        Order placed = onFx(() -> openOrders().stream().filter(o -> priceOf(o).compareTo(ticketPrice) == 0)
                .findFirst().orElseThrow());
        assertThat(placed.type()).isIn(below ? List.of(OrderType.LIMIT)
                : List.of(OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT));
        assertThat(sim.orderRequestCount()).as("PAPER: nothing reaches the exchange").isZero();
    }

    @Test
    void aLadderClickPrefillsTheTicketAndWithOneClickOnPlacesTheLimitAtOnce() throws Exception {
        selectTab("Order book");
        // give the side panel's lower half (the tabs) the room for the whole ladder, as a trader drags the divider
        onFx(() -> {
            ((javafx.scene.control.SplitPane) robot.lookup("#sidePanel").query().getParent().getParent())
                    .setDividerPositions(0.3);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !levelPrice("#bookBid-3").isEmpty()
                && !levelPrice("#bookBid-2").isEmpty());
        assertThat(onFx(() -> robot.lookup("#oneClickTrading").<CheckBox>query().isSelected()))
                .as("one-click trading is off by default").isFalse();
        int before = onFx(() -> openOrders().size());

        // off: a click on a bid fills in the ticket only
        String bid2 = levelPrice("#bookBid-2");
        robot.clickOn("#bookBid-2");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#ladderMessage").startsWith("Ticket pre-filled"));
        assertThat(new BigDecimal(text("#ticketPrice"))).isEqualByComparingTo(bid2);
        assertThat(onFx(() -> openOrders().size())).isEqualTo(before);

        // on: a click on a bid places a BUY LIMIT of the ticket's quantity at that level, without confirmation
        robot.clickOn("#oneClickTrading");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#oneClickTrading")
                .<CheckBox>query().isSelected()));
        String bid3 = levelPrice("#bookBid-3");
        robot.clickOn("#bookBid-3");
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> openOrders().stream().anyMatch(o ->
                    o.type() == OrderType.LIMIT && o.side() == Side.BUY && o.price().compareTo(new BigDecimal(bid3)) == 0
                            && o.quantity().compareTo(new BigDecimal("0.001")) == 0)));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no BUY LIMIT @ " + bid3 + " — ladder: '" + text("#ladderMessage") + "', ticket: '"
                    + text("#ticketResult") + "', open: " + onFx(() -> List.copyOf(openOrders())), e);
        }
        assertThat(text("#ladderMessage")).startsWith("One-click BUY LIMIT @ ");
        shot("ladder");
        assertThat(onFx(() -> robot.lookup("#confirmSend").tryQuery().isPresent())).as("no confirmation").isFalse();
        // an ask: SELL, but spot holds no BTC — the ticket's rule refuses it, nothing is sent
        int open = onFx(() -> openOrders().size());
        robot.clickOn("#bookAsk-1");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#ladderMessage").startsWith("One-click SELL LIMIT"));
        assertThat(text("#ladderMessage")).contains("not sent");
        assertThat(onFx(() -> openOrders().size())).isEqualTo(open);
        assertThat(sim.orderRequestCount()).as("PAPER: nothing reaches the exchange").isZero();
    }

    private void shot(String name) {
        javafx.scene.image.Image img = robot.capture(javafx.stage.Screen.getPrimary().getBounds()).getImage();
        org.testfx.api.FxService.serviceContext().getCaptureSupport().saveImage(img, Path.of("target", "orders-" + name + ".png"));
    }

    private static BigDecimal priceOf(Order o) {
        return o.type().isConditional() ? o.options().stopPrice() : o.price();
    }

    private XYChart chart() {
        return robot.lookup("#priceChart").queryAs(XYChart.class);
    }

    private BigDecimal lastPrice() throws Exception {
        Matcher m = LAST.matcher(text("#ticketLastPrice"));
        assertThat(m.find()).isTrue();
        return new BigDecimal(m.group(1).replace(",", ""));
    }

    /** The price shown in a ladder row (empty while the row shows no level). */
    private String levelPrice(String rowId) throws Exception {
        return onFx(() -> robot.lookup(rowId).lookup(".ob-price").<Labeled>query().getText());
    }

    private void type(String field, String value) {
        robot.clickOn(field);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write(value);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void selectTab(String title) {
        robot.clickOn(robot.lookup(".tab-label").match(n -> n instanceof Labeled l && l.getText() != null
                && l.getText().startsWith(title)).<Node>query());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String id) throws Exception {
        java.util.concurrent.Callable<String> read = () -> {
            Node n = robot.lookup(id).query();
            return n instanceof Labeled l ? l.getText() : ((TextInputControl) n).getText();
        };
        return javafx.application.Platform.isFxApplicationThread() ? read.call() : onFx(read);
    }

    private List<Order> openOrders() {
        return robot.lookup("#openOrdersTable").<Order>queryTableView().getItems();
    }
}
