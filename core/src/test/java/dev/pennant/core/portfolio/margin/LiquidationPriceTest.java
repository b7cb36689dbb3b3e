package dev.pennant.core.portfolio.margin;

import dev.pennant.core.model.PositionSide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Expected prices are Binance's formula solved by hand (figures in the comments), with the bundled BTCUSDT brackets
 * (bracket 1: ≤ 50,000 at 0.4 %, cum 0; bracket 2: ≤ 250,000 at 0.5 %, cum 50) and ETHUSDT bracket 1 (≤ 250,000 at
 * 0.65 %, cum 0).
 */
class LiquidationPriceTest {

    private static final LeverageBracketTable TABLE = LeverageBrackets.bundled();
    private static final LeverageBrackets BTC = TABLE.forSymbol("BTCUSDT");
    private static final BigDecimal TOLERANCE = new BigDecimal("1e-25");

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void formulaMatchesBinancesExpressionTermByTerm() {
        // One-way long, WB 10,000, TMM1 300, UPNL1 −200, 1 BTC @ 100,000, MMR 0.5 %, cum 50:
        // (10,000 − 300 − 200 + 50 − 1 × 1 × 100,000) / (1 × 0.005 − 1 × 1) = −90,450 / −0.995
        BigDecimal lp = LiquidationPrice.formula(d("10000"), d("300"), d("-200"), List.of(
                new LiquidationPrice.Leg(PositionSide.BOTH, d("1"), d("100000"), d("0.005"), d("50")))).orElseThrow();
        assertThat(lp).isCloseTo(d("90904.52261306532663316582914572864"), within(TOLERANCE));
        // Hedge mode, LONG 1 @ 100,000 (MMR_L 0.5 %, cumL 50) and SHORT 2 @ 90,000 (MMR_S 1 %, cumS 1,300):
        // (5,000 + 50 + 1,300 − 100,000 + 2 × 90,000) / (0.005 + 2 × 0.01 − 1 + 2) = 86,350 / 1.025
        BigDecimal hedge = LiquidationPrice.formula(d("5000"), BigDecimal.ZERO, BigDecimal.ZERO, List.of(
                new LiquidationPrice.Leg(PositionSide.LONG, d("1"), d("100000"), d("0.005"), d("50")),
                new LiquidationPrice.Leg(PositionSide.SHORT, d("-2"), d("90000"), d("0.01"), d("1300")))).orElseThrow();
        assertThat(hedge).isCloseTo(d("84243.90243902439024390243902439024"), within(TOLERANCE));
    }

    @Test
    void isolatedLong10xPicksTheBracketOfTheLiquidationNotional() {
        // 0.55 BTC @ 100,000 at 10x: notional 55,000 (bracket 2), isolated wallet 5,500.
        FuturesPosition p = FuturesPosition.isolated("BTCUSDT", PositionSide.BOTH, d("0.55"), d("100000"),
                d("100000"), 10, d("5500"));
        // Assuming bracket 2: (5,500 + 50 − 55,000) / (0.55 × 0.005 − 0.55) = 90,360.8954, notional 49,698.49 — that
        // is bracket 1, so recalculate with bracket 1: (5,500 − 55,000) / (0.55 × 0.004 − 0.55) = 90,361.4458.
        BigDecimal lp = LiquidationPrice.isolated(p, BTC).orElseThrow();
        assertThat(lp).isCloseTo(d("90361.44578313253012048192771084337"), within(TOLERANCE));
        assertThat(d("0.55").multiply(lp)).isLessThan(d("50000"));
        BigDecimal assumedAtEntry = LiquidationPrice.formula(d("5500"), BigDecimal.ZERO, BigDecimal.ZERO, List.of(
                new LiquidationPrice.Leg(PositionSide.BOTH, d("0.55"), d("100000"), d("0.005"), d("50")))).orElseThrow();
        assertThat(assumedAtEntry).isCloseTo(d("90360.89538602101416171767930561900"), within(TOLERANCE));
        assertMarginRatioIsOneAt(p.withMarkPrice(lp));
    }

