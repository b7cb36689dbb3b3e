package dev.pennant.ui.viewmodel;

import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.SymbolFilters;
import dev.pennant.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order ticket against a fake engine (drains run inline): types and time in force per market, field rules with
 * the field named, grid steppers, "% of balance" sizing, the confirmation figures and what is sent, and the result
 * line for a rejected order. Figures are worked out by hand in the comments.
 */
class OrderTicketViewModelTest {

    private static final BigDecimal LAST = new BigDecimal("48280.63");

    /** BTCUSDT spot as of 2025-08-23: tick 0.01, step 0.00001, min notional 5 USDT (applies to MARKET). */
    private static Instrument spot() {
        return Instrument.defaultSpotUsdt("BTCUSDT");
    }

    /** A BTCUSDT USDⓈ-M perpetual: tick 0.10, step 0.001, MARKET_LOT_SIZE max 120, min notional 100, every type. */
    private static Instrument futures() {
        BigDecimal tick = new BigDecimal("0.10");
        BigDecimal step = new BigDecimal("0.001");
        SymbolFilters f = new SymbolFilters(new SymbolFilters.PriceFilter(new BigDecimal("556.80"),
                new BigDecimal("4529764"), tick), new SymbolFilters.LotSize(step, new BigDecimal("1000"), step),
                new SymbolFilters.LotSize(step, new BigDecimal("120"), step),
                new SymbolFilters.Notional("MIN_NOTIONAL", new BigDecimal("100"), null, true, false, 0),
                null, null, 200, 10, null, null);
        return new Instrument("BTCUSDT", Market.USDM_FUTURES, "BTC", "USDT", tick, step, step, new BigDecimal("1000"),
                new BigDecimal("100"), f, "TRADING", 1, 3, 8, 8, List.of("LIMIT", "MARKET", "STOP", "STOP_MARKET",
                "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"), List.of(), List.of());
    }

    private FakeSessionPort port;

    private OrderTicketViewModel ticket(Instrument inst, BigDecimal last, BigDecimal funds, Position position) {
        OrderTicketViewModel vm = new OrderTicketViewModel(Runnable::run);
        port = new FakeSessionPort(inst);
        port.lastPrice = last;
        port.freeFunds = funds;
        port.positions = position == null ? List.of() : List.of(position);
        vm.attach(port);
        // the engine publishes equity after a bar: the ticket reads last price, funds and position then
        port.listener().onEquity(new EquitySnapshot(0, funds, BigDecimal.ZERO, funds, BigDecimal.ZERO, BigDecimal.ZERO));
        return vm;
    }

