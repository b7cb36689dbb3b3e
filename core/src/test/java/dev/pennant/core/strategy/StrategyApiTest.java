package dev.pennant.core.strategy;

import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.strategy.builtin.ReferenceStrategy;
import dev.pennant.core.strategy.calc.Cross;
import dev.pennant.core.strategy.calc.Ema;
import dev.pennant.core.strategy.calc.Window;
import dev.pennant.core.strategy.calc.WilderRsi;
import dev.pennant.core.strategy.rules.Comparison;
import dev.pennant.core.strategy.rules.Operand;
import dev.pennant.core.strategy.rules.RuleGroup;
import dev.pennant.core.strategy.rules.RuleParser;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Parameters, bar history, rule text and the incremental indicators (against ta4j on real data). */
class StrategyApiTest {

    private static List<Bar> bars;
    private static BarSeries series;

    @BeforeAll
    static void load() throws Exception {
        bars = new KlineCsvImporter().read(SharedData.btc1m()).bars();
        series = new BaseBarSeriesBuilder().withNumFactory(DoubleNumFactory.getInstance()).build();
        for (Bar b : bars) {
            series.barBuilder().timePeriod(Duration.ofMinutes(1)).endTime(Instant.ofEpochMilli(b.openTime() + 60_000))
                    .openPrice(b.open().doubleValue()).highPrice(b.high().doubleValue()).lowPrice(b.low().doubleValue())
                    .closePrice(b.close().doubleValue()).volume(b.volume().doubleValue()).add();
        }
    }

    @Test
    void parameterSpecsEnumerateTheirGridAndRejectValuesOutOfRange() {
        ParameterSpec p = ParameterSpec.ofInt("fastPeriod", 5, 20, 5, 10, "bars");
        assertThat(p.values()).containsExactly(5.0, 10.0, 15.0, 20.0);
        assertThat(ParameterSpec.ofDecimal("k", 1, 2, 0.3, 1.5, "σ").values()).containsExactly(1.0, 1.3, 1.6, 1.9, 2.0);
        assertThatThrownBy(() -> p.check(21)).hasMessage("fastPeriod must be within [5, 20], was 21");
        assertThatThrownBy(() -> p.check(7.5)).hasMessageContaining("fastPeriod must be a whole number");
        assertThatThrownBy(() -> ParameterSpec.ofInt("x", 5, 1, 1, 3, "")).hasMessageContaining("min 5.0 must be <= max 1.0");

        StrategyDefinition d = ReferenceStrategy.DEFINITION;
        assertThat(d.defaults().values().keySet()).containsExactly("fastPeriod", "slowPeriod", "rsiPeriod", "rsiEntryMax");
        assertThat(d.defaults().values().values()).containsExactly(12.0, 26.0, 14.0, 70.0);
        assertThat(d.parameters(Map.of("fastPeriod", 9)).getInt("fastPeriod")).isEqualTo(9);
        assertThatThrownBy(() -> d.parameters(Map.of("fast", 9))).hasMessageContaining("unknown parameter 'fast'")
                .hasMessageContaining("fastPeriod");
        assertThatThrownBy(() -> d.create(d.parameters(Map.of("fastPeriod", 30)))).hasMessageContaining("slowPeriod must be > fastPeriod");
        assertThat(Strategies.builtIn()).extracting(StrategyDefinition::id)
                .containsExactly("reference", "ema-adx", "bollinger-rsi", "donchian", "scalp-imbalance");
        assertThatThrownBy(() -> Strategies.byId("nope")).hasMessageContaining("unknown strategy 'nope'");
    }

