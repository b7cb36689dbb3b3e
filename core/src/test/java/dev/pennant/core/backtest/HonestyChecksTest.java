package dev.pennant.core.backtest;

import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.strategy.Strategy;
import dev.pennant.core.strategy.StrategyDecision;
import dev.pennant.core.strategy.builtin.ImbalanceScalpStrategy;
import dev.pennant.core.strategy.builtin.ReferenceStrategy;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The look-ahead detector and the backtest ↔ PAPER parity check on the real 10,081-bar file. */
class HonestyChecksTest {

    private static List<Bar> bars;
    private static EngineConfig config;

    @BeforeAll
    static void load() throws Exception {
        bars = new KlineCsvImporter().read(SharedData.btc1m()).bars();
        config = ReferenceBacktest.config(Instrument.defaultSpotUsdt("BTCUSDT"), Interval.M1);
    }

    /**
     * A vectorised-style cheat: it is handed the run's data and buys when the NEXT bar closes higher (sells when
     * lower) — a shifted series, the classic look-ahead bug.
     */
    private static final class PeekingStrategy implements Strategy {
        private final Map<Long, Double> nextClose = new HashMap<>();

        PeekingStrategy(List<Bar> data) {
            for (int i = 0; i + 1 < data.size(); i++) {
                nextClose.put(data.get(i).openTime(), data.get(i + 1).close().doubleValue());
            }
        }

        @Override public String name() { return "peeking"; }
        @Override public List<IndicatorSpec> indicators() { return List.of(); }

        @Override
        public StrategyDecision onBar(Bar bar, Position position) {
            IndicatorSnapshot none = new IndicatorSnapshot(bar.openTime(), Map.of());
            Double next = nextClose.get(bar.openTime());
            if (next == null) {
                return StrategyDecision.none(none);
            }
            boolean flat = position.quantity().signum() == 0;
            double close = bar.close().doubleValue();
            if (flat && next > close * 1.001) {
                return new StrategyDecision(none, Side.BUY, "NEXT_CLOSE_HIGHER");
            }
            if (!flat && next < close) {
                return new StrategyDecision(none, Side.SELL, "NEXT_CLOSE_LOWER");
            }
            return StrategyDecision.none(none);
        }
    }

    @Test
    void theReferenceStrategyPassesTheLookAheadDetector() {
        LookAheadDetector.Report r = LookAheadDetector.check(bars, config, data -> new ReferenceStrategy(), 40);
        assertThat(r.signals()).isGreaterThan(300);
        assertThat(r.checked()).isEqualTo(40);
        assertThat(r.mismatches()).isEmpty();
        assertThat(r.clean()).isTrue();
    }

    @Test
    void aStrategyThatReadsTheNextBarIsCaught() {
        LookAheadDetector.Report r = LookAheadDetector.check(bars, config, PeekingStrategy::new, 20);
        assertThat(r.signals()).isGreaterThan(20);
        assertThat(r.clean()).isFalse();
        // truncated at its own signal bar the cheat has no "next" bar: the signal vanishes
        assertThat(r.mismatches()).isNotEmpty().allSatisfy(m -> assertThat(m.truncatedRun()).isEqualTo("none"));
    }

    @Test
    void aPaperReplayMakesTheBacktestsFillsExactly() throws Exception {
        ParityCheck.Report ref = ParityCheck.run(bars, config, ReferenceStrategy::new, 120);
        assertThat(ref.backtestFills()).isEqualTo(353);
        assertThat(ref.differences()).isEmpty();
        assertThat(ref.identical()).isTrue();

        // brackets (stop-loss / take-profit exits, OCO) on the intra-bar path as well
        ParityCheck.Report scalp = ParityCheck.run(bars, config,
                () -> ImbalanceScalpStrategy.DEFINITION.create(), 120);
        assertThat(scalp.backtestFills()).isGreaterThan(50);
        assertThat(scalp.differences()).isEmpty();
    }

    @Test
    void theParityCheckReportsEveryDifference() {
        List<Fill> a = ReferenceBacktest.run(bars.subList(0, 3000), config).fills();
        Fill f = a.get(1);
        Fill moved = new Fill(f.tradeId(), f.clientOrderId(), f.symbol(), f.side(), f.quantity(),
                f.price().add(java.math.BigDecimal.ONE), f.commission(), f.commissionAsset(), f.liquiditySide(),
                f.time() + 60_000, f.realizedPnl(), f.market(), f.positionSide());
        List<Fill> b = new java.util.ArrayList<>(a);
        b.set(1, moved);
        b.removeLast();
        ParityCheck.Report r = ParityCheck.compare(a, b);
        assertThat(r.differences()).extracting(ParityCheck.Difference::field).containsExactly("price", "time", "missing");
        assertThat(r.differences().get(0).index()).isEqualTo(1);
        assertThat(r.differences().get(2).paper()).isEqualTo("-");
    }
}
