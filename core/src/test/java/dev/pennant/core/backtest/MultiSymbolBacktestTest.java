package dev.pennant.core.backtest;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.FundingMarks;
import dev.pennant.core.exchange.binance.InstrumentSource;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.Signal;
import dev.pennant.core.model.SignalAction;
import dev.pennant.core.portfolio.margin.FundingRates;
import dev.pennant.core.strategy.SignalPipeline;
import dev.pennant.core.strategy.builtin.EmaAdxStrategy;
import dev.pennant.core.strategy.builtin.ReferenceStrategy;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Several symbols in one run, warm-up, ranking across symbols, and futures shorts with brackets and funding. */
class MultiSymbolBacktestTest {

    private static List<Bar> load(String rel) throws Exception {
        return new KlineCsvImporter().read(SharedData.file(rel)).bars();
    }

    @Test
    void oneSymbolThroughTheSpecTradesLikeTheSingleSymbolRun() throws Exception {
        List<Bar> btc = new KlineCsvImporter().read(SharedData.btc1m()).bars();
        EngineConfig cfg = ReferenceBacktest.config(Instrument.defaultSpotUsdt("BTCUSDT"), Interval.M1);
        BacktestResult single = ReferenceBacktest.run(btc, cfg);
        BacktestResult spec = Backtester.run(BacktestSpec.builder(cfg).bars(btc).strategy(i -> new ReferenceStrategy()).build());
        assertThat(spec.fills()).isEqualTo(single.fills());
        assertThat(spec.stats()).isEqualTo(single.stats());
    }

