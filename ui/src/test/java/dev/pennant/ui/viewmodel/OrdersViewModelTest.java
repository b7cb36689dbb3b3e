package dev.pennant.ui.viewmodel;

import dev.pennant.core.execution.OrderEvent;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders panel against a fake engine (drains run inline): orders move from open to history when they can no
 * longer fill, fills and positions follow the engine, and each row action sends the command it names.
 */
class OrdersViewModelTest {

    private final FakeSessionPort port = new FakeSessionPort(Instrument.defaultSpotUsdt("BTCUSDT"));
    private final OrdersViewModel vm = new OrdersViewModel(Runnable::run);

    OrdersViewModelTest() {
        vm.attach(port);
    }

    private static Order limit(String id, OrderStatus status, String qty, String filled) {
        return new Order(id, "BTCUSDT", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, new BigDecimal(qty),
                new BigDecimal("47000"), status, new BigDecimal(filled), null, 1, 1, null, null, OrderOptions.SPOT,
                false, null);
    }

    private static Position position(Market m, PositionSide ps, String qty) {
        return new Position("BTCUSDT", new BigDecimal(qty), new BigDecimal("48000"), new BigDecimal("48100"),
                BigDecimal.ZERO, new BigDecimal(qty).multiply(new BigDecimal("100")), 1, m, ps);
    }

    private OrderRequest sent(int i) {
        return ((TradingCommand.SubmitOrder) port.commands.get(i)).request();
    }

    @Test
    void ordersMoveFromOpenToHistoryAndFillsAndPositionsFollowTheEngine() {
        port.listener().onOrder(limit("pn-test-1", OrderStatus.NEW, "0.01", "0"));
        port.listener().onOrder(limit("pn-test-2", OrderStatus.NEW, "0.02", "0"));
        assertThat(vm.openOrders()).extracting(Order::clientOrderId).containsExactly("pn-test-1", "pn-test-2");
        port.listener().onOrder(limit("pn-test-1", OrderStatus.PARTIALLY_FILLED, "0.01", "0.004"));
        assertThat(vm.openOrders().getFirst().filledQuantity()).isEqualByComparingTo("0.004");
        port.listener().onOrder(limit("pn-test-1", OrderStatus.FILLED, "0.01", "0.01"));
        port.listener().onOrder(limit("pn-test-2", OrderStatus.CANCELED, "0.02", "0"));
        assertThat(vm.openOrders()).isEmpty();
        assertThat(vm.orderHistory()).extracting(Order::clientOrderId, Order::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pn-test-1", OrderStatus.FILLED),
                        org.assertj.core.groups.Tuple.tuple("pn-test-2", OrderStatus.CANCELED));

        Position open = position(Market.SPOT, PositionSide.BOTH, "0.01");
        Position flat = new Position("ETHUSDT", BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("3000"),
                new BigDecimal("5"), BigDecimal.ZERO, 1);
        port.positions = List.of(open, flat);
        Fill fill = new Fill(1, "pn-test-1", "BTCUSDT", Side.BUY, new BigDecimal("0.01"), new BigDecimal("47000"),
                new BigDecimal("0.47"), "USDT", LiquiditySide.MAKER, 1, new BigDecimal("-0.47"));
        port.listener().onFill(fill, open);
        assertThat(vm.fills()).containsExactly(fill);
        assertThat(vm.positions()).containsExactly(open); // flat positions are not shown
        port.positions = List.of(flat);
        port.listener().onEquity(new EquitySnapshot(2, BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.ZERO,
                BigDecimal.ZERO));
        assertThat(vm.positions()).isEmpty();
    }

    @Test
    void aNewSessionMovesTheOldSessionsOpenOrdersToHistory() {
        port.listener().onOrder(limit("pn-test-1", OrderStatus.NEW, "0.01", "0"));
        FakeSessionPort next = new FakeSessionPort(Instrument.defaultSpotUsdt("ETHUSDT"));
        vm.attach(next);
        assertThat(vm.openOrders()).isEmpty();
        assertThat(vm.orderHistory()).extracting(Order::clientOrderId).containsExactly("pn-test-1");
        // the old session's late events are ignored
        port.listener().onOrder(limit("pn-test-9", OrderStatus.NEW, "0.01", "0"));
        assertThat(vm.openOrders()).isEmpty();
    }