    @Test
    void isolatedShort20x() {
        // −1 BTC @ 100,000 at 20x, wallet 5,000: (5,000 + 50 + 100,000) / (0.005 + 1) = 104,527.36 (notional in bracket 2)
        FuturesPosition p = FuturesPosition.isolated("BTCUSDT", PositionSide.BOTH, d("-1"), d("100000"),
                d("101000"), 20, d("5000"));
        BigDecimal lp = LiquidationPrice.isolated(p, BTC).orElseThrow();
        assertThat(lp).isCloseTo(d("104527.3631840796019900497512437811"), within(TOLERANCE));
        assertMarginRatioIsOneAt(p.withMarkPrice(lp));
    }

    @Test
    void crossWithTwoPositionsCountsTheOtherContractsMaintenanceAndPnl() {
        FuturesPosition btc = FuturesPosition.crossed("BTCUSDT", PositionSide.BOTH, d("1"), d("100000"), d("98000"), 10);
        FuturesPosition eth = FuturesPosition.crossed("ETHUSDT", PositionSide.BOTH, d("-10"), d("3000"), d("3100"), 20);
        List<FuturesPosition> account = List.of(btc, eth);
        BigDecimal cwb = d("20000");
        // BTC: TMM1 = ETH 31,000 × 0.65 % = 201.5; UPNL1 = −1,000;
        // (20,000 − 201.5 − 1,000 + 50 − 100,000) / (0.005 − 1) = 81,559.30 (notional in bracket 2)
        BigDecimal btcLp = LiquidationPrice.cross("BTCUSDT", cwb, account, TABLE).orElseThrow();
        assertThat(btcLp).isCloseTo(d("81559.29648241206030150753768844221"), within(TOLERANCE));
        // ETH: TMM1 = BTC 98,000 × 0.5 % − 50 = 440; UPNL1 = −2,000;
        // (20,000 − 440 − 2,000 + 0 + 10 × 3,000) / (10 × 0.0065 + 10) = 4,725.29
        BigDecimal ethLp = LiquidationPrice.cross("ETHUSDT", cwb, account, TABLE).orElseThrow();
        assertThat(ethLp).isCloseTo(d("4725.285643318430203676105315449578"), within(TOLERANCE));

        assertThat(MarginCalculator.crossMarginRatio(cwb, List.of(btc.withMarkPrice(btcLp), eth), TABLE).orElseThrow())
                .isCloseTo(BigDecimal.ONE, within(TOLERANCE));
        assertThat(MarginCalculator.crossMarginRatio(cwb, List.of(btc, eth.withMarkPrice(ethLp)), TABLE).orElseThrow())
                .isCloseTo(BigDecimal.ONE, within(TOLERANCE));
    }

    @Test
    void hedgeModeLongAndShortShareOneCrossPrice() {
        FuturesPosition lng = FuturesPosition.crossed("BTCUSDT", PositionSide.LONG, d("1"), d("100000"), d("99000"), 20);
        FuturesPosition sht = FuturesPosition.crossed("BTCUSDT", PositionSide.SHORT, d("-0.4"), d("102000"), d("99000"), 20);
        // At ~82,800 the LONG (notional ~82,800) is in bracket 2 and the SHORT (~33,100) in bracket 1:
        // (10,000 + 50 + 0 − 100,000 + 0.4 × 102,000) / (0.005 + 0.4 × 0.004 − 1 + 0.4) = −49,150 / −0.5934
        BigDecimal lp = LiquidationPrice.cross("BTCUSDT", d("10000"), List.of(lng, sht), TABLE).orElseThrow();
        assertThat(lp).isCloseTo(d("82827.77216043141220087630603302999"), within(TOLERANCE));
        assertThat(MarginCalculator.crossMarginRatio(d("10000"),
                List.of(lng.withMarkPrice(lp), sht.withMarkPrice(lp)), TABLE).orElseThrow())
                .isCloseTo(BigDecimal.ONE, within(TOLERANCE));
    }