    @Test
    void twoSymbolsShareOneAccountMergedByTimeAndRankedPerSlice() throws Exception {
        List<Bar> btc = load("spot/klines/BTCUSDT/BTCUSDT-1m-20251029_20251101.forecasttest.csv.gz");
        List<Bar> eth = load("spot/klines/ETHUSDT/ETHUSDT-1m-20251029_20251101.forecasttest.csv.gz");
        EngineConfig cfg = ReferenceBacktest.config(Instrument.defaultSpotUsdt("BTCUSDT"), Interval.M1);
        List<Signal> signals = new ArrayList<>();
        EngineListener sig = new EngineListener() {
            @Override
            public void onSignal(Signal s, dev.pennant.core.ai.Explanation e) {
                signals.add(s);
            }
        };
        BacktestResult both = Backtester.run(BacktestSpec.builder(cfg)
                .symbol(Instrument.defaultSpotUsdt("BTCUSDT"), btc, null)
                .symbol(Instrument.defaultSpotUsdt("ETHUSDT"), eth, null)
                .strategy(i -> new ReferenceStrategy()).warmupBars(100).listener(sig).build());

        assertThat(both.barsProcessed()).isEqualTo(btc.size() + eth.size());
        Map<String, Long> bySymbol = both.fills().stream().collect(Collectors.groupingBy(Fill::symbol, Collectors.counting()));
        assertThat(bySymbol).containsKeys("BTCUSDT", "ETHUSDT");
        for (int i = 1; i < both.fills().size(); i++) {
            assertThat(both.fills().get(i).time()).isGreaterThanOrEqualTo(both.fills().get(i - 1).time());
        }
        // warm-up: nothing is signalled or traded on the first 100 bars of either symbol
        long warmEnd = Math.max(btc.get(99).closeTime(), eth.get(99).closeTime());
        assertThat(signals).allSatisfy(s -> assertThat(s.time()).isGreaterThan(Math.min(btc.get(99).closeTime(),
                eth.get(99).closeTime())));
        assertThat(both.fills().getFirst().time()).isGreaterThan(btc.get(99).openTime());
        assertThat(warmEnd).isPositive();

        // ranking: at most one entry per time slice across the two symbols
        List<Signal> ranked = new ArrayList<>();
        BacktestResult one = Backtester.run(BacktestSpec.builder(cfg)
                .symbol(Instrument.defaultSpotUsdt("BTCUSDT"), btc, null)
                .symbol(Instrument.defaultSpotUsdt("ETHUSDT"), eth, null)
                .strategy(i -> new ReferenceStrategy())
                .pipeline(SignalPipeline.builder().maxEntriesPerSlice(1).build())
                .listener(new EngineListener() {
                    @Override
                    public void onSignal(Signal s, dev.pennant.core.ai.Explanation e) {
                        ranked.add(s);
                    }
                }).build());
        Map<Long, Long> entriesPerSlice = ranked.stream().filter(s -> s.action() == SignalAction.LONG)
                .collect(Collectors.groupingBy(Signal::time, Collectors.counting()));
        assertThat(entriesPerSlice.values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));
        assertThat(one.fills()).isNotEmpty();
        // a ranked entry still fills at the next bar's open
        for (Fill f : one.fills()) {
            assertThat(f.time() % 60_000).isZero();
        }
    }

    @Test
    void futuresShortsWithBracketsAndFunding() throws Exception {
        List<Bar> bars = load("futures-um/klines/BTCUSDT/BTCUSDT-1h-20250101_20260731.binancequant.csv.gz");
        Instrument inst = InstrumentSource.recorded(SharedData.binance()).choose(Market.USDM_FUTURES, "BTCUSDT",
                bars.getFirst().openTime(), bars.getLast().openTime()).instrument();
        EngineConfig d = EngineConfig.defaults(inst, Interval.H1);
        FundingMarks funding = new FundingMarks(FundingRates.load(SharedData.binance().resolve("futures-um/fundingRate"), "BTCUSDT"));
        List<Signal> signals = new ArrayList<>();
        List<java.math.BigDecimal> fundingPaid = new ArrayList<>();
        var strategy = EmaAdxStrategy.DEFINITION.create(EmaAdxStrategy.DEFINITION.parameters(
                Map.of("allowShort", 1, "atrStop", 2)));
        BacktestResult r = Backtester.run(bars, d, strategy, funding, new EngineListener() {
            @Override
            public void onSignal(Signal s, dev.pennant.core.ai.Explanation e) {
                signals.add(s);
            }

            @Override
            public void onFunding(String symbol, dev.pennant.core.model.PositionSide side, java.math.BigDecimal amount,
                                  java.math.BigDecimal rate, long time) {
                fundingPaid.add(amount);
            }
        });
        assertThat(signals).anyMatch(s -> s.action() == SignalAction.SHORT && s.side() == Side.SELL
                && s.stopLoss() != null && s.stopLoss().compareTo(s.price()) > 0 && s.takeProfit().compareTo(s.price()) < 0);
        assertThat(signals).anyMatch(s -> s.action() == SignalAction.LONG);
        assertThat(signals).allSatisfy(s -> assertThat(s.confidence()).isBetween(0.0, 1.0));
        // exits by the bracket legs: their client ids end in -sl / -tp
        assertThat(r.fills()).anyMatch(f -> f.clientOrderId().endsWith("-sl") || f.clientOrderId().endsWith("-tp"));
        assertThat(r.fills()).anyMatch(f -> f.side() == Side.SELL && f.positionSide() != null);
        assertThat(fundingPaid).isNotEmpty();
    }

    @Test
    void aShortSignalOnSpotIsRecordedButNotTraded() throws Exception {
        List<Bar> btc = new KlineCsvImporter().read(SharedData.btc1m()).bars();
        EngineConfig cfg = EngineConfig.defaults("BTCUSDT", Interval.M1);
        List<Signal> signals = new ArrayList<>();
        var strategy = EmaAdxStrategy.DEFINITION.create(EmaAdxStrategy.DEFINITION.parameters(Map.of("allowShort", 1)));
        BacktestResult r = Backtester.run(btc, cfg, strategy, null, new EngineListener() {
            @Override
            public void onSignal(Signal s, dev.pennant.core.ai.Explanation e) {
                signals.add(s);
            }
        });
        assertThat(signals).anyMatch(s -> s.action() == SignalAction.SHORT);
        // every SELL fill closes a long: the position never goes below zero
        java.math.BigDecimal pos = java.math.BigDecimal.ZERO;
        for (Fill f : r.fills()) {
            pos = f.side() == Side.BUY ? pos.add(f.quantity()) : pos.subtract(f.quantity());
            assertThat(pos.signum()).isGreaterThanOrEqualTo(0);
        }
    }
}
