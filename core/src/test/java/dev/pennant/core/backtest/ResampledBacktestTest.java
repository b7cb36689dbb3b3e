package dev.pennant.core.backtest;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Signal;
import dev.pennant.core.strategy.ResampledStrategy;
import dev.pennant.core.strategy.builtin.ReferenceStrategy;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A strategy on 1h closes while the engine and venue run on the finer 1m bars. */
class ResampledBacktestTest {

    /** Hourly bars built here from the 1m bars (UTC hours; the partial first hour dropped). */
    private static List<Bar> hourly(List<Bar> m1) {
        List<Bar> out = new ArrayList<>();
        long h = 3_600_000L;
        int i = 0;
        while (i < m1.size() && m1.get(i).openTime() % h != 0) {
            i++;
        }
        while (i + 59 < m1.size()) {
            List<Bar> hour = m1.subList(i, i + 60);
            long open = hour.getFirst().openTime();
            if (hour.getLast().openTime() != open + 59 * 60_000L) {
                throw new IllegalStateException("gap in the test data at " + open);
            }
            BigDecimal hi = hour.stream().map(Bar::high).reduce(BigDecimal::max).orElseThrow();
            BigDecimal lo = hour.stream().map(Bar::low).reduce(BigDecimal::min).orElseThrow();
            BigDecimal vol = hour.stream().map(Bar::volume).reduce(BigDecimal.ZERO, BigDecimal::add);
            out.add(Bar.ohlcv("BTCUSDT", Interval.H1, open, hour.getFirst().open(), hi, lo, hour.getLast().close(), vol));
            i += 60;
        }
        return out;
    }

    private static List<Signal> signals(List<Bar> bars, EngineConfig cfg, dev.pennant.core.strategy.Strategy s,
                                        List<dev.pennant.core.model.Fill> fills) {
        List<Signal> out = new ArrayList<>();
        fills.addAll(Backtester.run(bars, cfg, s, null, new EngineListener() {
            @Override
            public void onSignal(Signal signal, dev.pennant.core.ai.Explanation e) {
                out.add(signal);
            }
        }).fills());
        return out;
    }

    @Test
    void hourlyDecisionsOnMinuteBarsMatchAnHourlyBacktest() throws Exception {
        List<Bar> m1 = new KlineCsvImporter().read(SharedData.btc1m()).bars();
        List<Bar> h1 = hourly(m1);
        var p = ReferenceStrategy.DEFINITION.parameters(java.util.Map.of("fastPeriod", 5, "slowPeriod", 12, "rsiPeriod", 7));
        EngineConfig cfgH = ReferenceBacktest.config(Instrument.defaultSpotUsdt("BTCUSDT"), Interval.H1);
        EngineConfig cfgM = ReferenceBacktest.config(Instrument.defaultSpotUsdt("BTCUSDT"), Interval.M1);

        List<dev.pennant.core.model.Fill> fillsH = new ArrayList<>();
        List<dev.pennant.core.model.Fill> fillsM = new ArrayList<>();
        List<Signal> onHourly = signals(h1, cfgH, new ReferenceStrategy(p), fillsH);
        List<Signal> onMinutes = signals(m1, cfgM, new ResampledStrategy(new ReferenceStrategy(p), Interval.H1), fillsM);

        assertThat(onHourly).hasSizeGreaterThan(4);
        assertThat(onMinutes).extracting(s -> s.time() + " " + s.action() + " " + s.reason())
                .isEqualTo(onHourly.stream().map(s -> s.time() + " " + s.action() + " " + s.reason()).toList());
        // the fills happen at the same instants and prices: the next hour's open is the next minute's open
        assertThat(fillsM).extracting(f -> f.time() + " " + f.side() + " " + f.price().stripTrailingZeros().toPlainString())
                .isEqualTo(fillsH.stream().map(f -> f.time() + " " + f.side() + " " + f.price().stripTrailingZeros()
                        .toPlainString()).toList());
    }
}
