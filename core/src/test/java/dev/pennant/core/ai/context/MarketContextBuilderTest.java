package dev.pennant.core.ai.context;

import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.book.OrderBook;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Side;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The context on real BTCUSDT 1h futures bars, against figures computed here by hand. */
class MarketContextBuilderTest {

    private static List<Bar> bars;

    @BeforeAll
    static void load() throws Exception {
        List<Bar> all = new KlineCsvImporter().read(
                SharedData.file("futures-um/klines/BTCUSDT/BTCUSDT-1h-20250101_20260731.binancequant.csv.gz")).bars();
        bars = all.subList(0, 800); // 800 bars: the builder keeps the last 600
    }

    @Test
    void barsSummaryAndEmaMatchHandComputedValues() {
        MarketContext ctx = MarketContextBuilder.of(bars).build();
        List<Bar> used = bars.subList(200, 800);
        Bar last = used.getLast();
        assertThat(ctx.symbol()).isEqualTo("BTCUSDT");
        assertThat(ctx.interval()).isEqualTo("1h");
        assertThat(ctx.barCloseTime()).isEqualTo(last.closeTime());
        assertThat(ctx.bars().count()).isEqualTo(600);

        double c = last.close().doubleValue();
        double c1 = used.get(598).close().doubleValue();
        double c5 = used.get(594).close().doubleValue();
        double c20 = used.get(579).close().doubleValue();
        assertThat(ctx.bars().return1Pct()).isCloseTo((c - c1) / c1 * 100, within(0.0006));
        assertThat(ctx.bars().return5Pct()).isCloseTo((c - c5) / c5 * 100, within(0.0006));
        assertThat(ctx.bars().return20Pct()).isCloseTo((c - c20) / c20 * 100, within(0.0006));
        double hi = used.subList(580, 600).stream().mapToDouble(b -> b.high().doubleValue()).max().orElseThrow();
        double lo = used.subList(580, 600).stream().mapToDouble(b -> b.low().doubleValue()).min().orElseThrow();
        assertThat(ctx.bars().high20()).isEqualTo(hi);
        assertThat(ctx.bars().low20()).isEqualTo(lo);
        double meanPrev = used.subList(579, 599).stream().mapToDouble(b -> b.volume().doubleValue()).average().orElseThrow();
        assertThat(ctx.bars().volumeRatio()).isCloseTo(last.volume().doubleValue() / meanPrev, within(0.0006));

        // EMA(n): seeded with the first close, then e = e + 2/(n+1)·(close − e) (ta4j's definition)
        assertThat(ctx.indicators().get("EMA(12)")).isCloseTo(ema(used, 12), within(0.006));
        assertThat(ctx.indicators().get("EMA(26)")).isCloseTo(ema(used, 26), within(0.006));
        assertThat(ctx.indicators().get("RSI(14)")).isBetween(0.0, 100.0);
        assertThat(ctx.indicators()).containsKeys("MACD_HIST(12,26,9)", "ATR_PCT(14)", "ADX(14)", "BB_PCTB(20,2)");
        assertThat(ctx.timeframes().trends()).containsOnlyKeys("1h", "4h", "16h");
        assertThat(ctx.timeframes().trends().get("1h")).isEqualTo(ema(used, 12) > ema(used, 26) ? 1 : -1);
        assertThat(ctx.toJson()).isEqualTo(MarketContextBuilder.of(bars).build().toJson());
        assertThat(ctx.toJson().length()).isLessThan(1500);
    }

    @Test
    void bookImbalanceAndWhalesFromTheTopLevels() {
        OrderBook book = new OrderBook("BTCUSDT");
        book.set(Side.BUY, new BigDecimal("100.0"), new BigDecimal("1"));
        book.set(Side.BUY, new BigDecimal("99.9"), new BigDecimal("1"));
        book.set(Side.BUY, new BigDecimal("99.8"), new BigDecimal("10"));
        book.set(Side.SELL, new BigDecimal("100.2"), new BigDecimal("1"));
        book.set(Side.SELL, new BigDecimal("100.3"), new BigDecimal("1"));
        MarketContext ctx = MarketContextBuilder.of(bars).book(book).build();
        // bids 12, asks 2: (12 − 2) / 14
        assertThat(ctx.book().imbalance()).isCloseTo(10.0 / 14, within(0.0006));
        assertThat(ctx.book().spreadBps()).isCloseTo(0.2 / 100.1 * 10_000, within(0.006));
        assertThat(ctx.book().whales()).containsExactly("bid 10 @ 99.80");
    }

    @Test
    void onlyTheTrailingRunOfTheLastBarsSymbolIntervalAndTimeOrderIsUsed() {
        List<Bar> mixed = new java.util.ArrayList<>(bars.subList(500, 800)); // a later session's bars first
        mixed.addAll(bars.subList(0, 100));                                  // then older ones (an interval switch)
        MarketContext ctx = MarketContextBuilder.of(mixed).build();
        assertThat(ctx.bars().count()).isEqualTo(100);
        assertThat(ctx.barCloseTime()).isEqualTo(bars.get(99).closeTime());
    }

    @Test
    void emptyBarsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> MarketContextBuilder.of(List.of())).hasMessageContaining("bars:");
    }

    private static double ema(List<Bar> b, int n) {
        double k = 2.0 / (n + 1);
        double e = b.getFirst().close().doubleValue();
        for (int i = 1; i < b.size(); i++) e += k * (b.get(i).close().doubleValue() - e);
        return e;
    }
}
