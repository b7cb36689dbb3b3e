package dev.pennant.core.risk;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The halting rules through the real engine on the BTCUSDT 1m crash week (2021-05-15 → 05-22): a long position
 * placed by hand on the first bar; the expected halt and lift bars are computed here from the closes.
 */
class RiskBreachesOnRealPathsTest {

    private static final long DAY = 86_400_000L;

    /** Equity per bar after the fill (cash + qty × close), from the ledger state after the entry filled. */
    private static double[] equities(List<Bar> bars, Portfolio p, int fromBar) {
        double cash = p.cash().doubleValue();
        double qty = p.position("BTCUSDT").quantity().doubleValue();
        double[] eq = new double[bars.size()];
        for (int i = 0; i < bars.size(); i++) {
            eq[i] = i < fromBar ? 10_000 : cash + qty * bars.get(i).close().doubleValue();
        }
        return eq;
    }

    @Test
    void dailyLossHaltsOnTheCrashDayAndResetsAtUtcMidnightOfTheData() {
        RiskLimits limits = RiskLimits.defaults().withMaxDrawdownHalt(0.9)
                .withGuards(RiskLimits.Guards.defaults().withDailyLoss(0.05, null));
        RiskRig rig = RiskRig.spot(limits);
        List<Bar> bars = RiskRig.between(RiskRig.btc1m(), "2021-05-15T00:00:00Z", "2021-05-21T00:00:00Z");
        rig.feed(bars.subList(0, 1));
        assertThat(rig.market(Side.BUY, "0.15").status()).isEqualTo(OrderStatus.NEW);
        rig.feed(bars.subList(1, 2)); // fills at bar 1's open
        double[] eq = equities(bars, rig.engine.portfolio(), 1);

        // reference: the first bar of each UTC day sets the day's start equity; halt at loss >= 5 %; lift on the
        // first bar of the next day
        java.util.List<Long> expectedHalts = new java.util.ArrayList<>();
        java.util.List<Long> expectedLifts = new java.util.ArrayList<>();
        double dayStart = 0;
        long day = -1;
        boolean halted = false;
        for (int i = 0; i < bars.size(); i++) {
            long t = bars.get(i).closeTime();
            if (t / DAY != day) {
                day = t / DAY;
                dayStart = eq[i];
                if (halted) {
                    expectedLifts.add(t);
                    halted = false;
                }
            }
            if (!halted && (dayStart - eq[i]) / dayStart >= 0.05) {
                expectedHalts.add(t);
                halted = true;
            }
        }
        rig.feed(bars.subList(2, bars.size()));

        List<RiskEvent> halts = rig.events(RiskEvent.Kind.HALT, "daily_loss");
        assertThat(halts).extracting(RiskEvent::time).containsExactlyElementsOf(expectedHalts);
        assertThat(rig.events(RiskEvent.Kind.RESUME, "daily_loss")).extracting(RiskEvent::time)
                .containsExactlyElementsOf(expectedLifts);
        RiskEvent crash = halts.stream().filter(h -> Instant.ofEpochMilli(h.time()).toString().startsWith("2021-05-19"))
                .findFirst().orElseThrow(() -> new AssertionError("no daily-loss halt on the crash day: " + halts));
        assertThat(crash.state()).isEqualTo(RiskState.HALTED);
        assertThat(crash.threshold()).isEqualTo("5.00 %");
        assertThat(Double.parseDouble(crash.value().substring(0, crash.value().indexOf(' ')))).isGreaterThanOrEqualTo(5.0);
        assertThat(crash.lifts()).contains("2021-05-20T00:00:00Z").contains("new UTC day");
        assertThat(crash.describe()).contains("risk HALT 2021-05-19").contains("daily_loss").contains("lifts:");
        assertThat(expectedLifts).contains(Instant.parse("2021-05-20T00:00:59.999Z").toEpochMilli());
    }

