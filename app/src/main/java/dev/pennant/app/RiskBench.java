package dev.pennant.app;

import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.portfolio.manager.PortfolioBook;
import dev.pennant.core.portfolio.manager.PortfolioDefinition;
import dev.pennant.core.risk.RiskEngine;
import dev.pennant.core.risk.RiskGovernor;
import dev.pennant.core.risk.RiskLevel;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.risk.RiskSnapshot;
import dev.pennant.core.risk.ReturnSeries;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench risk}: {@code check_p99_us} — one pre-trade check ({@link RiskEngine#checkOrder}: exchange filters,
 * funds, the account governor's state and limits, the order's portfolio's ledger, budget and governor, all rules on:
 * {@link RiskLevel#HIGH} limits plus correlation) with 10 open positions; {@code recompute_ms} — the full
 * recomputation ({@link RiskGovernor#recompute}: exposure, 1-day VaR 95/99 %, the correlation matrix, margin ratio)
 * for 50 open positions with 256 returns each.
 *
 * <p>Price paths: 50 "symbols" cut from 50 disjoint windows of the recorded BTCUSDT 1m file (real returns), replayed
 * on one common clock so their returns align (the correlations between windows are then near zero, which changes no
 * work done).
 */
final class RiskBench {

    private static final int WINDOW = ReturnSeries.CAPACITY + 1;

    private RiskBench() {
    }

    static void run(PrintWriter out, Path file, int iterations) throws IOException {
        List<Bar> bars = new KlineCsvImporter().read(file).bars();
        int symbols = 50;
        if (bars.size() < symbols * WINDOW) {
            throw new IllegalArgumentException("--data needs at least " + symbols * WINDOW + " bars, has " + bars.size());
        }
        RiskLimits high = RiskLevel.HIGH.limits(new BigDecimal("0.001"));
        RiskLimits limits = high.withGuards(high.guards().withPositions(60, null, 20, 0.5).withExposure(50, 50, 0.99)
                .withBreakers(100_000, 3, 0, 0.05, 900_000, 0.2));
        RiskEngine risk = new RiskEngine(limits);
        Portfolio account = new Portfolio("USDT", new BigDecimal("1000000"));
        long[] now = {0};
        risk.attach(account, () -> now[0], e -> { }, c -> null);
        PortfolioBook book = new PortfolioBook(null);
        book.put(new PortfolioDefinition(1, "bench", dev.pennant.core.portfolio.manager.PortfolioMode.PAPER, "USDT",
                new BigDecimal("500000"), new BigDecimal("100000"), Map.of(), RiskLevel.HIGH, List.of(), false),
                new BigDecimal("500000"), limits);
        risk.setPortfolios(book);
        RiskGovernor g = risk.governor();
        long t0 = bars.getFirst().closeTime();
        String[] names = new String[symbols];
        for (int s = 0; s < symbols; s++) {
            names[s] = "S" + s + "USDT";
            for (int i = 0; i < WINDOW; i++) {
                Bar b = bars.get(s * WINDOW + i);
                long t = t0 + i * 60_000L;
                g.onBar(names[s], b.high().doubleValue(), b.low().doubleValue(), b.close().doubleValue(), t);
                book.governor("1").onBar(names[s], b.high().doubleValue(), b.low().doubleValue(), b.close().doubleValue(), t);
            }
        }
        now[0] = t0 + WINDOW * 60_000L;
        Portfolio fifty = new Portfolio("USDT", new BigDecimal("1000000"));
        for (int s = 0; s < symbols; s++) {
            BigDecimal px = bars.get(s * WINDOW + WINDOW - 1).close();
            Fill f = new Fill(s + 1, "b" + s, names[s], Side.BUY, new BigDecimal("0.1"), px, BigDecimal.ZERO, "USDT",
                    LiquiditySide.TAKER, now[0], BigDecimal.ZERO, Market.SPOT, PositionSide.BOTH);
            fifty.apply(f);
            fifty.mark(names[s], px, now[0]);
            if (s < 10) {
                account.apply(f);
                account.mark(names[s], px, now[0]);
                book.ledger("1").apply(f);
                book.ledger("1").mark(names[s], px, now[0]);
            }
        }
        // the pre-trade check: a portfolio's BUY of an 11th symbol, approved
        Instrument inst = Instrument.defaultSpotUsdt(names[10]);
        BigDecimal ref = bars.get(10 * WINDOW + WINDOW - 1).close();
        OrderRequest req = OrderRequest.market(Market.SPOT, names[10], Side.BUY, new BigDecimal("0.01"));
        int n = 200_000;
        long[] lat = new long[n];
        for (int round = 0; round < 3; round++) { // warm-up rounds, then the measured one
            for (int i = 0; i < n; i++) {
                OrderRequest r = req.withClientOrderId("P1.b" + i);
                now[0] += 1000;
                long a = System.nanoTime();
                var d = risk.checkOrder(r, r.quantity(), inst, account, ref, 0, 0);
                lat[i] = System.nanoTime() - a;
                if (!d.approved()) {
                    throw new IllegalStateException("bench order vetoed: " + d.reason());
                }
            }
        }
        Arrays.sort(lat);
        int runs = Math.max(1, iterations) * 100;
        double[] rec = new double[runs];
        RiskSnapshot snap = null;
        for (int i = -runs; i < runs; i++) { // first half warms up
            long a = System.nanoTime();
            snap = g.recompute(fifty, now[0]);
            if (i >= 0) {
                rec[i] = (System.nanoTime() - a) / 1e6;
            }
        }
        Arrays.sort(rec);
        out.printf(Locale.ROOT, "checks: %d pre-trade checks, %d open positions, all limits on%n", n, 10);
        out.printf(Locale.ROOT, "check_p50_us: %.2f us%n", lat[n / 2] / 1e3);
        out.printf(Locale.ROOT, "check_p99_us: %.2f us%n", lat[(int) (n * 0.99)] / 1e3);
        out.printf(Locale.ROOT, "recompute_positions: %d positions, %d returns each%n", snap.openPositions(),
                ReturnSeries.CAPACITY);
        out.printf(Locale.ROOT, "recompute_ms: %.3f ms%n", rec[runs / 2]);
        out.printf(Locale.ROOT, "recompute_p99_ms: %.3f ms%n", rec[(int) (runs * 0.99)]);
        out.printf(Locale.ROOT, "var95_1d: %.2f USDT, var99_1d: %.2f USDT (50 x 0.1 BTC-priced positions)%n",
                snap.var95(), snap.var99());
        out.flush();
    }
}