    @Test
    void hedgeModeIsolatedPositionsEachHaveTheirOwnPrice() {
        FuturesPosition lng = FuturesPosition.isolated("BTCUSDT", PositionSide.LONG, d("1"), d("100000"), d("100000"),
                10, d("10000"));
        FuturesPosition sht = FuturesPosition.isolated("BTCUSDT", PositionSide.SHORT, d("-1"), d("100000"), d("100000"),
                10, d("10000"));
        // long: (10,000 + 50 − 100,000) / (0.005 − 1) = 90,402.01; short: (10,000 + 50 + 100,000) / (0.005 + 1) = 109,502.49
        assertThat(LiquidationPrice.isolated(lng, BTC).orElseThrow())
                .isCloseTo(d("90402.01005025125628140703517587940"), within(TOLERANCE));
        assertThat(LiquidationPrice.isolated(sht, BTC).orElseThrow())
                .isCloseTo(d("109502.4875621890547263681592039801"), within(TOLERANCE));
    }

    @Test
    void marginRatioIsOneHundredPercentAtTheLiquidationPriceAcrossBrackets() {
        // Sizes from bracket 1 to bracket 5, long and short, 5x … 100x.
        List<String> failures = new ArrayList<>();
        String[] sizes = {"0.3", "0.55", "2", "12", "80"};
        int[] leverages = {100, 50, 20, 10, 5};
        for (int i = 0; i < sizes.length; i++) {
            for (int sign : new int[]{1, -1}) {
                BigDecimal qty = d(sizes[i]).multiply(BigDecimal.valueOf(sign));
                BigDecimal wallet = MarginCalculator.positionMarginAtOpen(qty, d("60000"), leverages[i]);
                FuturesPosition p = FuturesPosition.isolated("BTCUSDT", PositionSide.BOTH, qty, d("60000"), d("60000"),
                        leverages[i], wallet);
                BigDecimal lp = LiquidationPrice.isolated(p, BTC).orElseThrow();
                BigDecimal ratio = MarginCalculator.isolatedMarginRatio(p.withMarkPrice(lp), BTC).orElseThrow();
                if (ratio.subtract(BigDecimal.ONE).abs().compareTo(TOLERANCE) > 0) {
                    failures.add(qty + " @" + leverages[i] + "x: LP " + lp + " ratio " + ratio);
                }
                // long liquidates below entry, short above
                assertThat(lp.compareTo(d("60000"))).isEqualTo(-sign);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void fullyCollateralisedLongHasNoLiquidationPrice() {
        // 1x long with the whole notional as margin: LP ≤ 0, which Binance shows as "--".
        FuturesPosition p = FuturesPosition.isolated("BTCUSDT", PositionSide.BOTH, d("1"), d("100000"), d("100000"),
                1, d("100000"));
        assertThat(LiquidationPrice.isolated(p, BTC)).isEmpty();
        assertThat(LiquidationPrice.cross("BTCUSDT", d("100"), List.of(), TABLE)).isEmpty();
    }

    @Test
    void rejectsMixedModesAndWrongSymbols() {
        FuturesPosition both = FuturesPosition.crossed("BTCUSDT", PositionSide.BOTH, d("1"), d("1"), d("1"), 10);
        FuturesPosition lng = FuturesPosition.crossed("BTCUSDT", PositionSide.LONG, d("1"), d("1"), d("1"), 10);
        assertThatThrownBy(() -> LiquidationPrice.solve(d("1"), BigDecimal.ZERO, BigDecimal.ZERO, List.of(both, lng), BTC))
                .hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> LiquidationPrice.solve(d("1"), BigDecimal.ZERO, BigDecimal.ZERO, List.of(lng, lng), BTC))
                .hasMessageContaining("more than one LONG");
        assertThatThrownBy(() -> LiquidationPrice.solve(d("1"), BigDecimal.ZERO, BigDecimal.ZERO, List.of(both),
                TABLE.forSymbol("ETHUSDT"))).hasMessageContaining("does not match brackets of ETHUSDT");
        assertThatThrownBy(() -> LiquidationPrice.isolated(both, BTC)).hasMessageContaining("marginMode must be ISOLATED");
    }

    private static void assertMarginRatioIsOneAt(FuturesPosition atLiquidation) {
        assertThat(MarginCalculator.isolatedMarginRatio(atLiquidation, BTC).orElseThrow())
                .isCloseTo(BigDecimal.ONE, within(TOLERANCE));
    }
}
