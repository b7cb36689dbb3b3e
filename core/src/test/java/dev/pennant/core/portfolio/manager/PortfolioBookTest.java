package dev.pennant.core.portfolio.manager;

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
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskEngine;
import dev.pennant.core.risk.RiskLevel;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two portfolios on one paper account over real BTCUSDT 1m bars: attribution, isolation, budgets, reconciliation. */
class PortfolioBookTest {

    private static List<Bar> bars;

    @BeforeAll
    static void load() throws Exception {
        bars = new KlineCsvImporter().read(SharedData.btc1m()).bars().subList(0, 60);
    }

    private TradingEngine engine;
    private PortfolioBook book;

    private void setUp() {
        Instrument inst = Instrument.defaultSpotUsdt("BTCUSDT");
        PaperExchange venue = new PaperExchange(PaperExchangeConfig.defaults().withSpotFees(
                new PaperExchangeConfig.FeeSchedule(new BigDecimal("0.001"), new BigDecimal("0.001"), false)), List.of(inst));
        venue.deposit("USDT", new BigDecimal("10000"));
        engine = new TradingEngine("pb", new RuleBasedExplainer(EmaCrossRsiStrategy.Parameters.defaults()),
                new RiskEngine(RiskLimits.defaults()), venue, new Portfolio("USDT", new BigDecimal("10000")), new SimulatedClock());
        engine.addInstrument(inst);
        book = new PortfolioBook(null);
        book.put(new PortfolioDefinition(1, "Trend", PortfolioMode.PAPER, "USDT", new BigDecimal("5000"),
                new BigDecimal("5000"), Map.of("BTCUSDT", new BigDecimal("5000")), RiskLevel.HIGH, List.of("EMA-cross+RSI"),
                false), new BigDecimal("5000"), null);
        book.put(new PortfolioDefinition(2, "Scalp", PortfolioMode.PAPER, "USDT", new BigDecimal("3000"),
                new BigDecimal("3000"), Map.of(), RiskLevel.HIGH, List.of(), false), new BigDecimal("3000"), null);
        engine.risk().setPortfolios(book);
        engine.addListener(book);
        engine.onBar(bars.get(0));
    }

    private Order order(Side side, String qty, String clientOrderId, String strategy) {
        OrderOptions o = OrderOptions.of(Market.SPOT).withStrategyId(strategy);
        return engine.execute(new TradingCommand.SubmitOrder(new OrderRequest("BTCUSDT", side, OrderType.MARKET, null,
                new BigDecimal(qty), null, o, clientOrderId, null)));
    }

    @Test
    void fillsAreBookedToThePortfolioThatPlacedTheOrderAndNeverConsumeAnothersAssets() {
        setUp();
        assertThat(order(Side.BUY, "0.05", "P1.t1", null).status()).isEqualTo(OrderStatus.NEW);
        engine.onBar(bars.get(1));
        BigDecimal px = bars.get(1).open();
        Portfolio trend = book.ledger("1");
        assertThat(trend.position("BTCUSDT").quantity()).isEqualByComparingTo("0.05");
        BigDecimal cost = px.multiply(new BigDecimal("0.05"));
        assertThat(trend.cash()).isEqualByComparingTo(new BigDecimal("5000").subtract(cost).subtract(cost.multiply(new BigDecimal("0.001"))));
        assertThat(trend.feesPaid()).isEqualByComparingTo(cost.multiply(new BigDecimal("0.001")));
        assertThat(book.ledger("2").position("BTCUSDT").quantity()).isEqualByComparingTo("0");

        Order steal = order(Side.SELL, "0.05", "P2.s1", null);
        assertThat(steal.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(steal.rejectReason()).contains("portfolio 2").contains("another portfolio's assets");

        Order tooBig = order(Side.BUY, "0.1", "P2.s2", null); // ≈ 4,700 USDT > Scalp's 3,000
        assertThat(tooBig.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(tooBig.rejectReason()).contains("budget for BTCUSDT");

        // an attached strategy's order is Trend's; with Scalp active, an untagged manual order is Scalp's
        book.setActive(2);
        assertThat(order(Side.BUY, "0.01", null, "EMA-cross+RSI").status()).isEqualTo(OrderStatus.NEW);
        assertThat(order(Side.BUY, "0.02", null, "manual").status()).isEqualTo(OrderStatus.NEW);
        engine.onBar(bars.get(2));
        assertThat(trend.position("BTCUSDT").quantity()).isEqualByComparingTo("0.06");
        assertThat(book.ledger("2").position("BTCUSDT").quantity()).isEqualByComparingTo("0.02");

        // reconciliation: the account's cash not held by a portfolio is shown, positions are fully attributed
        var lines = book.reconcile(engine.portfolio());
        var usdt = lines.stream().filter(l -> l.item().equals("USDT")).findFirst().orElseThrow();
        assertThat(usdt.account()).isEqualByComparingTo(engine.portfolio().cash());
        assertThat(usdt.attributed()).isEqualByComparingTo(trend.cash().add(book.ledger("2").cash()));
        assertThat(usdt.unattributed()).isEqualByComparingTo("2000");
        var btc = lines.stream().filter(l -> l.item().equals("BTCUSDT")).findFirst().orElseThrow();
        assertThat(btc.unattributed()).isEqualByComparingTo("0");
    }

    @Test
    void paperResetNeedsAFlatPortfolio() {
        setUp();
        order(Side.BUY, "0.01", "P2.x1", null);
        engine.onBar(bars.get(1));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> book.resetPaper(2, new BigDecimal("3000"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("open positions (BTCUSDT)");
        order(Side.SELL, "0.01", "P2.x2", null);
        engine.onBar(bars.get(2));
        book.resetPaper(2, new BigDecimal("3000"));
        assertThat(book.ledger("2").cash()).isEqualByComparingTo("3000");
        assertThat(book.ledger("2").realizedPnl()).isEqualByComparingTo("0");
    }
}
