package dev.pennant.core.portfolio.manager;

import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.risk.RiskEvent;
import dev.pennant.core.risk.RiskLevel;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.risk.RiskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Portfolio CRUD on a real H2 history database, validation messages, risk events kept apart by mode. */
class PortfolioManagerTest {

    @TempDir
    Path dir;

    private static PortfolioDefinition def(String name, String total, String perSymbol) {
        return PortfolioDefinition.paper(name, new BigDecimal(total), new BigDecimal(perSymbol));
    }

    @Test
    void createRenameArchiveSwitchDeleteAndReopen() {
        long[] clock = {1_000};
        try (HistoryStore h = HistoryStore.open(dir)) {
            PortfolioManager m = new PortfolioManager(new PortfolioStore(h.dataSource()), new PortfolioBook(null), () -> clock[0]);
            PortfolioDefinition a = m.create(def("Trend", "5000", "2500").withAllocations(
                    Map.of("BTCUSDT", new BigDecimal("2500"), "ETHUSDT", new BigDecimal("2000"))).withStrategies(List.of("EMA-cross+RSI")));
            PortfolioDefinition b = m.create(def("Scalp", "1000", "500"));
            assertThat(a.id()).isPositive();
            assertThatThrownBy(() -> m.create(def("trend", "10", "10"))).isInstanceOf(InvalidSettingException.class)
                    .hasMessage("Name: 'trend' is already used by another portfolio");
            m.rename(b.id(), "Scalper");
            m.switchTo(a.id());
            m.archive(b.id(), true);
            assertThatThrownBy(() -> m.switchTo(b.id())).hasMessageContaining("archived");
            assertThatThrownBy(() -> m.delete(b.id(), "Scalp")).hasMessage("Confirmation: type the portfolio's name 'Scalper' to delete it");
            m.record("s1", PortfolioMode.PAPER, new RiskEvent(5, "portfolio:" + b.id(), RiskEvent.Kind.HALT, RiskState.HALTED,
                    "daily_loss", "5.10 %", "5.00 %", "at 2021-05-20T00:00:00Z", "x"));
            m.delete(b.id(), "Scalper");
            assertThat(m.list()).extracting(s -> s.definition().name()).containsExactly("Trend");
            assertThat(m.store().events(PortfolioMode.PAPER, 10)).as("a deleted portfolio's history stays").hasSize(1);
        }
        try (HistoryStore h = HistoryStore.open(dir)) {
            PortfolioBook book = new PortfolioBook(null);
            PortfolioManager m = new PortfolioManager(new PortfolioStore(h.dataSource()), book, () -> clock[0]);
            PortfolioStore.Stored s = m.list().getFirst();
            assertThat(s.definition().allocations()).containsEntry("BTCUSDT", new BigDecimal("2500.000000000000000000"));
            assertThat(s.definition().strategies()).containsExactly("EMA-cross+RSI");
            assertThat(s.active()).isTrue();
            assertThat(book.active()).isEqualTo(s.definition().id());
            assertThat(s.paperCash()).isEqualByComparingTo("5000");
        }
    }

    @Test
    void aRestartRebuildsEachLedgerFromItsStoredFillsAndAResetClearsThem() {
        long id;
        java.math.BigDecimal px = new BigDecimal("43000.5");
        try (HistoryStore h = HistoryStore.open(dir)) {
            PortfolioBook book = new PortfolioBook(null);
            PortfolioManager m = new PortfolioManager(new PortfolioStore(h.dataSource()), book, () -> 1L);
            id = m.create(def("Trend", "5000", "5000")).id();
            book.assign("P" + id + ".1", String.valueOf(id));
            book.onFill(new dev.pennant.core.model.Fill(1, "P" + id + ".1", "BTCUSDT", dev.pennant.core.model.Side.BUY,
                    new BigDecimal("0.05"), px, new BigDecimal("2.150025"), "USDT", dev.pennant.core.model.LiquiditySide.TAKER,
                    1_621_382_400_000L, BigDecimal.ZERO, dev.pennant.core.model.Market.SPOT,
                    dev.pennant.core.model.PositionSide.BOTH), null);
            assertThat(book.ledger(String.valueOf(id)).cash()).isEqualByComparingTo("2847.824975");
        }
        try (HistoryStore h = HistoryStore.open(dir)) {
            PortfolioBook book = new PortfolioBook(null);
            PortfolioManager m = new PortfolioManager(new PortfolioStore(h.dataSource()), book, () -> 2L);
            var ledger = book.ledger(String.valueOf(id));
            assertThat(ledger.position("BTCUSDT").quantity()).isEqualByComparingTo("0.05");
            assertThat(ledger.cash()).isEqualByComparingTo("2847.824975"); // 5000 − 0.05 × 43000.5 − 2.150025 fee
            assertThat(ledger.feesPaid()).isEqualByComparingTo("2.150025");
            assertThatThrownBy(() -> m.resetPaper(id)).hasMessageContaining("open positions");
        }
    }