    @Test
    void barHistoryReadsOnlyThePastAndKeepsItsCapacity() {
        BarHistory h = new BarHistory(3); // rounded up to 4
        assertThat(h.capacity()).isEqualTo(4);
        for (int i = 0; i < 6; i++) {
            h.add(bars.get(i));
        }
        assertThat(h.count()).isEqualTo(6);
        assertThat(h.size()).isEqualTo(4);
        assertThat(h.close(0)).isEqualTo(bars.get(5).close().doubleValue());
        assertThat(h.high(3)).isEqualTo(bars.get(2).high().doubleValue());
        assertThat(h.openTime(1)).isEqualTo(bars.get(4).openTime());
        assertThatThrownBy(() -> h.close(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> h.close(-1)).isInstanceOf(IndexOutOfBoundsException.class); // no "future" index
    }

    @Test
    void incrementalIndicatorsEqualTa4jOnRealBars() {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        EMAIndicator e12 = new EMAIndicator(close, 12);
        EMAIndicator e26 = new EMAIndicator(close, 26);
        RSIIndicator rsi = new RSIIndicator(close, 14);
        SMAIndicator sma = new SMAIndicator(close, 20);
        StandardDeviationIndicator sd = new StandardDeviationIndicator(close, 20);
        CrossedUpIndicatorRule up = new CrossedUpIndicatorRule(e12, e26);
        CrossedDownIndicatorRule down = new CrossedDownIndicatorRule(e12, e26);
        Ema f = Ema.exponential(12);
        Ema s = Ema.exponential(26);
        WilderRsi r = new WilderRsi(14);
        Window w = new Window(20);
        Cross cross = new Cross();
        int crosses = 0;
        for (int i = 0; i < bars.size(); i++) {
            double c = bars.get(i).close().doubleValue();
            double fv = f.update(c);
            double sv = s.update(c);
            double rv = r.update(c);
            w.add(c);
            int x = cross.update(fv, sv);
            if (i >= 26) {
                assertThat(fv).as("EMA12 @%d", i).isCloseTo(e12.getValue(i).doubleValue(), within(1e-9));
                assertThat(sv).as("EMA26 @%d", i).isCloseTo(e26.getValue(i).doubleValue(), within(1e-9));
                assertThat(x == Cross.UP).as("cross up @%d", i).isEqualTo(up.isSatisfied(i));
                assertThat(x == Cross.DOWN).as("cross down @%d", i).isEqualTo(down.isSatisfied(i));
                crosses += x == Cross.NONE ? 0 : 1;
            }
            if (i >= 14) {
                assertThat(rv).as("RSI @%d", i).isCloseTo(rsi.getValue(i).doubleValue(), within(1e-7));
            }
            if (i >= 19) {
                assertThat(w.mean()).isCloseTo(sma.getValue(i).doubleValue(), within(1e-6));
                assertThat(w.stdDev()).as("σ @%d", i).isCloseTo(sd.getValue(i).doubleValue(), within(1e-4));
            }
        }
        assertThat(crosses).isGreaterThan(300);
        assertThat(new BollingerBandsMiddleIndicator(sma).getValue(100).doubleValue()).isEqualTo(sma.getValue(100).doubleValue());
    }

    @Test
    void ruleTextParsesIntoTheEditableModelAndPrintsBack() {
        RuleGroup g = RuleParser.parse("RSI(14) < 30 AND close > SMA(200)");
        assertThat(g.join()).isEqualTo(RuleGroup.Join.AND);
        assertThat(g.terms()).containsExactly(
                new Comparison(new Operand.Indicator(Operand.Kind.RSI, 14), Comparison.Operator.LT, new Operand.Constant(30)),
                new Comparison(new Operand.Price(Operand.Field.CLOSE), Comparison.Operator.GT,
                        new Operand.Indicator(Operand.Kind.SMA, 200)));
        assertThat(g.toString()).isEqualTo("RSI(14) < 30 AND close > SMA(200)");
        assertThat(RuleParser.parse(g.toString())).isEqualTo(g);
        assertThat(RuleParser.parse("ema(12) crosses_above EMA(26) or volume >= 12.5").toString())
                .isEqualTo("EMA(12) crosses_above EMA(26) OR volume >= 12.5");

        assertThatThrownBy(() -> RuleParser.parse("FOO(3) < 1")).hasMessageContaining("unknown indicator 'FOO'");
        assertThatThrownBy(() -> RuleParser.parse("RSI(14) 30")).hasMessageContaining("expected 'operand operator operand'");
        assertThatThrownBy(() -> RuleParser.parse("close > 1 AND close < 2 OR close > 3")).hasMessageContaining("mixes AND and OR");
        assertThatThrownBy(() -> RuleParser.parse("close ! 3")).hasMessageContaining("cannot read from position 7");
    }
}
