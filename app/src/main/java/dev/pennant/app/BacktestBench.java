package dev.pennant.app;

import dev.pennant.core.backtest.BacktestResult;
import dev.pennant.core.backtest.ReferenceBacktest;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.exchange.binance.InstrumentSource;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bench backtest}: the reference strategy (issue 8: EMA(12)/EMA(26) cross, RSI(14, Wilder) &lt; 70, 95 % of
 * cash, next-bar open, 0.1 % fee, 10,000 USDT) over {@value #MIN_BARS} real BTCUSDT 1m bars through the full
 * engine path — strategy, risk checks, execution engine, paper venue with its fill model, ledger, performance
 * tracker — on one thread; then the same rules on ta4j's {@code BarSeriesManager} over the same bars.
 *
 * <p>The bars: every {@code BTCUSDT-1m-*} file in {@code shared/data/binance/spot/klines/BTCUSDT} in date order
 * (about 230,000 real bars), repeated to exactly {@value #MIN_BARS} and re-timed one minute apart (prices
 * and volumes untouched; a repetition's seam is one more price jump, like the gaps between the windows).
 * Prints {@code bars}, {@code trades}, {@code final_equity}, {@code bars_per_s} (wall time, median of the measured runs
 * after one warm-up), {@code bars_per_s_min}, {@code bars_per_cpu_s} (the engine thread's CPU time: what one core
 * does when other processes share the machine), {@code ta4j_baseline_bars_per_s}, {@code ta4j_baseline_bars_per_cpu_s},
 * {@code ta4j_trades} and {@code speedup_vs_ta4j} (wall-time medians).
 */
final class BacktestBench {

    static final int MIN_BARS = 1_000_000;
    private static final long T0 = 1_616_716_800_000L; // 2021-03-26T00:00Z, the first bar of the earliest window

    private BacktestBench() {
    }

    static void run(PrintWriter out, Path folder, int iterations, int count) throws IOException {
        List<Bar> real = realBars(folder);
        List<Bar> bars = repeat(real, count);
        Instrument inst = InstrumentSource.recorded(BarData.sharedBinanceDir()).choose(Market.SPOT, "BTCUSDT",
                bars.getFirst().openTime(), bars.getLast().openTime()).instrument();
        EngineConfig config = ReferenceBacktest.config(inst, Interval.M1);
        out.printf(Locale.ROOT, "real_bars: %d bars (%s)%n", real.size(), "every BTCUSDT 1m window, in date order, repeated and re-timed");
        out.flush();
        ReferenceBacktest.run(bars, config); // warm-up (JIT)
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] rates = new double[iterations];
        double[] cpuRates = new double[iterations];
        BacktestResult last = null;
        for (int i = 0; i < iterations; i++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            last = ReferenceBacktest.run(bars, config);
            cpuRates[i] = bars.size() * 1e9 / Math.max(1, cpu.getCurrentThreadCpuTime() - c0);
            rates[i] = last.barsPerSecond();
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        ReferenceBacktest.ta4jBaseline(bars); // warm-up
        double[] ta = new double[Math.max(1, iterations / 2)];
        double[] taCpu = new double[ta.length];
        ReferenceBacktest.Ta4jResult t = null;
        for (int i = 0; i < ta.length; i++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            t = ReferenceBacktest.ta4jBaseline(bars);
            taCpu[i] = bars.size() * 1e9 / Math.max(1, cpu.getCurrentThreadCpuTime() - c0);
            ta[i] = t.barsPerSecond(bars.size());
        }
        Arrays.sort(ta);
        Arrays.sort(taCpu);
        double median = rates[rates.length / 2];
        double taMedian = ta[ta.length / 2];
        out.printf(Locale.ROOT, "bars: %d bars%n", last.barsProcessed());
        out.printf(Locale.ROOT, "trades: %d%n", last.stats().trades());
        out.printf(Locale.ROOT, "final_equity: %.2f USDT%n", last.stats().finalEquity().doubleValue());
        out.printf(Locale.ROOT, "bars_per_s: %.0f bars/s%n", median);
        out.printf(Locale.ROOT, "bars_per_s_min: %.0f bars/s%n", rates[0]);
        out.printf(Locale.ROOT, "bars_per_cpu_s: %.0f bars/s%n", cpuRates[cpuRates.length / 2]);
        out.printf(Locale.ROOT, "ta4j_baseline_bars_per_s: %.0f bars/s%n", taMedian);
        out.printf(Locale.ROOT, "ta4j_baseline_bars_per_cpu_s: %.0f bars/s%n", taCpu[taCpu.length / 2]);
        out.printf(Locale.ROOT, "ta4j_trades: %d%n", t.trades());
        out.printf(Locale.ROOT, "speedup_vs_ta4j: %.2f x%n", median / taMedian);
        out.flush();
    }

    /** Every BTCUSDT 1m file of {@code folder}, in file-name (date) order. */
    static List<Bar> realBars(Path folder) throws IOException {
        List<Bar> out = new ArrayList<>();
        KlineCsvImporter importer = new KlineCsvImporter();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("BTCUSDT-1m-")).sorted().toList()) {
                out.addAll(importer.read(f).bars());
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no BTCUSDT-1m-* kline files in " + folder);
        }
        return out;
    }

    /**
     * {@code real} repeated to exactly {@code count} bars, re-timed one minute apart from {@link #T0}. Exactly 1,000,000:
     * ta4j 0.22's indicator cache holds at most 1,000,000 values on an unbounded series and then copies its whole
     * buffer on every new value, which would make the baseline quadratic beyond that.
     */
    static List<Bar> repeat(List<Bar> real, int count) {
        List<Bar> bars = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Bar b = real.get(i % real.size());
            long open = T0 + i * 60_000L;
            bars.add(new Bar(b.symbol(), Interval.M1, open, open + 59_999, b.open(), b.high(), b.low(), b.close(),
                    b.volume(), b.quoteVolume(), b.trades(), b.takerBuyBaseVolume(), b.takerBuyQuoteVolume(), true));
        }
        return bars;
    }
}
