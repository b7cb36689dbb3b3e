package dev.pennant.core.portfolio.margin;

import dev.pennant.core.model.PositionSide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MarginCalculatorTest {

    private static final LeverageBracketTable TABLE = LeverageBrackets.bundled();

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** Cross account used below: BTC long 1 @ 100,000 marked 98,000 (10x); ETH short 10 @ 3,000 marked 3,100 (20x). */
    private static final FuturesPosition BTC_LONG =
            FuturesPosition.crossed("BTCUSDT", PositionSide.BOTH, d("1"), d("100000"), d("98000"), 10);
    private static final FuturesPosition ETH_SHORT =
            FuturesPosition.crossed("ETHUSDT", PositionSide.BOTH, d("-10"), d("3000"), d("3100"), 20);

    @Test
    void initialMarginIsNotionalOverLeverage() {
        assertThat(MarginCalculator.initialMargin(d("100000"), 10)).isEqualByComparingTo("10000");
        assertThat(MarginCalculator.initialMargin(d("100000"), 3))
                .isEqualByComparingTo("33333.33333333333333333333333333333"); // 34 significant digits
        assertThat(MarginCalculator.initialMargin(BTC_LONG)).isEqualByComparingTo("9800");  // at mark 98,000
        assertThat(MarginCalculator.positionMarginAtOpen(d("-0.5"), d("100000"), 20)).isEqualByComparingTo("2500");
        assertThatThrownBy(() -> MarginCalculator.initialMargin(d("1"), 0)).hasMessageContaining("leverage must be ≥ 1");
        assertThatThrownBy(() -> MarginCalculator.initialMargin(d("-1"), 5)).hasMessageContaining("notional must be ≥ 0");
    }

    @Test
    void unrealizedPnlOfLongsAndShorts() {
        // long: qty × (mark − entry)
        assertThat(MarginCalculator.unrealizedPnl(d("0.5"), d("100000"), d("105000"))).isEqualByComparingTo("2500");
        assertThat(MarginCalculator.unrealizedPnl(d("0.5"), d("100000"), d("96000"))).isEqualByComparingTo("-2000");
        // short: |qty| × (entry − mark)
        assertThat(MarginCalculator.unrealizedPnl(d("-0.5"), d("100000"), d("105000"))).isEqualByComparingTo("-2500");
        assertThat(MarginCalculator.unrealizedPnl(d("-0.5"), d("100000"), d("96000"))).isEqualByComparingTo("2000");
        assertThat(ETH_SHORT.unrealizedPnl()).isEqualByComparingTo("-1000");
        assertThat(BTC_LONG.unrealizedPnl()).isEqualByComparingTo("-2000");
    }

    @Test
    void isolatedPositionMarginAndRatio() {
        FuturesPosition iso = FuturesPosition.isolated("BTCUSDT", PositionSide.BOTH, d("1"), d("100000"), d("95000"),
                10, d("10000"));
        // isolatedWallet 10,000 + uPnL −5,000
        assertThat(MarginCalculator.isolatedPositionMargin(iso)).isEqualByComparingTo("5000");
        // MM = 95,000 × 0.5 % − 50 = 425; ratio 425 / 5,000
        assertThat(MarginCalculator.maintenanceMargin(iso, TABLE.forSymbol("BTCUSDT"))).isEqualByComparingTo("425");
        assertThat(MarginCalculator.isolatedMarginRatio(iso, TABLE.forSymbol("BTCUSDT")))
                .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.085"));
        assertThatThrownBy(() -> MarginCalculator.isolatedPositionMargin(BTC_LONG))
                .hasMessageContaining("marginMode must be ISOLATED");
        assertThatThrownBy(() -> MarginCalculator.maintenanceMargin(iso, TABLE.forSymbol("ETHUSDT")))
                .hasMessageContaining("brackets are for ETHUSDT");
    }

    @Test
    void crossMarginRatioSumsMaintenanceOverTheCrossMarginBalance() {
        List<FuturesPosition> account = List.of(BTC_LONG, ETH_SHORT,
                // an isolated position must not count in cross figures
                FuturesPosition.isolated("ETHUSDT", PositionSide.BOTH, d("100"), d("3000"), d("1000"), 5, d("60000")));
        BigDecimal cwb = d("20000");
        // 20,000 − 2,000 − 1,000
        assertThat(MarginCalculator.crossMarginBalance(cwb, account)).isEqualByComparingTo("17000");
        // BTC 98,000 × 0.5 % − 50 = 440; ETH 31,000 × 0.65 % − 0 = 201.5
        assertThat(MarginCalculator.crossMaintenanceMargin(account, TABLE)).isEqualByComparingTo("641.5");
        assertThat(MarginCalculator.crossMarginRatio(cwb, account, TABLE).orElseThrow())
                .isCloseTo(d("0.03773529411764705882352941176470588"), within(d("1e-30")));
    }

    @Test
    void marginRatioEdgeCases() {
        assertThat(MarginCalculator.marginRatio(BigDecimal.ZERO, BigDecimal.ZERO)).hasValue(BigDecimal.ZERO);
        assertThat(MarginCalculator.marginRatio(d("10"), BigDecimal.ZERO)).isEmpty();
        assertThat(MarginCalculator.marginRatio(d("10"), d("-5"))).isEmpty();
        assertThat(MarginCalculator.marginRatio(d("10"), d("10")).orElseThrow()).isEqualByComparingTo("1");
        assertThat(MarginCalculator.crossMarginRatio(d("100"), List.of(), TABLE).orElseThrow()).isEqualByComparingTo("0");
    }

    @Test
    void availableBalanceIsCrossMarginBalanceLessInitialMarginsFlooredAtZero() {
        List<FuturesPosition> account = List.of(BTC_LONG, ETH_SHORT);
        // 17,000 − (9,800 + 31,000/20 = 1,550) − 500 open-order margin
        assertThat(MarginCalculator.availableBalance(d("20000"), account, d("500"))).isEqualByComparingTo("5150");
        assertThat(MarginCalculator.availableBalance(d("10000"), account, d("0"))).isEqualByComparingTo("0");
        assertThat(MarginCalculator.availableBalance(d("1234.5"), List.of(), d("0"))).isEqualByComparingTo("1234.5");
        assertThatThrownBy(() -> MarginCalculator.availableBalance(d("1"), account, d("-1")))
                .hasMessageContaining("openOrderInitialMargin must be ≥ 0");
    }

    @Test
    void positionValidationNamesTheField() {
        assertThatThrownBy(() -> FuturesPosition.crossed("BTCUSDT", PositionSide.LONG, d("-1"), d("1"), d("1"), 10))
                .hasMessageContaining("positionAmt of a LONG position must be ≥ 0");
        assertThatThrownBy(() -> FuturesPosition.crossed("BTCUSDT", PositionSide.SHORT, d("1"), d("1"), d("1"), 10))
                .hasMessageContaining("positionAmt of a SHORT position must be ≤ 0");
        assertThatThrownBy(() -> FuturesPosition.crossed("BTCUSDT", PositionSide.BOTH, d("1"), d("1"), d("1"), 126))
                .hasMessageContaining("leverage must be 1 … 125");
        assertThatThrownBy(() -> new FuturesPosition("BTCUSDT", PositionSide.BOTH, d("1"), d("1"), d("1"), 10,
                MarginMode.CROSSED, d("5"))).hasMessageContaining("isolatedWallet must be 0 for a CROSSED position");
        assertThatThrownBy(() -> FuturesPosition.crossed("BTCUSDT", PositionSide.BOTH, d("1"), d("0"), d("1"), 10))
                .hasMessageContaining("entryPrice must be > 0");
    }

    @Test
    void marginModeReadsBinanceSpellings() {
        assertThat(MarginMode.fromBinance("CROSSED")).isEqualTo(MarginMode.CROSSED);
        assertThat(MarginMode.fromBinance("cross")).isEqualTo(MarginMode.CROSSED);
        assertThat(MarginMode.fromBinance("isolated")).isEqualTo(MarginMode.ISOLATED);
        assertThatThrownBy(() -> MarginMode.fromBinance("portfolio")).hasMessageContaining("marginType 'portfolio'");
    }
}
