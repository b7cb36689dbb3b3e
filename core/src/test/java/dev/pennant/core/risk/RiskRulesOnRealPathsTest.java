package dev.pennant.core.risk;

import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Sizing, history-based limits, VaR and breakers of {@link RiskGovernor} on real recorded price paths. */
class RiskRulesOnRealPathsTest {

    private static final Instrument BTC = Instrument.defaultSpotUsdt("BTCUSDT");

    private static RiskGovernor feed(RiskLimits limits, List<Bar> bars) {
        RiskGovernor g = new RiskGovernor("account", limits, null);
        for (Bar b : bars) {
            g.onBar(b.symbol(), b.high().doubleValue(), b.low().doubleValue(), b.close().doubleValue(), b.closeTime());
        }
        return g;
    }

    /** Wilder ATR(14) computed here: SMA of the first 14 true ranges, then (prev × 13 + TR) / 14. */
    private static double atr(List<Bar> bars) {
        double atr = 0;
        for (int i = 1; i < bars.size(); i++) {
            double h = bars.get(i).high().doubleValue();
            double l = bars.get(i).low().doubleValue();
            double pc = bars.get(i - 1).close().doubleValue();
            double tr = Math.max(h - l, Math.max(Math.abs(h - pc), Math.abs(l - pc)));
            atr = i <= 14 ? atr + tr / 14 : (atr * 13 + tr) / 14;
        }
        return atr;
    }

    private static Fill fill(String symbol, Side side, String qty, BigDecimal price, Market m) {
        return new Fill(1, "t-" + symbol, symbol, side, new BigDecimal(qty), price, BigDecimal.ZERO, "USDT",
                LiquiditySide.TAKER, 0, BigDecimal.ZERO, m, PositionSide.BOTH);
    }

    @Test
    void volatilitySizingShrinksTheEntryWhenTheCrashWidensTheAtr() {
        RiskLimits limits = RiskLimits.defaults().withSizing(RiskLimits.Sizing.volatility(0.01, 2));
        List<Bar> calm = RiskRig.between(RiskRig.btc1m(), "2021-05-16T10:00:00Z", "2021-05-16T12:00:00Z");
        List<Bar> crash = RiskRig.between(RiskRig.btc1m(), "2021-05-19T12:00:00Z", "2021-05-19T14:00:00Z");
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        BigDecimal[] sizes = new BigDecimal[2];
        int k = 0;
        for (List<Bar> path : List.of(calm, crash)) {
            RiskGovernor g = feed(limits, path);
            double atr = atr(path);
            assertThat(g.series("BTCUSDT").atr()).isCloseTo(atr, within(1e-6));
            BigDecimal ref = path.getLast().close();
            BigDecimal q = PositionSizer.size(limits, BTC, p, ref, atr, null);
            // 1 % of 10,000 lost at a stop 2 ATR away, capped by the cash, rounded down to the 0.00001 step
            double expected = Math.min(100 / (2 * atr), 10000 / (ref.doubleValue() * 1.001));
            assertThat(q).isEqualByComparingTo(BigDecimal.valueOf(expected).setScale(5, RoundingMode.DOWN));
            sizes[k++] = q;
        }
        assertThat(sizes[1]).isLessThan(sizes[0]);
    }

    @Test
    void cappedKellyAndTheSymbolBudgetBoundTheSize() {
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        BigDecimal ref = RiskRig.btc1m().getFirst().close();
        RiskLimits kelly = RiskLimits.defaults().withSizing(RiskLimits.Sizing.kelly(0.55, 1.5, 0.10));
        assertThat(PositionSizer.kellyFraction(0.55, 1.5)).isCloseTo(0.25, within(1e-12));
        BigDecimal q = PositionSizer.size(kelly, BTC, p, ref, Double.NaN, null);
        assertThat(q).isEqualByComparingTo(BigDecimal.valueOf(1000 / ref.doubleValue() / 1.001).setScale(5, RoundingMode.DOWN));
        BigDecimal budget = PositionSizer.size(kelly, BTC, p, ref, Double.NaN, new BigDecimal("400"));
        assertThat(budget).isEqualByComparingTo(BigDecimal.valueOf(400 / ref.doubleValue() / 1.001).setScale(5, RoundingMode.DOWN));
        RiskLimits losing = RiskLimits.defaults().withSizing(RiskLimits.Sizing.kelly(0.3, 1.0, 0.10));
        assertThat(PositionSizer.size(losing, BTC, p, ref, Double.NaN, null)).isEqualByComparingTo("0");
    }

