package dev.pennant.ui.viewmodel;

import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.SymbolFilters;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders at a price from the chart ({@link ChartOrders}) and from the order-book ladder ({@link LadderTradingViewModel})
 * against the ticket on a fake engine: which orders a price offers, the pre-filled ticket, one-click off (pre-fill
 * only) and on (sent with the ticket's quantity), a book of another symbol refused.
 */
class PriceOrdersTest {

    private static final BigDecimal LAST = new BigDecimal("48280.63");
    private FakeSessionPort port;

    private OrderTicketViewModel ticket(Instrument inst) {
        OrderTicketViewModel vm = new OrderTicketViewModel(Runnable::run);
        port = new FakeSessionPort(inst);
        port.lastPrice = LAST;
        port.freeFunds = new BigDecimal("10000");
        vm.attach(port);
        port.listener().onEquity(new EquitySnapshot(0, port.freeFunds, BigDecimal.ZERO, port.freeFunds, BigDecimal.ZERO,
                BigDecimal.ZERO));
        return vm;
    }

    /** BTCUSDT spot listing what most spot symbols list: no plain STOP_LOSS, so the stop is STOP_LOSS_LIMIT. */
    private static Instrument spotWithoutStopLoss() {
        Instrument d = Instrument.defaultSpotUsdt("BTCUSDT");
        return new Instrument(d.symbol(), Market.SPOT, d.baseAsset(), d.quoteAsset(), d.tickSize(), d.stepSize(),
                d.minQty(), d.maxQty(), d.minNotional(), d.filters(), "TRADING", 8, 8, 8, 8,
                List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"), List.of(), List.of());
    }

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

    private static Ladder book(Market m, String symbol) {
        return new Ladder(m, symbol, 1, List.of(new Ladder.Level(new BigDecimal("48280.62"), BigDecimal.ONE, BigDecimal.ONE)),
                List.of(new Ladder.Level(new BigDecimal("48280.63"), BigDecimal.ONE, BigDecimal.ONE)),
                new BigDecimal("0.01"), new BigDecimal("48280.625"), 1);
    }

    @Test
    void belowTheLastPriceTheChartOffersABuyLimitAndASellStopRoundedToTheTick() {
        OrderTicketViewModel t = ticket(Instrument.defaultSpotUsdt("BTCUSDT"));
        ChartOrders orders = new ChartOrders(t);
        // 48,000.004 is 0.4 of a 0.01 tick above 48,000.00: the nearest tick is 48,000.00
        List<ChartOrders.Choice> below = orders.at(new BigDecimal("48000.004"));
        assertThat(below).extracting(ChartOrders.Choice::label)
                .containsExactly("Buy LIMIT @ 48,000.00", "Sell STOP_LOSS @ 48,000.00");
        assertThat(below).extracting(ChartOrders.Choice::id).containsExactly("chartOrder-BUY-LIMIT", "chartOrder-SELL-STOP");
        List<ChartOrders.Choice> above = orders.at(new BigDecimal("49000.006"));
        assertThat(above).extracting(ChartOrders.Choice::label)
                .containsExactly("Sell LIMIT @ 49,000.01", "Buy STOP_LOSS @ 49,000.01");

        t.quantityProperty().set("0.002");
        assertThat(orders.prefill(below.getFirst())).isTrue();
        assertThat(t.sideProperty().get()).isEqualTo(Side.BUY);
        assertThat(t.typeProperty().get()).isEqualTo(OrderType.LIMIT);
        assertThat(t.priceProperty().get()).isEqualTo("48000.00");
        assertThat(t.quantityProperty().get()).isEqualTo("0.002"); // the trader's quantity stays
        assertThat(t.review()).isPresent();
    }

    @Test
    void aStopOnASymbolWithoutPlainStopLossIsAStopLimitAtTheStopPrice() {
        OrderTicketViewModel t = ticket(spotWithoutStopLoss());
        ChartOrders orders = new ChartOrders(t);
        ChartOrders.Choice buyStop = orders.at(new BigDecimal("49000")).get(1);
        assertThat(buyStop.type()).isEqualTo(OrderType.STOP_LOSS_LIMIT);
        assertThat(orders.prefill(buyStop)).isTrue();
        assertThat(t.stopPriceProperty().get()).isEqualTo("49000.00");
        assertThat(t.priceProperty().get()).isEqualTo("49000.00");
        assertThat(t.sideProperty().get()).isEqualTo(Side.BUY);
    }

    @Test
    void futuresStopsAreStopMarketOnTheFuturesTick() { // tick 0.10: 47,000.06 → 47,000.1
        OrderTicketViewModel t = ticket(futures());
        List<ChartOrders.Choice> c = new ChartOrders(t).at(new BigDecimal("47000.06"));
        assertThat(c).extracting(ChartOrders.Choice::label)
                .containsExactly("Buy LIMIT @ 47,000.1", "Sell STOP_MARKET @ 47,000.1");
    }

    @Test
    void ladderClickWithOneClickOffOnlyPrefillsTheTicket() {
        OrderTicketViewModel t = ticket(Instrument.defaultSpotUsdt("BTCUSDT"));
        LadderTradingViewModel ladder = new LadderTradingViewModel(t);
        assertThat(ladder.oneClickProperty().get()).as("one-click is off by default").isFalse();
        t.quantityProperty().set("0.001");
        assertThat(ladder.click(book(Market.SPOT, "BTCUSDT"), true, new BigDecimal("48280.62"))).isTrue();
        assertThat(t.sideProperty().get()).isEqualTo(Side.BUY);
        assertThat(t.typeProperty().get()).isEqualTo(OrderType.LIMIT);
        assertThat(t.priceProperty().get()).isEqualTo("48280.62");
        assertThat(port.commands).isEmpty();
        assertThat(ladder.messageProperty().get()).isEqualTo("Ticket pre-filled: BUY LIMIT @ 48280.62 — review it there");
    }

    @Test
    void ladderClickWithOneClickOnSendsALimitWithTheTicketsQuantity() {
        OrderTicketViewModel t = ticket(Instrument.defaultSpotUsdt("BTCUSDT"));
        LadderTradingViewModel ladder = new LadderTradingViewModel(t);
        ladder.oneClickProperty().set(true);
        t.quantityProperty().set("0.001");
        // an ask level: SELL; spot cannot sell what it does not hold — refused by the ticket's rule, nothing sent
        assertThat(ladder.click(book(Market.SPOT, "BTCUSDT"), false, new BigDecimal("48280.63"))).isFalse();
        assertThat(port.commands).isEmpty();
        assertThat(ladder.messageProperty().get()).startsWith("One-click SELL LIMIT @ 48280.63 not sent — Quantity:");
        // a bid level: BUY 0.001 LIMIT at the level's price, sent at once
        assertThat(ladder.click(book(Market.SPOT, "BTCUSDT"), true, new BigDecimal("48280.62"))).isTrue();
        assertThat(port.commands).hasSize(1);
        TradingCommand.SubmitOrder sent = (TradingCommand.SubmitOrder) port.commands.getFirst();
        assertThat(sent.request().side()).isEqualTo(Side.BUY);
        assertThat(sent.request().type()).isEqualTo(OrderType.LIMIT);
        assertThat(sent.request().price()).isEqualByComparingTo("48280.62");
        assertThat(sent.request().quantity()).isEqualByComparingTo("0.001");
        // a mode switch turns one-click off
        ladder.modeChanged();
        assertThat(ladder.oneClickProperty().get()).isFalse();
    }

    @Test
    void aBookOfAnotherSymbolPlacesNothing() {
        OrderTicketViewModel t = ticket(Instrument.defaultSpotUsdt("BTCUSDT"));
        LadderTradingViewModel ladder = new LadderTradingViewModel(t);
        ladder.oneClickProperty().set(true);
        t.quantityProperty().set("0.001");
        assertThat(ladder.click(book(Market.SPOT, "ETHUSDT"), true, new BigDecimal("3000"))).isFalse();
        assertThat(ladder.click(book(Market.USDM_FUTURES, "BTCUSDT"), true, new BigDecimal("48280.62"))).isFalse();
        assertThat(port.commands).isEmpty();
        assertThat(ladder.messageProperty().get()).isEqualTo("The book shows BTCUSDT (USD-M futures), the session trades BTCUSDT "
                + "(spot) — open BTCUSDT's chart to trade it");
    }
}