    @Test
    void whileHaltedEntriesAreVetoedWithTheLimitAndExitsPass() {
        RiskLimits limits = RiskLimits.defaults().withMaxDrawdownHalt(0.9)
                .withGuards(RiskLimits.Guards.defaults().withDailyLoss(0.05, null));
        RiskRig rig = RiskRig.spot(limits);
        List<Bar> bars = RiskRig.between(RiskRig.btc1m(), "2021-05-19T00:00:00Z", "2021-05-20T00:00:00Z");
        rig.feed(bars.subList(0, 1));
        rig.market(Side.BUY, "0.2");
        int i = 1;
        while (rig.engine.risk().governor().state() == RiskState.ACTIVE) {
            rig.feed(bars.subList(i, i + 1));
            i++;
        }
        Order entry = rig.market(Side.BUY, "0.001");
        assertThat(entry.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(entry.rejectReason()).contains("HALTED").contains("daily_loss").contains("lifts");
        RiskEvent veto = rig.events.getLast();
        assertThat(veto.kind()).isEqualTo(RiskEvent.Kind.VETO);
        assertThat(veto.limit()).isEqualTo("daily_loss");
        Order exit = rig.market(Side.SELL, "0.2");
        assertThat(exit.status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void drawdownHaltIsReportedAndLiftsAfterItsCooldownInsteadOfLatchingForever() {
        RiskLimits limits = RiskLimits.defaults().withMaxDrawdownHalt(0.20)
                .withGuards(RiskLimits.Guards.defaults().withDrawdownCooldownMs(DAY));
        RiskRig rig = RiskRig.spot(limits);
        List<Bar> bars = RiskRig.between(RiskRig.btc1m(), "2021-05-15T00:00:00Z", "2021-05-22T00:00:00Z");
        rig.feed(bars.subList(0, 1));
        rig.market(Side.BUY, "0.2");
        rig.feed(bars.subList(1, 2));
        double[] eq = equities(bars, rig.engine.portfolio(), 1);
        // reference of the governor's rule: peak first, then the cooldown (re-basing the peak), then the limit
        double peak = 10_000;
        java.util.List<Long> halts = new java.util.ArrayList<>();
        java.util.List<Long> lifts = new java.util.ArrayList<>();
        long since = 0;
        boolean halted = false;
        for (int i = 0; i < bars.size(); i++) {
            long t = bars.get(i).closeTime();
            peak = Math.max(peak, eq[i]);
            if (halted && t >= since + DAY) {
                halted = false;
                lifts.add(t);
                peak = eq[i];
            }
            double dd = 1 - eq[i] / peak;
            if (!halted && dd >= 0.20) {
                halted = true;
                since = t;
                halts.add(t);
            } else if (halted && dd < 0.10) {
                halted = false;
                lifts.add(t);
            }
        }
        assertThat(halts).isNotEmpty();
        assertThat(lifts).isNotEmpty();
        rig.feed(bars.subList(2, bars.size()));
        assertThat(rig.events(RiskEvent.Kind.HALT, "max_drawdown")).extracting(RiskEvent::time).containsExactlyElementsOf(halts);
        assertThat(rig.events(RiskEvent.Kind.RESUME, "max_drawdown")).extracting(RiskEvent::time).containsExactlyElementsOf(lifts);
        RiskEvent h = rig.events(RiskEvent.Kind.HALT, "max_drawdown").getFirst();
        assertThat(Instant.ofEpochMilli(h.time()).toString()).startsWith("2021-05-19");
        assertThat(h.threshold()).isEqualTo("20.00 %");
        assertThat(Double.parseDouble(h.value().replace(" %", ""))).isGreaterThanOrEqualTo(20.0);
        assertThat(h.lifts()).contains("1-day cooldown").contains("manual resume");
        assertThat(rig.events(RiskEvent.Kind.RESUME, "max_drawdown")).allSatisfy(r -> assertThat(r.lifts())
                .containsAnyOf("back within half the limit", "cooldown over; peak re-based"));
        assertThat(rig.events(RiskEvent.Kind.RESUME, "max_drawdown")).anySatisfy(r -> assertThat(r.lifts())
                .contains("cooldown over; peak re-based"));
        assertThat(rig.engine.risk().governor().state()).isEqualTo(halted ? RiskState.HALTED : RiskState.ACTIVE);
        if (!halted) {
            assertThat(rig.market(Side.BUY, "0.001").status()).as("trading resumed after the cooldown")
                    .isEqualTo(OrderStatus.NEW);
        }
    }

    @Test
    void ordersPerMinuteCountsEngineTime() {
        RiskLimits limits = RiskLimits.defaults().withGuards(RiskLimits.Guards.defaults()
                .withBreakers(5, 5, 0, 0.05, 900_000, 0.2));
        RiskRig rig = RiskRig.spot(limits);
        List<Bar> bars = RiskRig.between(RiskRig.btc1m(), "2021-05-19T12:00:00Z", "2021-05-19T12:05:00Z");
        rig.feed(bars.subList(0, 1));
        for (int i = 0; i < 5; i++) {
            assertThat(rig.market(Side.BUY, "0.001").status()).isEqualTo(OrderStatus.NEW);
        }
        Order sixth = rig.market(Side.BUY, "0.001");
        assertThat(sixth.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(sixth.rejectReason()).contains("max orders per minute");
        assertThat(rig.events.getLast().limit()).isEqualTo("max_orders_per_minute");
        rig.feed(bars.subList(1, 2)); // 60 s of market time later
        assertThat(rig.market(Side.BUY, "0.001").status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void marginRatioTriggersReduceOnlyOrdersBeforeLiquidationOnTheCrash() {
        // the crash's 1m spot prices as the path of a 10x BTCUSDT perpetual long (futures 1m bars were not recorded)
        RiskLimits limits = RiskLimits.defaults().withMaxDrawdownHalt(1.0).withGuards(RiskLimits.Guards.defaults()
                .withBreakers(120, 5, 0, 0.5, 900_000, 0.10));
        RiskRig rig = RiskRig.futures(limits, new BigDecimal("1000"));
        List<Bar> bars = RiskRig.between(RiskRig.btc1m(), "2021-05-19T00:00:00Z", "2021-05-20T00:00:00Z");
        rig.feed(bars.subList(0, 1));
        rig.engine.execute(new dev.pennant.core.execution.TradingCommand.SetLeverage("BTCUSDT", 10));
        assertThat(rig.market(Side.BUY, "0.2").status()).isEqualTo(OrderStatus.NEW); // ≈ 8,600 USDT notional
        rig.feed(bars.subList(1, bars.size()));
        List<RiskEvent> reduce = rig.events.stream().filter(e -> e.kind() == RiskEvent.Kind.REDUCE).toList();
        assertThat(reduce).isNotEmpty();
        assertThat(rig.events(RiskEvent.Kind.HALT, "margin_ratio").getFirst().state()).isEqualTo(RiskState.REDUCING);
        // the first fill after the entry is the risk engine's reduce-only half, not the venue's liquidation
        var afterEntry = rig.fills.stream().filter(f -> f.time() > rig.fills.getFirst().time()).findFirst().orElseThrow();
        Order o = rig.engine.execution().order(afterEntry.clientOrderId());
        assertThat(o.options().strategyId()).isEqualTo("risk-reduce");
        assertThat(afterEntry.quantity()).isEqualByComparingTo("0.1");
        assertThat(reduce.getFirst().time()).isLessThan(afterEntry.time());
    }
}