    @Test
    void nonsenseSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> def("A", "-5", "1")).hasMessage("Total budget: must be above 0 USDT (was -5)");
        assertThatThrownBy(() -> def("A", "1000", "1500")).hasMessage("Max per symbol: must not exceed the total budget 1000 (was 1500)");
        assertThatThrownBy(() -> def("A", "1000", "500").withAllocations(Map.of("BTCUSDT", new BigDecimal("600"))))
                .hasMessage("Budget of BTCUSDT: must not exceed max per symbol 500 (was 600)");
        assertThatThrownBy(() -> def("A", "1000", "500").withAllocations(Map.of("BTCUSDT", new BigDecimal("-1"))))
                .hasMessage("Budget of BTCUSDT: must not be negative (was -1)");
        assertThatThrownBy(() -> def("A", "1000", "600").withAllocations(Map.of("BTCUSDT", new BigDecimal("600"),
                "ETHUSDT", new BigDecimal("600")))).hasMessage("Allocations: their sum 1200 exceeds the total budget 1000");
        PortfolioDefinition d = def("A", "1000", "1000").withAllocations(Map.of("BTCUSDT", new BigDecimal("500")));
        int bracket = PortfolioManager.maxLeverage("BTCUSDT");
        RiskLimits over = RiskLevel.HIGH.limits(new BigDecimal("0.001")).withGuards(
                RiskLevel.HIGH.limits(new BigDecimal("0.001")).guards().withPositions(12, null, bracket + 0, 0.08));
        PortfolioManager.validate(d, over);
        assertThat(bracket).isEqualTo(125);
        // bundled brackets: ETHUSDT's first bracket allows 75x
        RiskLimits tooHigh = over.withGuards(over.guards().withPositions(12, null, 100, 0.08));
        PortfolioDefinition eth = def("A", "1000", "1000").withAllocations(Map.of("ETHUSDT", new BigDecimal("500")));
        assertThat(PortfolioManager.maxLeverage("ETHUSDT")).isEqualTo(75);
        assertThatThrownBy(() -> PortfolioManager.validate(eth, tooHigh)).isInstanceOf(InvalidSettingException.class)
                .hasMessage("Max leverage: 100x is above the exchange bracket for ETHUSDT (at most 75x)");
        assertThatThrownBy(() -> new RiskLimits.Guards(0, 0, null, 0, null, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
                .hasMessageContaining("maxLeverage must be within 0..125");
    }

    @Test
    void paperResetAndEventsKeptApartByMode() {
        try (HistoryStore h = HistoryStore.open(dir)) {
            PortfolioManager m = new PortfolioManager(new PortfolioStore(h.dataSource()), new PortfolioBook(null), () -> 7L);
            PortfolioDefinition p = m.create(def("Paper one", "2000", "2000"));
            PortfolioDefinition live = m.create(new PortfolioDefinition(0, "Live one", PortfolioMode.LIVE, "USDT",
                    new BigDecimal("100"), new BigDecimal("100"), Map.of(), RiskLevel.LOW, List.of(), false));
            m.resetPaper(p.id());
            assertThatThrownBy(() -> m.resetPaper(live.id())).hasMessageContaining("only a PAPER portfolio");
            RiskEvent e = new RiskEvent(1, "portfolio:" + live.id(), RiskEvent.Kind.VETO, RiskState.ACTIVE, "max_open_positions",
                    "3", "3", "", "BUY 0.1 ETHUSDT");
            m.record("s", PortfolioMode.PAPER, e); // the portfolio is LIVE: stored as LIVE
            m.record("s", PortfolioMode.PAPER, new RiskEvent(2, "account", RiskEvent.Kind.HALT, RiskState.HALTED,
                    "max_drawdown", "25.1 %", "25 %", "x", "y"));
            assertThat(m.store().events(PortfolioMode.LIVE, 10)).extracting(s -> s.event().limit()).containsExactly("max_open_positions");
            assertThat(m.store().events(PortfolioMode.PAPER, 10)).extracting(s -> s.event().limit()).containsExactly("max_drawdown");
            m.setLimits(p.id(), RiskLevel.LOW.limits(new BigDecimal("0.001")));
            assertThat(m.limitsOf(p.id())).isEqualTo(RiskLevel.LOW.limits(new BigDecimal("0.001")));
        }
    }
}
