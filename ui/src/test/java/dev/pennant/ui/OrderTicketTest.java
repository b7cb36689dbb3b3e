package dev.pennant.ui;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.testkit.SharedData;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
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
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.pennant.ui.TerminalProbes.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order ticket and the orders panel in the real terminal window (Xvfb in CI), replaying Binance's BTCUSDT 1m
 * klines of 2021-05-15..22 at 60× (a bar a second) with the recorded exchangeInfo filters (tick 0.01, step 0.00001).
 *
 * <p>The strategy trades the same session. To see only the ticket's orders the tests pause the replay and cancel
 * whatever the strategy left open ("Cancel all"); the paper venue fills a MARKET order at the next bar's open, so an
 * order sent while paused fills on the first bar after Resume, before the strategy can act on that bar.
 */
class OrderTicketTest {

    private static final Pattern SENT_ID = Pattern.compile("(pn-[0-9a-z]+-\\d+)");

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Application app;

    @BeforeEach
    void start() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        Stage primary = FxToolkit.registerPrimaryStage();
        TerminalLauncher.configure(new TerminalOptions(dataDir, SharedData.btc1m(), 60, "BTCUSDT", Interval.M1));
        app = FxToolkit.setupApplication(TerminalApp.class);
        assertThat(primary).isNotNull();
        // the session runs and the ticket knows its instrument and a last price
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> "RUNNING".equals(text("#sourceState"))
                && !robot.lookup("#ticketSubmit").queryButton().isDisabled()
                && lastPrice().isPresent()));
        assertThat(text("#ticketInstrument")).isEqualTo("BTCUSDT · spot · tick 0.01 · step 0.00001 · min notional 10 USDT");
        assertThat(text("#modeBadge")).isEqualTo("PAPER");
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void aMarketBuyFromTheTicketIsConfirmedFilledAndShownInFillsAndPositions() throws Exception {
        pauseWithNothingOpen();
        BigDecimal before = positionQuantity();
        BigDecimal last = lastPrice().orElseThrow();

        type("#ticketQuantity", "0.002");
        robot.clickOn("#ticketSubmit");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#confirmSend").tryQuery().isPresent()));
        // the confirmation: notional = 0.002 × last, fee = 0.1 % of it (spot taker)
        BigDecimal notional = new BigDecimal("0.002").multiply(last);
        assertThat(text("#confirmNotional")).isEqualTo(String.format(Locale.ROOT, "≈ %,.2f USDT",
                notional.setScale(2, RoundingMode.HALF_EVEN)));
        assertThat(text("#confirmEstfee")).isEqualTo(String.format(Locale.ROOT, "≈ %,.4f USDT (taker 0.1 %%)",
                notional.multiply(new BigDecimal("0.001")).setScale(4, RoundingMode.HALF_EVEN)));
        assertThat(text("#confirmMode")).isEqualTo("PAPER");
        robot.clickOn("#confirmSend");

        String id = sentId();
        // paused: the order waits for the next bar in the open-orders table
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> openOrders().stream()
                .anyMatch(o -> o.clientOrderId().equals(id) && o.status() == OrderStatus.NEW)));
        resume();

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> fills().stream()
                .anyMatch(f -> f.clientOrderId().equals(id))));
        Fill fill = onFx(() -> fills().stream().filter(f -> f.clientOrderId().equals(id)).findFirst().orElseThrow());
        assertThat(fill.side()).isEqualTo(Side.BUY);
        assertThat(fill.quantity()).isEqualByComparingTo("0.002");
        assertThat(fill.price().doubleValue()).isBetween(30_000.0, 60_000.0);
        // paper venue: 0.1 % of the notional at the fill price, rounded to 8 decimals
        assertThat(fill.commission()).isEqualByComparingTo(fill.price().multiply(new BigDecimal("0.002"))
                .multiply(new BigDecimal("0.001")).setScale(8, RoundingMode.HALF_UP));
        // the position grew by exactly the order's quantity (the strategy's next order fills a bar later)
        BigDecimal expected = before.add(new BigDecimal("0.002"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> positionQuantity().compareTo(expected) == 0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#ticketResult").startsWith("Filled " + id));
        assertThat(onFx(() -> history().stream().anyMatch(o -> o.clientOrderId().equals(id)
                && o.status() == OrderStatus.FILLED))).isTrue();
    }

    @Test
    void aLimitOrderShowsTheVenuesRejectionReasonOrRestsInOpenOrdersAndIsCanceled() throws Exception {
        chooseType(OrderType.LIMIT);
        BigDecimal last = lastPrice().orElseThrow();
        // 2 % under the market: rests on a venue with resting orders, never fills at once
        String price = last.multiply(new BigDecimal("0.98")).setScale(2, RoundingMode.FLOOR).toPlainString();
        type("#ticketQuantity", "0.001");
        type("#ticketPrice", price);
        assertThat(text("#ticketValidation")).isEmpty();
        robot.clickOn("#ticketSubmit");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#confirmSend").tryQuery().isPresent()));
        assertThat(text("#confirmPrice")).isEqualTo(String.format(Locale.ROOT, "%,.2f USDT", new BigDecimal(price)));
        robot.clickOn("#confirmSend");
        String id = sentId();

        // either the venue refused it (the current paper venue fills MARKET orders only) and the ticket says why …
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> text("#ticketResult").startsWith("Rejected " + id)
                || openOrders().stream().anyMatch(o -> o.clientOrderId().equals(id))));
        if (text("#ticketResult").startsWith("Rejected " + id)) {
            Label result = robot.lookup("#ticketResult").queryAs(Label.class);
            String shown = result.getText();
            String reason = shown.substring(shown.indexOf(" — ") + 3);
            assertThat(reason).isNotBlank();
            assertThat(onFx(() -> shown(result))).isTrue();
            assertThat(result.getStyleClass()).contains("ticket-error");
            Order rejected = onFx(() -> history().stream().filter(o -> o.clientOrderId().equals(id)).findFirst().orElseThrow());
            assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(rejected.type()).isEqualTo(OrderType.LIMIT);
            assertThat(rejected.rejectReason()).isEqualTo(reason);
            return;
        }
        // … or it rests in the open-orders table, and its row's Cancel cancels it
        Order open = onFx(() -> openOrders().stream().filter(o -> o.clientOrderId().equals(id)).findFirst().orElseThrow());
        assertThat(open.type()).isEqualTo(OrderType.LIMIT);
        assertThat(open.price()).isEqualByComparingTo(price);
        selectTab("Open orders");
        robot.clickOn(rowButton("orderActions", id, "#cancelOrder"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> history().stream()
                .anyMatch(o -> o.clientOrderId().equals(id) && o.status() == OrderStatus.CANCELED)));
        assertThat(onFx(() -> openOrders().stream().noneMatch(o -> o.clientOrderId().equals(id)))).isTrue();
    }

    @Test
    void aPriceOffTheTickNamesTheFieldAndTheRuleAndSendsNothing() throws Exception {
        chooseType(OrderType.LIMIT);
        type("#ticketQuantity", "0.001");
        type("#ticketPrice", "40000.005");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#ticketValidation").contains("Price:"));
        assertThat(text("#ticketValidation")).isEqualTo("Price: must be a multiple of tick 0.01");
        assertThat(onFx(() -> shown(robot.lookup("#ticketValidation").query()))).isTrue();
        assertThat(text("#ticketPriceHint")).isEqualTo("tick 0.01 · ▼ 40000 ▲ 40000.01");
        robot.clickOn("#ticketSubmit");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> robot.lookup("#confirmSend").tryQuery().isPresent())).isFalse();
        assertThat(text("#ticketResult")).isEmpty();
        // the stepper puts it back on the grid
        robot.clickOn("#ticketPriceUp");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#ticketPrice").equals("40000.01"));
        assertThat(text("#ticketValidation")).isEmpty();
        // nothing was sent: no LIMIT order anywhere (the strategy sends MARKET orders only)
        assertThat(onFx(() -> history().stream().noneMatch(o -> o.type() == OrderType.LIMIT))).isTrue();
        assertThat(onFx(() -> openOrders().stream().noneMatch(o -> o.type() == OrderType.LIMIT))).isTrue();
    }

    @Test
    void closeFromThePositionsTableFlattensThePosition() throws Exception {
        pauseWithNothingOpen();
        if (positionQuantity().signum() == 0) {
            String id = marketBuy("0.002");
            resume();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> fills().stream()
                    .anyMatch(f -> f.clientOrderId().equals(id))));
            pauseWithNothingOpen();
        }
        BigDecimal held = positionQuantity();
        assertThat(held.signum()).isPositive();

        selectTab("Positions");
        robot.clickOn(rowButton("positionActions", "BTCUSDT", "#closePosition"));
        // a MARKET SELL of the whole quantity, waiting for the next bar
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> openOrders().stream().anyMatch(this::isClose)));
        Order close = onFx(() -> openOrders().stream().filter(this::isClose).findFirst().orElseThrow());
        assertThat(close.quantity()).isEqualByComparingTo(held);
        resume();

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> fills().stream()
                .anyMatch(f -> f.clientOrderId().equals(close.clientOrderId()))));
        Fill fill = onFx(() -> fills().stream().filter(f -> f.clientOrderId().equals(close.clientOrderId()))
                .findFirst().orElseThrow());
        assertThat(fill.side()).isEqualTo(Side.SELL);
        assertThat(fill.quantity()).isEqualByComparingTo(held);
        // nothing else was open: after that fill the position is flat and leaves the table
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> positions().stream()
                .noneMatch(p -> p.symbol().equals("BTCUSDT"))));
    }

    @Test
    void ctrlShiftKEngagesTheKillSwitchAndCancelsOpenOrders() throws Exception {
        pauseWithNothingOpen();
        String id = marketBuy("0.002");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> openOrders().stream()
                .anyMatch(o -> o.clientOrderId().equals(id))));
        ToggleButton kill = robot.lookup("#killSwitch").queryAs(ToggleButton.class);
        assertThat(onFx(kill::isSelected)).isFalse();

        robot.clickOn(".session-label"); // focus back on the main window, on nothing that takes keys
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.K).release(KeyCode.K, KeyCode.SHIFT, KeyCode.CONTROL);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(kill::isSelected));
        // engaging it canceled the waiting order (CancelAllOrders), though the replay is still paused
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> history().stream()
                .anyMatch(o -> o.clientOrderId().equals(id) && o.status() == OrderStatus.CANCELED)));
        assertThat(onFx(() -> openOrders().isEmpty())).isTrue();
        // and the next order from the ticket is refused by risk, with the reason shown
        String refused = marketBuy("0.002");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#ticketResult").startsWith("Rejected " + refused));
        assertThat(text("#ticketResult")).endsWith("— risk: kill switch engaged: no orders are sent");
    }

    // ------------------------------------------------------------------ helpers

    private boolean isClose(Order o) {
        return o.signalId() == null && o.type() == OrderType.MARKET && o.side() == Side.SELL && o.isOpen();
    }

    /** Pauses the replay, waits for the source to say so, and cancels whatever the strategy left open. */
    private void pauseWithNothingOpen() throws Exception {
        robot.clickOn("#pauseReplay");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "PAUSED".equals(text("#sourceState")));
        if (onFx(() -> !openOrders().isEmpty())) {
            robot.clickOn("#cancelAllOrders");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> openOrders().isEmpty()));
        }
    }

    private void resume() throws Exception {
        robot.clickOn("#pauseReplay");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "RUNNING".equals(text("#sourceState")));
    }

    /** Sends a MARKET BUY of {@code qty} through the ticket and its confirmation. @return its clientOrderId */
    private String marketBuy(String qty) throws Exception {
        String before = text("#ticketResult");
        type("#ticketQuantity", qty);
        robot.clickOn("#ticketSubmit");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#confirmSend").tryQuery().isPresent()));
        robot.clickOn("#confirmSend");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            String t = text("#ticketResult");
            return !t.equals(before) && SENT_ID.matcher(t).find();
        });
        return sentId();
    }

    /** The clientOrderId in the ticket's result line, once the engine answered. */
    private String sentId() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> SENT_ID.matcher(text("#ticketResult")).find());
        Matcher m = SENT_ID.matcher(text("#ticketResult"));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private void chooseType(OrderType t) throws Exception {
        robot.clickOn("#ticketType");
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup(".list-cell").match(n -> n instanceof ListCell<?> c && t.name().equals(c.getText()))
                .query();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> shown(robot.lookup("#ticketPrice").query())
                == t.hasLimitPrice(dev.pennant.core.model.Market.SPOT)));
    }

    /** Replaces a text field's content by typing. */
    private void type(String field, String text) {
        robot.clickOn(field);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void selectTab(String title) {
        robot.clickOn(robot.lookup(".tab-label").match(n -> n instanceof Labeled l && l.getText() != null
                && l.getText().startsWith(title)).<Node>query());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The button {@code buttonId} in the actions column {@code columnId} of the row whose item is {@code key}. */
    private Button rowButton(String columnId, String key, String buttonId) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> findRowButton(columnId, key, buttonId).isPresent()));
        return onFx(() -> findRowButton(columnId, key, buttonId).orElseThrow());
    }

    private Optional<Button> findRowButton(String columnId, String key, String buttonId) {
        return robot.lookup(".table-cell").match(n -> n instanceof TableCell<?, ?> c && c.isVisible()
                        && c.getTableColumn() != null && columnId.equals(c.getTableColumn().getId())
                        && (c.getItem() instanceof Order o && o.clientOrderId().equals(key)
                        || c.getItem() instanceof Position p && p.symbol().equals(key)))
                .<Node>queryAll().stream().flatMap(cell -> robot.from(cell).lookup(buttonId).<Button>queryAll().stream())
                .filter(Node::isVisible).findFirst();
    }

    /** Quantity of the BTCUSDT position in the positions table (0 when none), read on the FX thread. */
    private BigDecimal positionQuantity() throws Exception {
        return onFx(() -> positions().stream().filter(p -> p.symbol().equals("BTCUSDT")).map(Position::quantity)
                .findFirst().orElse(BigDecimal.ZERO));
    }

    /** The ticket's last price ("Last 48,280.63"), read on the FX thread. */
    private Optional<BigDecimal> lastPrice() throws Exception {
        String t = text("#ticketLastPrice");
        Matcher m = Pattern.compile("Last ([0-9,.]+)").matcher(t);
        return m.find() ? Optional.of(new BigDecimal(m.group(1).replace(",", ""))) : Optional.empty();
    }

    /** The text of a label or field, read on the FX thread (directly when already on it). */
    private String text(String id) throws Exception {
        java.util.concurrent.Callable<String> read = () -> {
            Node n = robot.lookup(id).query();
            return n instanceof Labeled l ? l.getText() : ((javafx.scene.control.TextInputControl) n).getText();
        };
        return javafx.application.Platform.isFxApplicationThread() ? read.call() : onFx(read);
    }

    /** True when {@code n} and all its parents are visible (a hidden ticket row hides its fields). */
    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    // table items: call on the FX thread only
    private List<Order> openOrders() {
        return robot.lookup("#openOrdersTable").<Order>queryTableView().getItems();
    }

    private List<Order> history() {
        return robot.lookup("#ordersTable").<Order>queryTableView().getItems();
    }

    private List<Fill> fills() {
        return robot.lookup("#fillsTable").<Fill>queryTableView().getItems();
    }

    private List<Position> positions() {
        TableView<Position> t = robot.lookup("#positionsTable").queryTableView();
        return t.getItems();
    }
}