    @Test
    void closeSendsAMarketOrderOfTheWholeQuantityOnTheOtherSide() {
        vm.close(position(Market.SPOT, PositionSide.BOTH, "0.19656"));
        OrderRequest spot = sent(0);
        assertThat(spot.type()).isEqualTo(OrderType.MARKET);
        assertThat(spot.side()).isEqualTo(Side.SELL);
        assertThat(spot.quantity()).isEqualByComparingTo("0.19656");
        assertThat(spot.options().reduceOnly()).isFalse(); // a spot field Binance does not have
        assertThat(spot.market()).isEqualTo(Market.SPOT);

        vm.close(position(Market.USDM_FUTURES, PositionSide.BOTH, "-0.250"));
        OrderRequest shortClose = sent(1);
        assertThat(shortClose.side()).isEqualTo(Side.BUY);
        assertThat(shortClose.quantity()).isEqualByComparingTo("0.25");
        assertThat(shortClose.options().reduceOnly()).isTrue();

        vm.close(position(Market.USDM_FUTURES, PositionSide.LONG, "0.1"));
        OrderRequest hedge = sent(2);
        assertThat(hedge.side()).isEqualTo(Side.SELL);
        assertThat(hedge.options().positionSide()).isEqualTo(PositionSide.LONG);
        assertThat(hedge.options().reduceOnly()).isFalse(); // hedge mode closes by positionSide
    }

    @Test
    void reverseIsFuturesOnlyAndSendsTwiceTheQuantity() {
        Position spotLong = position(Market.SPOT, PositionSide.BOTH, "0.1");
        assertThat(vm.canReverse(spotLong)).isFalse();
        vm.reverse(spotLong);
        assertThat(port.commands).isEmpty();

        vm.reverse(position(Market.USDM_FUTURES, PositionSide.BOTH, "0.125"));
        OrderRequest r = sent(0);
        assertThat(r.side()).isEqualTo(Side.SELL);
        assertThat(r.quantity()).isEqualByComparingTo("0.25");
        assertThat(r.options().reduceOnly()).isFalse();

        // hedge mode: close LONG 0.1, open SHORT 0.1
        vm.reverse(position(Market.USDM_FUTURES, PositionSide.LONG, "0.1"));
        assertThat(sent(1).options().positionSide()).isEqualTo(PositionSide.LONG);
        assertThat(sent(1).side()).isEqualTo(Side.SELL);
        assertThat(sent(2).options().positionSide()).isEqualTo(PositionSide.SHORT);
        assertThat(sent(2).side()).isEqualTo(Side.SELL);
        assertThat(sent(2).quantity()).isEqualByComparingTo("0.1");
    }

    @Test
    void cancelCancelAllAndModifySendTheirCommands() {
        Order open = limit("pn-test-1", OrderStatus.NEW, "0.01", "0");
        vm.cancel(open);
        vm.cancelAll();
        assertThat(port.commands).containsExactly(new TradingCommand.CancelOrder("pn-test-1"),
                new TradingCommand.CancelAllOrders(null));

        assertThat(vm.checkModify(open, "", "47000.005")).contains("Price: must be a multiple of tick 0.01");
        assertThat(vm.checkModify(open, "0.000015", "")).contains("Quantity: must be a multiple of step 0.00001");
        assertThat(vm.checkModify(open, "", "")).contains("Nothing to change: enter a new quantity or price");
        Order part = limit("pn-test-2", OrderStatus.PARTIALLY_FILLED, "0.01", "0.006");
        assertThat(vm.checkModify(part, "0.005", "")).contains("Quantity: must be above the filled 0.006");
        Order market = new Order("pn-test-3", "BTCUSDT", Side.BUY, OrderType.MARKET, null, new BigDecimal("0.01"), null,
                OrderStatus.NEW, BigDecimal.ZERO, null, 1, 1, null, null, OrderOptions.SPOT, false, null);
        assertThat(vm.canModify(market)).isFalse();
        assertThat(vm.checkModify(market, "0.02", "")).contains("Only open LIMIT orders can be modified (this is MARKET NEW)");

        assertThat(vm.modify(open, "0.02", "46950.5")).isEmpty();
        TradingCommand.ModifyOrder m = (TradingCommand.ModifyOrder) port.commands.getLast();
        assertThat(m.clientOrderId()).isEqualTo("pn-test-1");
        assertThat(m.quantity()).isEqualByComparingTo("0.02");
        assertThat(m.price()).isEqualByComparingTo("46950.5");
    }

    @Test
    void aRefusedCancelIsReported() {
        Order open = limit("pn-test-1", OrderStatus.NEW, "0.01", "0");
        port.listener().onOrderEvent(new OrderEvent.OrderRequestRejected(open, 5, "-2011 Unknown order sent"));
        assertThat(vm.messageProperty().get()).isEqualTo("Request on pn-test-1 refused — -2011 Unknown order sent");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
    }
}
