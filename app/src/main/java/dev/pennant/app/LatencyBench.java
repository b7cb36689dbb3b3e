package dev.pennant.app;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.EngineLoop;
import dev.pennant.core.engine.SimulatedClock;
import dev.pennant.core.engine.TradingEngine;
import dev.pennant.core.execution.OrderEvent;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Side;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench latency}: in-process latency from a market event's arrival to the engine being done with it — through
 * the strategy, the risk engine and the paper venue's acknowledgement — the way a paper or live session runs it: the
 * event is handed from a source thread to the session's {@link EngineLoop} and timed until the engine thread finished
 * that bar (its equity event is the last thing the engine does per bar). Closed loop (the next bar is sent when the
 * previous one is done), so the figures are service latency, not queueing.
 *
 * <p>Figures: {@code p50_us}/{@code p99_us} over every bar of the real BTCUSDT 1m file (after 3 warm-up passes),
 * {@code signal_p99_us} over the bars whose signal sent an order, and {@code submit_p50_us}/{@code submit_p99_us}
 * for a manual command (SubmitOrder from another thread → risk → venue ack → future completed).
 */
final class LatencyBench {

    private LatencyBench() {
    }

    static void run(PrintWriter out, Path file, int iterations) throws IOException, InterruptedException {
        KlineImport data = new KlineCsvImporter().read(file);
        List<Bar> bars = data.bars();
        EngineConfig config = EngineConfig.defaults(data.symbol(), data.interval());
        long[] all = null;
        long[] signal = null;
        for (int pass = 0; pass < 3 + iterations; pass++) {
            long[][] r = barPass(bars, config);
            if (pass >= 3) {
                all = all == null ? r[0] : concat(all, r[0]);
                signal = signal == null ? r[1] : concat(signal, r[1]);
            }
        }
        // the submit pass sends 35,000 orders within one engine minute: its orders-per-minute breaker is off (0), every
        // other pre-trade rule stays on
        var g = config.risk().guards();
        EngineConfig unthrottled = new EngineConfig(config.instrument(), config.interval(), config.startingCash(),
                config.feeRate(), config.strategy(), config.risk().withGuards(g.withBreakers(0, g.maxExchangeErrors(),
                g.staleDataMs(), g.maxSlippageFraction(), g.breakerCooldownMs(), g.marginRatioReduce())));
        long[] submit = submitPass(bars, unthrottled, 3 * 5_000, 20_000);
        out.printf(Locale.ROOT, "bars: %d bars%n", all.length);
        out.printf(Locale.ROOT, "p50_us: %.1f us%n", pct(all, 0.50));
        out.printf(Locale.ROOT, "p99_us: %.1f us%n", pct(all, 0.99));
        out.printf(Locale.ROOT, "signal_bars: %d bars%n", signal.length);
        out.printf(Locale.ROOT, "signal_p99_us: %.1f us%n", pct(signal, 0.99));
        out.printf(Locale.ROOT, "submit_p50_us: %.1f us%n", pct(submit, 0.50));
        out.printf(Locale.ROOT, "submit_p99_us: %.1f us%n", pct(submit, 0.99));
        out.flush();
    }

    /** @return [latency of every bar, latency of bars that sent an order], ns */
    private static long[][] barPass(List<Bar> bars, EngineConfig config) throws InterruptedException {
        TradingEngine engine = TradingEngine.paper("lat", config, new SimulatedClock());
        SynchronousQueue<Long> done = new SynchronousQueue<>();
        boolean[] submitted = new boolean[1];
        engine.addListener(new EngineListener() {
            @Override
            public void onOrderEvent(OrderEvent event) {
                if (event instanceof OrderEvent.OrderAccepted) {
                    submitted[0] = true;
                }
            }

            @Override
            public void onEquity(EquitySnapshot snapshot) {
                try {
                    done.put(System.nanoTime());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        long[] lat = new long[bars.size()];
        long[] sig = new long[bars.size()];
        int n = 0;
        int s = 0;
        try (EngineLoop loop = new EngineLoop("engine-bench", 16)) {
            for (Bar b : bars) {
                submitted[0] = false;
                long t0 = System.nanoTime();
                loop.post(() -> engine.onBar(b));
                long t1 = done.poll(10, TimeUnit.SECONDS);
                lat[n++] = t1 - t0;
                if (submitted[0]) {
                    sig[s++] = t1 - t0;
                }
            }
        }
        return new long[][]{lat, Arrays.copyOf(sig, s)};
    }

    /** Submits and cancels MARKET orders from this thread while the engine has warmed up on the bars. */
    private static long[] submitPass(List<Bar> bars, EngineConfig config, int warmup, int measured) throws InterruptedException {
        TradingEngine engine = TradingEngine.paper("lats", config, new SimulatedClock());
        long[] lat = new long[measured];
        try (EngineLoop loop = new EngineLoop("engine-bench", 16)) {
            for (Bar b : bars.subList(0, Math.min(500, bars.size()))) {
                loop.post(() -> engine.onBar(b));
            }
            OrderRequest req = OrderRequest.market(Market.SPOT, config.instrument().symbol(), Side.BUY,
                    new BigDecimal("0.001"));
            for (int i = 0; i < warmup + measured; i++) {
                long t0 = System.nanoTime();
                Order o;
                try {
                    o = loop.call(() -> engine.execute(new TradingCommand.SubmitOrder(req))).get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("submit failed", e);
                }
                long t1 = System.nanoTime();
                if (o.status() == dev.pennant.core.model.OrderStatus.REJECTED) {
                    throw new IllegalStateException("bench order rejected: " + o.rejectReason());
                }
                loop.post(() -> engine.execute(new TradingCommand.CancelOrder(o.clientOrderId())));
                if (i >= warmup) {
                    lat[i - warmup] = t1 - t0;
                }
            }
        }
        return lat;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double pct(long[] ns, double q) {
        if (ns.length == 0) {
            return Double.NaN;
        }
        long[] c = ns.clone();
        Arrays.sort(c);
        return c[(int) Math.min(c.length - 1, Math.floor(q * c.length))] / 1_000.0;
    }
}