    @Test
    void leverageAllowedFallsWhenRealisedVolatilityRisesOnTheMay2021Futures() {
        List<Bar> all = RiskRig.bars("futures-um/klines/BTCUSDT/BTCUSDT-1h-20200101_20240418.ohlcv.markettrend.csv.gz");
        List<Bar> calm = RiskRig.between(all, "2020-10-01T00:00:00Z", "2020-10-11T16:00:00Z");
        List<Bar> crash = RiskRig.between(all, "2021-05-10T00:00:00Z", "2021-05-20T16:00:00Z");
        RiskLimits limits = RiskLimits.defaults().withGuards(RiskLimits.Guards.defaults().withPositions(0, null, 20, 0.03));
        RiskGovernor gc = feed(limits, calm);
        RiskGovernor gx = feed(limits, crash);
        double vol = dailyVol(crash);
        assertThat(gx.series("BTCUSDT").dailyVolatility()).isCloseTo(vol, within(1e-9));
        assertThat(gx.allowedLeverage("BTCUSDT")).isEqualTo(Math.max(1, (int) Math.floor(20 * 0.03 / vol)));
        assertThat(gx.allowedLeverage("BTCUSDT")).isLessThan(gc.allowedLeverage("BTCUSDT"));
        Instrument fut = new Instrument("BTCUSDT", Market.USDM_FUTURES, "BTC", "USDT", new BigDecimal("0.1"),
                new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("1000"), new BigDecimal("5"));
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        p.setLeverage("BTCUSDT", 20);
        var req = OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.BUY, new BigDecimal("0.01"));
        RiskGovernor.Veto v = gx.preTrade(req, new BigDecimal("0.01"), crash.getLast().close(), fut, p, false, crash.getLast().closeTime());
        assertThat(v).isNotNull();
        assertThat(v.limit()).isEqualTo("max_leverage");
        assertThat(v.reason()).contains("reduced from 20x").contains("realised volatility");
    }

    /** Sample standard deviation of the last ≤ 256 close-to-close returns × √24 (1h bars). */
    private static double dailyVol(List<Bar> bars) {
        List<Double> r = new ArrayList<>();
        for (int i = 1; i < bars.size(); i++) {
            r.add(bars.get(i).close().doubleValue() / bars.get(i - 1).close().doubleValue() - 1);
        }
        List<Double> w = r.subList(Math.max(0, r.size() - 256), r.size());
        double m = w.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = w.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
        return Math.sqrt(ss / (w.size() - 1)) * Math.sqrt(24);
    }

    @Test
    void correlationLimitVetoesEthWhileBtcIsOpenFromTheirHourlyReturns() {
        List<Bar> btc = RiskRig.between(RiskRig.bars("spot/klines/BTCUSDT/BTCUSDT-1h-20210408_20210607.gatrading.csv.gz"),
                "2021-05-01T00:00:00Z", "2021-05-25T00:00:00Z");
        List<Bar> eth = RiskRig.between(RiskRig.bars("spot/klines/ETHUSDT/ETHUSDT-1h-20170817_20221029.ohlcv.aicryptobot.csv.gz"),
                "2021-05-01T00:00:00Z", "2021-05-25T00:00:00Z");
        RiskLimits limits = RiskLimits.defaults().withGuards(RiskLimits.Guards.defaults().withExposure(0, 0, 0.7));
        RiskGovernor g = new RiskGovernor("account", limits, null);
        Map<Long, Double> bt = new HashMap<>();
        for (Bar b : btc) {
            g.onBar("BTCUSDT", b.high().doubleValue(), b.low().doubleValue(), b.close().doubleValue(), b.closeTime());
        }
        for (Bar b : eth) {
            g.onBar("ETHUSDT", b.high().doubleValue(), b.low().doubleValue(), b.close().doubleValue(), b.closeTime());
        }
        // reference: returns keyed by close time, the last 256 of each, Pearson over the common times
        double rho = pearsonOfCommon(btc, eth);
        assertThat(g.correlation("ETHUSDT", "BTCUSDT")).isCloseTo(rho, within(1e-9));
        assertThat(rho).isGreaterThan(0.7);
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        p.apply(fill("BTCUSDT", Side.BUY, "0.05", btc.getLast().close(), Market.SPOT));
        p.mark("BTCUSDT", btc.getLast().close(), btc.getLast().closeTime());
        Instrument ethI = Instrument.defaultSpotUsdt("ETHUSDT");
        var req = OrderRequest.market(Market.SPOT, "ETHUSDT", Side.BUY, new BigDecimal("0.5"));
        RiskGovernor.Veto v = g.preTrade(req, new BigDecimal("0.5"), eth.getLast().close(), ethI, p, false, eth.getLast().closeTime());
        assertThat(v).isNotNull();
        assertThat(v.limit()).isEqualTo("max_correlation");
        assertThat(v.reason()).contains("ETHUSDT").contains("BTCUSDT");
        RiskGovernor loose = new RiskGovernor("account", RiskLimits.defaults().withGuards(
                RiskLimits.Guards.defaults().withExposure(0, 0, 0.99)), null);
        assertThat(loose.preTrade(req, new BigDecimal("0.5"), eth.getLast().close(), ethI, p, false, 0L)).isNull();
    }

    private static double pearsonOfCommon(List<Bar> a, List<Bar> b) {
        Map<Long, Double> ra = returns(a);
        Map<Long, Double> rb = returns(b);
        List<double[]> pairs = new ArrayList<>();
        ra.keySet().stream().sorted().filter(rb::containsKey).forEach(t -> pairs.add(new double[]{ra.get(t), rb.get(t)}));
        double ma = pairs.stream().mapToDouble(x -> x[0]).average().orElseThrow();
        double mb = pairs.stream().mapToDouble(x -> x[1]).average().orElseThrow();
        double sab = 0, saa = 0, sbb = 0;
        for (double[] x : pairs) {
            sab += (x[0] - ma) * (x[1] - mb);
            saa += (x[0] - ma) * (x[0] - ma);
            sbb += (x[1] - mb) * (x[1] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static Map<Long, Double> returns(List<Bar> bars) {
        Map<Long, Double> r = new HashMap<>();
        int from = Math.max(1, bars.size() - 256);
        for (int i = from; i < bars.size(); i++) {
            r.put(bars.get(i).closeTime(), bars.get(i).close().doubleValue() / bars.get(i - 1).close().doubleValue() - 1);
        }
        return r;
    }

    @Test
    void historicalVarOfTheOpenPositionMatchesAHandComputedQuantile() {
        List<Bar> crash = RiskRig.between(RiskRig.btc1m(), "2021-05-19T10:00:00Z", "2021-05-19T16:00:00Z");
        RiskGovernor g = feed(RiskLimits.defaults(), crash);
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        BigDecimal last = crash.getLast().close();
        p.apply(fill("BTCUSDT", Side.BUY, "0.1", last, Market.SPOT));
        p.mark("BTCUSDT", last, crash.getLast().closeTime());
        RiskSnapshot s = g.recompute(p, crash.getLast().closeTime());
        double notional = 0.1 * last.doubleValue();
        double[] pnl = new double[256];
        for (int i = 0; i < 256; i++) {
            int j = crash.size() - 256 + i;
            pnl[i] = notional * (crash.get(j).close().doubleValue() / crash.get(j - 1).close().doubleValue() - 1);
        }
        Arrays.sort(pnl);
        // k = ceil(0.05 × 256) = 13th worst; 1 % → ceil(2.56) = 3rd worst; × √1440 (1m bars to one day)
        assertThat(s.var95()).isCloseTo(-pnl[12] * Math.sqrt(1440), within(1e-6));
        assertThat(s.var99()).isCloseTo(-pnl[2] * Math.sqrt(1440), within(1e-6));
        assertThat(s.var99()).isGreaterThan(s.var95());
        assertThat(s.grossExposure()).isCloseTo(notional, within(1e-9));
        assertThat(s.correlation()[0][0]).isEqualTo(1.0);
    }

    @Test
    void staleDataHaltsUntilTheNextBarArrives() {
        List<Bar> bars = RiskRig.between(RiskRig.btc1m(), "2021-05-19T12:00:00Z", "2021-05-19T12:10:00Z");
        RiskLimits limits = RiskLimits.defaults().withGuards(RiskLimits.Guards.defaults().withBreakers(120, 5, 120_000, 0.05, 900_000, 0.2));
        RiskGovernor g = feed(limits, bars.subList(0, 5));
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        var req = OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, new BigDecimal("0.001"));
        long last = bars.get(4).closeTime();
        assertThat(g.preTrade(req, new BigDecimal("0.001"), bars.get(4).close(), BTC, p, false, last + 60_000)).isNull();
        RiskGovernor.Veto v = g.preTrade(req, new BigDecimal("0.001"), bars.get(4).close(), BTC, p, false, last + 180_000);
        assertThat(v.limit()).isEqualTo("stale_data");
        assertThat(g.state()).isEqualTo(RiskState.HALTED);
        Bar next = bars.get(5);
        g.onBar("BTCUSDT", next.high().doubleValue(), next.low().doubleValue(), next.close().doubleValue(), next.closeTime());
        assertThat(g.state()).isEqualTo(RiskState.ACTIVE);
    }

    @Test
    void repeatedVenueErrorsAndAbnormalSlippageHaltWithACooldown() {
        List<Bar> bars = RiskRig.between(RiskRig.btc1m(), "2021-05-19T12:00:00Z", "2021-05-19T14:00:00Z");
        List<RiskEvent> events = new ArrayList<>();
        RiskLimits limits = RiskLimits.defaults().withGuards(RiskLimits.Guards.defaults().withBreakers(120, 3, 0, 0.03, 900_000, 0.2));
        RiskGovernor g = new RiskGovernor("account", limits, events::add);
        long t = bars.getFirst().closeTime();
        g.onVenueReject(t, "venue: -2010 insufficient balance");
        g.onVenueReject(t, "venue: -2010 insufficient balance");
        assertThat(g.state()).isEqualTo(RiskState.ACTIVE);
        g.onVenueReject(t, "venue: -1013 filter failure");
        assertThat(g.state()).isEqualTo(RiskState.HALTED);
        assertThat(events.getLast().limit()).isEqualTo("exchange_errors");
        assertThat(events.getLast().lifts()).contains("15 min cooldown");
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        g.observe(p, t + 900_000);
        assertThat(g.state()).isEqualTo(RiskState.ACTIVE);
        // a market BUY sent at the 12:00 close that filled at the crash's lowest price would be favourable; the
        // adverse case: a SELL at 12:00's close filled at the low of the worst bar that followed
        Bar worst = bars.stream().min((a, b) -> a.low().compareTo(b.low())).orElseThrow();
        BigDecimal ref = bars.getFirst().close();
        double adverse = (ref.doubleValue() - worst.low().doubleValue()) / ref.doubleValue();
        assertThat(adverse).as("the crash's 2 h range").isGreaterThan(0.03);
        g.onApproved("s1", Side.SELL, ref, t);
        g.onFill("s1", worst.low(), worst.closeTime());
        assertThat(g.state()).isEqualTo(RiskState.HALTED);
        assertThat(events.getLast().limit()).isEqualTo("slippage");
        assertThat(events.getLast().value()).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f %%", adverse * 100));
        g.resume(worst.closeTime() + 1, new BigDecimal("10000"));
        assertThat(g.state()).isEqualTo(RiskState.ACTIVE);
    }

    @Test
    void openPositionsPositionSizeAndExposureLimitsAtCrashPrices() {
        List<Bar> bars = RiskRig.between(RiskRig.btc1m(), "2021-05-19T13:00:00Z", "2021-05-19T13:30:00Z");
        BigDecimal px = bars.getLast().close();
        RiskLimits limits = RiskLimits.defaults().withGuards(RiskLimits.Guards.defaults()
                .withPositions(1, new BigDecimal("3000"), 0, 0).withExposure(0.5, 0.5, 0));
        RiskGovernor g = feed(limits, bars);
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        var btcBuy = OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, new BigDecimal("0.05"));
        assertThat(g.preTrade(btcBuy, new BigDecimal("0.05"), px, BTC, p, false, 0L)).isNull();
        RiskGovernor.Veto size = g.preTrade(btcBuy, new BigDecimal("0.1"), px, BTC, p, false, 0L);
        assertThat(size.limit()).isEqualTo("max_position_size"); // 0.1 × ~36,000 > 3,000
        p.apply(fill("BTCUSDT", Side.BUY, "0.05", px, Market.SPOT));
        p.mark("BTCUSDT", px, 0);
        var ethBuy = OrderRequest.market(Market.SPOT, "ETHUSDT", Side.BUY, new BigDecimal("0.1"));
        RiskGovernor.Veto count = g.preTrade(ethBuy, new BigDecimal("0.1"), new BigDecimal("2500"),
                Instrument.defaultSpotUsdt("ETHUSDT"), p, false, 0L);
        assertThat(count.limit()).isEqualTo("max_open_positions");
        RiskGovernor.Veto gross = g.preTrade(btcBuy, new BigDecimal("0.03"), px, BTC, p, false, 0L);
        // 0.08 BTC ≈ 2,900 < 3,000 position cap, but gross (0.08 × px) / equity > 0.5? not at 10,000 equity
        double grossAfter = 0.08 * px.doubleValue() / p.equity().doubleValue();
        assertThat(gross == null).isEqualTo(grossAfter <= 0.5);
        RiskGovernor tight = feed(RiskLimits.defaults().withGuards(RiskLimits.Guards.defaults().withExposure(0.2, 0, 0)), bars);
        RiskGovernor.Veto g2 = tight.preTrade(btcBuy, new BigDecimal("0.03"), px, BTC, p, false, 0L);
        assertThat(g2.limit()).isEqualTo("max_gross_exposure");
        assertThat(tight.preTrade(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.SELL, new BigDecimal("0.05")),
                new BigDecimal("0.05"), px, BTC, p, true, 0L)).as("exits always pass").isNull();
    }
}