    private static Position spotLong(String qty) {
        return new Position("BTCUSDT", new BigDecimal(qty), LAST, LAST, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    private static Order answered(OrderRequest r, String id, OrderStatus status, String reason) {
        return new Order(id, r.symbol(), r.side(), r.type(), r.timeInForce(), r.quantity(), r.price(), status,
                BigDecimal.ZERO, null, 0, 0, null, reason, r.options(), false, null);
    }

    @Test
    void typesAndTimeInForceFollowTheInstrumentsMarket() {
        OrderTicketViewModel s = ticket(spot(), LAST, new BigDecimal("10000"), null);
        assertThat(s.types()).containsExactly(OrderType.MARKET, OrderType.LIMIT, OrderType.LIMIT_MAKER,
                OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT, OrderType.TAKE_PROFIT, OrderType.TAKE_PROFIT_LIMIT);
        assertThat(s.timeInForces()).containsExactly(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK);
        assertThat(s.futuresProperty().get()).isFalse();
        assertThat(s.instrumentTextProperty().get())
                .isEqualTo("BTCUSDT · spot · tick 0.01 · step 0.00001 · min notional 5 USDT");

        OrderTicketViewModel f = ticket(futures(), new BigDecimal("30000"), new BigDecimal("1000"), null);
        assertThat(f.types()).containsExactly(OrderType.MARKET, OrderType.LIMIT, OrderType.TAKE_PROFIT, OrderType.STOP,
                OrderType.STOP_MARKET, OrderType.TAKE_PROFIT_MARKET, OrderType.TRAILING_STOP_MARKET);
        assertThat(f.timeInForces()).containsExactly(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK, TimeInForce.GTX);
        assertThat(f.futuresProperty().get()).isTrue();

        // which fields apply follows the type
        f.typeProperty().set(OrderType.STOP);
        assertThat(f.priceAppliesProperty().get()).isTrue();
        assertThat(f.stopAppliesProperty().get()).isTrue();
        assertThat(f.timeInForceAppliesProperty().get()).isTrue();
        assertThat(f.bracketAppliesProperty().get()).isFalse();
        f.typeProperty().set(OrderType.TRAILING_STOP_MARKET);
        assertThat(f.trailingAppliesProperty().get()).isTrue();
        assertThat(f.priceAppliesProperty().get()).isFalse();
        assertThat(f.stopAppliesProperty().get()).isFalse();
        assertThat(f.timeInForceAppliesProperty().get()).isFalse();
    }

    @Test
    void aPriceOffTheTickNamesTheFieldAndTheRuleAndNothingIsSent() {
        OrderTicketViewModel vm = ticket(spot(), LAST, new BigDecimal("10000"), null);
        vm.typeProperty().set(OrderType.LIMIT);
        vm.quantityProperty().set("0.001");
        vm.priceProperty().set("48000.005");
        assertThat(vm.validationProperty().get()).isEqualTo("Price: must be a multiple of tick 0.01");
        // the grid points either side of 48000.005
        assertThat(vm.priceHintProperty().get()).isEqualTo("tick 0.01 · ▼ 48000 ▲ 48000.01");
        assertThat(vm.review()).isEmpty();
        assertThat(port.commands).isEmpty();
    }

    @Test
    void quantityAndNotionalRulesNameTheFieldAndTheFigures() {
        OrderTicketViewModel vm = ticket(spot(), LAST, new BigDecimal("10000"), null);
        vm.quantityProperty().set("0.000015");
        assertThat(vm.validationProperty().get()).isEqualTo("Quantity: must be a multiple of step 0.00001");
        assertThat(vm.quantityHintProperty().get()).isEqualTo("step 0.00001 · min 0.00001 · ▼ 0.00001 ▲ 0.00002");
        vm.quantityProperty().set("0.000001");
        assertThat(vm.validationProperty().get()).isEqualTo("Quantity: must be at least minQty 0.00001 (LOT_SIZE)");
        vm.quantityProperty().set("abc");
        assertThat(vm.validationProperty().get()).isEqualTo("Quantity: 'abc' is not a number");
        vm.quantityProperty().set("0,5");
        assertThat(vm.validationProperty().get())
                .isEqualTo("Quantity: '0,5' is not a number (use a dot for decimals, no thousands separators)");
        // 0.0001 × 48,280.63 = 4.83 USDT < 5 (NOTIONAL applies to MARKET orders at the last price)
        vm.quantityProperty().set("0.0001");
        assertThat(vm.validationProperty().get())
                .isEqualTo("Notional: 4.83 USDT is below the minimum 5 USDT (NOTIONAL)");
        // spot cannot sell what it does not hold
        vm.sideProperty().set(Side.SELL);
        vm.quantityProperty().set("0.001");
        assertThat(vm.validationProperty().get())
                .isEqualTo("Quantity: 0.001 exceeds the 0 BTC held (spot cannot sell short)");
        // blank fields are reported on review only
        vm.quantityProperty().set("");
        assertThat(vm.validationProperty().get()).isEmpty();
        assertThat(vm.review()).isEmpty();
        assertThat(vm.validationProperty().get()).isEqualTo("Quantity: required");
    }

    @Test
    void binancesPercentPriceBandIsCheckedAgainstTheLastPrice() {
        OrderTicketViewModel vm = ticket(spot(), LAST, new BigDecimal("10000"), null);
        vm.typeProperty().set(OrderType.LIMIT);
        vm.quantityProperty().set("0.001");
        // PERCENT_PRICE_BY_SIDE: a BUY may be at most 5 × the reference: 5 × 48,280.63 = 241,403.15
        vm.priceProperty().set("250000");
        assertThat(vm.validationProperty().get()).isEqualTo("Price: BTCUSDT PERCENT_PRICE_BY_SIDE: BUY price 250000 is "
                + "above 5 × reference 48280.63 = 241403.15");
        vm.priceProperty().set("241403.15");
        assertThat(vm.validationProperty().get()).isEmpty();
    }

    @Test
    void steppersMoveOnTheInstrumentsGrid() {
        OrderTicketViewModel vm = ticket(spot(), LAST, new BigDecimal("10000"), null);
        vm.stepQuantity(1); // blank starts at minQty
        assertThat(vm.quantityProperty().get()).isEqualTo("0.00001");
        vm.quantityProperty().set("0.00123");
        vm.stepQuantity(1);
        assertThat(vm.quantityProperty().get()).isEqualTo("0.00124");
        vm.quantityProperty().set("0.001234"); // off the grid: to the next grid point in the direction
        vm.stepQuantity(-1);
        assertThat(vm.quantityProperty().get()).isEqualTo("0.00123");
        vm.quantityProperty().set("0.001234");
        vm.stepQuantity(1);
        assertThat(vm.quantityProperty().get()).isEqualTo("0.00124");
        vm.quantityProperty().set("0.00001");
        vm.stepQuantity(-1); // never below minQty
        assertThat(vm.quantityProperty().get()).isEqualTo("0.00001");

        vm.typeProperty().set(OrderType.LIMIT);
        vm.stepPrice(1); // blank starts at the last price
        assertThat(vm.priceProperty().get()).isEqualTo("48280.63");
        vm.stepPrice(1);
        assertThat(vm.priceProperty().get()).isEqualTo("48280.64");
        vm.priceProperty().set("48280.635");
        vm.stepPrice(-1);
        assertThat(vm.priceProperty().get()).isEqualTo("48280.63");
    }

    @Test
    void percentOfBalanceSizesFromFreeCashForABuyAndFromThePositionForASell() {
        OrderTicketViewModel vm = ticket(spot(), LAST, new BigDecimal("10000"), spotLong("0.19656"));
        // 25 % of 10,000 USDT at 48,280.63 with the 0.1 % fee: 2500 / (48280.63 × 1.001) = 0.051728… → step 0.00001
        vm.percentOfBalance(25);
        assertThat(vm.quantityProperty().get()).isEqualTo("0.05172");
        // 100 %: 10000 / 48328.910630 = 0.206915… → 0.20691 (cost 10,000.0 incl. fee stays within the cash)
        vm.percentOfBalance(100);
        assertThat(vm.quantityProperty().get()).isEqualTo("0.20691");
        // SELL: 50 % of the 0.19656 BTC held = 0.09828
        vm.sideProperty().set(Side.SELL);
        vm.percentOfBalance(50);
        assertThat(vm.quantityProperty().get()).isEqualTo("0.09828");
        vm.percentOfBalance(100);
        assertThat(vm.quantityProperty().get()).isEqualTo("0.19656");
        assertThatThrownBy(() -> vm.percentOfBalance(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("percent");

        OrderTicketViewModel flat = ticket(spot(), LAST, new BigDecimal("10000"), null);
        flat.sideProperty().set(Side.SELL);
        flat.percentOfBalance(25);
        assertThat(flat.validationProperty().get()).isEqualTo("Quantity: no BTC held to sell (spot cannot sell short)");
    }

    @Test
    void futuresPercentOfBalanceLeavesRoomForMarginAndFee() {
        OrderTicketViewModel vm = ticket(futures(), new BigDecimal("30000"), new BigDecimal("1000"), null);
        vm.leverageProperty().set("10");
        // 1000 / (30000 × (1/10 + 0.0005)) = 1000 / 3015 = 0.331674… → MARKET_LOT_SIZE step 0.001 → 0.331
        vm.percentOfBalance(100);
        assertThat(vm.quantityProperty().get()).isEqualTo("0.331");
    }

    @Test
    void reviewShowsNotionalAndFeeAndSendsTheMarketOrder() {
        OrderTicketViewModel vm = ticket(spot(), LAST, new BigDecimal("10000"), null);
        vm.quantityProperty().set("0.002");
        OrderPreview p = vm.review().orElseThrow();
        // 0.002 × 48,280.63 = 96.56126 USDT; fee 0.1 % = 0.09656126
        assertThat(p.notional()).isEqualByComparingTo("96.56126");
        assertThat(p.fee()).isEqualByComparingTo("0.09656126");
        assertThat(p.feeRate()).isEqualByComparingTo("0.001");
        assertThat(p.margin()).isNull();
        assertThat(p.heading()).isEqualTo("BUY 0.002 BTCUSDT · MARKET");
        assertThat(p.lines()).contains(new OrderPreview.Line("Notional", "≈ 96.56 USDT"),
                new OrderPreview.Line("Est. fee", "≈ 0.0966 USDT (taker 0.1 %)"),
                new OrderPreview.Line("Price", "market (last 48,280.63)"),
                new OrderPreview.Line("Mode", "PAPER"));
        assertThat(vm.estimateProperty().get()).isEqualTo("≈ 96.56 USDT · fee ≈ 0.10");

        port.answer = c -> CompletableFuture.completedFuture(answered(((TradingCommand.SubmitOrder) c).request(),
                "pn-test-1", OrderStatus.NEW, null));
        vm.send(p);
        OrderRequest r = ((TradingCommand.SubmitOrder) port.commands.getFirst()).request();
        assertThat(r.type()).isEqualTo(OrderType.MARKET);
        assertThat(r.side()).isEqualTo(Side.BUY);
        assertThat(r.quantity()).isEqualByComparingTo("0.002");
        assertThat(r.price()).isNull();
        assertThat(r.timeInForce()).isNull();
        assertThat(r.options().strategyId()).isEqualTo("manual");
        assertThat(vm.resultProperty().get()).isEqualTo("Sent pn-test-1 · BUY 0.002 BTCUSDT MARKET · NEW");
        assertThat(vm.resultIsErrorProperty().get()).isFalse();

        // the fill arrives later on the engine thread: the result line follows it
        Order filled = answered(r, "pn-test-1", OrderStatus.NEW, null).withFill(new BigDecimal("0.002"),
                new BigDecimal("48301.20"), 1);
        port.listener().onOrder(filled);
        assertThat(vm.resultProperty().get()).isEqualTo("Filled pn-test-1 · BUY 0.002 @ 48,301.20");
    }

    @Test
    void aRejectedOrderShowsItsReason() {
        OrderTicketViewModel vm = ticket(spot(), LAST, new BigDecimal("10000"), null);
        vm.typeProperty().set(OrderType.LIMIT);
        vm.quantityProperty().set("0.001");
        vm.priceProperty().set("47000");
        port.answer = c -> CompletableFuture.completedFuture(answered(((TradingCommand.SubmitOrder) c).request(),
                "pn-test-2", OrderStatus.REJECTED, "venue: paper exchange fills MARKET orders only (type LIMIT)"));
        OrderPreview p = vm.review().orElseThrow();
        assertThat(p.notional()).isEqualByComparingTo("47"); // 0.001 × 47,000
        vm.send(p);
        OrderRequest r = ((TradingCommand.SubmitOrder) port.commands.getFirst()).request();
        assertThat(r.timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(r.price()).isEqualByComparingTo("47000");
        assertThat(vm.resultProperty().get()).isEqualTo("Rejected pn-test-2 (BUY 0.001 BTCUSDT LIMIT) — venue: paper "
                + "exchange fills MARKET orders only (type LIMIT)");
        assertThat(vm.resultIsErrorProperty().get()).isTrue();

        // an engine that refuses the command itself (queue full) is reported too
        port.answer = c -> CompletableFuture.failedFuture(new java.util.concurrent.RejectedExecutionException(
                "engine queue full (4096 events waiting); try again"));
        vm.send(vm.review().orElseThrow());
        assertThat(vm.resultProperty().get()).isEqualTo("Not sent — engine queue full (4096 events waiting); try again");
    }

    @Test
    void futuresOrderCarriesLeverageMarginAndReduceOnly() {
        OrderTicketViewModel vm = ticket(futures(), new BigDecimal("30000"), new BigDecimal("1000"), null);
        vm.typeProperty().set(OrderType.LIMIT);
        vm.timeInForceProperty().set(TimeInForce.GTX);
        vm.quantityProperty().set("0.010");
        vm.priceProperty().set("29950.0");
        vm.leverageProperty().set("20");
        vm.reduceOnlyProperty().set(true);
        OrderPreview p = vm.review().orElseThrow();
        // 0.010 × 29,950 = 299.50 USDT; fee 0.05 % = 0.14975; margin 299.50 / 20 = 14.975
        assertThat(p.notional()).isEqualByComparingTo("299.5");
        assertThat(p.fee()).isEqualByComparingTo("0.14975");
        assertThat(p.margin()).isEqualByComparingTo("14.975");
        assertThat(p.lines()).contains(new OrderPreview.Line("Margin", "≈ 14.98 USDT (notional / 20x, CROSSED)"));
        vm.send(p);
        assertThat(port.calls).containsExactly("leverage 20", "submit SubmitOrder");
        OrderRequest r = ((TradingCommand.SubmitOrder) port.commands.getFirst()).request();
        assertThat(r.timeInForce()).isEqualTo(TimeInForce.GTX);
        assertThat(r.options().reduceOnly()).isTrue();
        assertThat(r.market()).isEqualTo(Market.USDM_FUTURES);

        vm.leverageProperty().set("200");
        assertThat(vm.validationProperty().get()).isEqualTo("Leverage: must be a whole number within 1..125, was '200'");
        vm.leverageProperty().set("20");
        vm.marginModeProperty().set(OrderTicketViewModel.MarginMode.ISOLATED);
        assertThat(vm.validationProperty().get())
                .isEqualTo("Margin mode: ISOLATED is not modelled by the paper ledger yet (cross margin only)");
        vm.marginModeProperty().set(OrderTicketViewModel.MarginMode.CROSSED);
        vm.typeProperty().set(OrderType.TRAILING_STOP_MARKET);
        vm.callbackRateProperty().set("12");
        assertThat(vm.validationProperty().get()).isEqualTo("Callback rate: must be within 0.1 and 10 %");
        vm.callbackRateProperty().set("1.5");
        vm.quantityProperty().set("0.010");
        OrderRequest trailing = ((TradingCommand.SubmitOrder) vm.review().orElseThrow().command()).request();
        assertThat(trailing.options().callbackRate()).isEqualByComparingTo("1.5");
        assertThat(trailing.price()).isNull();
    }

    @Test
    void aBracketBecomesSubmitBracketAndItsExitsMustSitEitherSideOfTheEntry() {
        OrderTicketViewModel vm = ticket(spot(), LAST, new BigDecimal("10000"), null);
        vm.quantityProperty().set("0.002");
        vm.stopLossProperty().set("49000");
        assertThat(vm.validationProperty().get())
                .isEqualTo("Stop-loss: must be below the entry price 48,280.63 for a BUY");
        vm.stopLossProperty().set("47000");
        vm.takeProfitProperty().set("50000");
        TradingCommand c = vm.review().orElseThrow().command();
        assertThat(c).isInstanceOf(TradingCommand.SubmitBracket.class);
        TradingCommand.SubmitBracket b = (TradingCommand.SubmitBracket) c;
        assertThat(b.stopLoss()).isEqualByComparingTo("47000");
        assertThat(b.takeProfit()).isEqualByComparingTo("50000");
        assertThat(b.entry().type()).isEqualTo(OrderType.MARKET);
    }

    @Test
    void aStopThatWouldTriggerAtOnceIsRefused() {
        OrderTicketViewModel vm = ticket(spot(), LAST, new BigDecimal("10000"), spotLong("0.01"));
        vm.sideProperty().set(Side.SELL);
        vm.typeProperty().set(OrderType.STOP_LOSS);
        vm.quantityProperty().set("0.01");
        // a SELL stop-loss fires when the price falls to its stop: at 49,000 it would fire now (last 48,280.63)
        vm.stopPriceProperty().set("49000");
        assertThat(vm.validationProperty().get()).isEqualTo("Stop price: must be below the last price 48,280.63 "
                + "(a SELL STOP_LOSS triggers at or below its stop: this one would trigger at once)");
        vm.stopPriceProperty().set("47000");
        assertThat(vm.validationProperty().get()).isEmpty();
        OrderRequest r = ((TradingCommand.SubmitOrder) vm.review().orElseThrow().command()).request();
        assertThat(r.options().stopPrice()).isEqualByComparingTo("47000");
        assertThat(r.options().positionSide()).isEqualTo(PositionSide.BOTH);
    }

    @Test
    void withoutASessionNothingCanBeSent() {
        OrderTicketViewModel vm = new OrderTicketViewModel(Runnable::run);
        assertThat(vm.readyProperty().get()).isFalse();
        assertThat(vm.review()).isEmpty();
        assertThat(vm.validationProperty().get()).isEqualTo("No session: start a replay or live market data first");
        assertThat(OrderOptions.SPOT.reduceOnly()).isFalse();
    }
}
