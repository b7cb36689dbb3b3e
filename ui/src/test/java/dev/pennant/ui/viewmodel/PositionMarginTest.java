package dev.pennant.ui.viewmodel;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.portfolio.margin.LeverageBracket;
import dev.pennant.core.portfolio.margin.LeverageBracketTable;
import dev.pennant.core.portfolio.margin.LeverageBrackets;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The positions table's margin and liquidation price of a USDⓈ-M position on the engine's (cross) ledger, checked
 * against what defines a liquidation price: at that mark price the account's margin balance (wallet + unrealised
 * P&amp;L) equals the maintenance margin of the bracket the notional is then in (margin ratio 100 %).
 */
class PositionMarginTest {

    private static final LeverageBracketTable BRACKETS = LeverageBrackets.bundled();

    private static Fill fill(Side side, String qty, String price) {
        return new Fill(1, "t-1", "BTCUSDT", side, new BigDecimal(qty), new BigDecimal(price), BigDecimal.ZERO, "USDT",
                LiquiditySide.TAKER, 1_000, BigDecimal.ZERO, Market.USDM_FUTURES, PositionSide.BOTH);
    }

    @Test
    void aLongsLiquidationPriceIsWhereItsMarginBalanceMeetsTheMaintenanceMargin() {
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        p.setLeverage("BTCUSDT", 20);
        p.apply(fill(Side.BUY, "1", "50000"));
        p.mark("BTCUSDT", new BigDecimal("49000"), 2_000);
        Map<String, PositionMargin> m = PositionMargin.of(p, BRACKETS);
        Position pos = p.position("BTCUSDT");
        PositionMargin figures = m.get(PositionMargin.key(pos));
        assertThat(figures.leverage()).isEqualTo(20);
        assertThat(figures.initialMargin()).isEqualByComparingTo("2450"); // 1 × 49,000 / 20
        BigDecimal lp = figures.liquidationPrice();
        assertThat(lp).isNotNull();
        // margin balance at lp: 10,000 + 1 × (lp − 50,000); maintenance: notional × MMR − cum of lp's bracket
        double balance = p.cash().doubleValue() + (lp.doubleValue() - 50_000); // wallet 10,000 (no fee)
        LeverageBracket b = BRACKETS.forSymbol("BTCUSDT").bracketFor(lp);
        double maintenance = lp.doubleValue() * b.maintMarginRatio().doubleValue() - b.cum().doubleValue();
        assertThat(balance).isCloseTo(maintenance, within(1e-6));
        // roughly 10,000 USDT below the entry: the wallet absorbs a ~10,000 USDT move on 1 BTC
        assertThat(lp.doubleValue()).isBetween(40_000.0, 41_000.0);
    }

    @Test
    void aShortIsLiquidatedAboveAndSpotPositionsHaveNoFigures() {
        Portfolio p = new Portfolio("USDT", new BigDecimal("5000"));
        p.setLeverage("BTCUSDT", 10);
        p.apply(fill(Side.SELL, "0.5", "60000"));
        p.apply(new Fill(2, "t-2", "ETHUSDT", Side.BUY, BigDecimal.ONE, new BigDecimal("3000"), BigDecimal.ZERO, "USDT",
                LiquiditySide.TAKER, 1_000, BigDecimal.ZERO));
        Map<String, PositionMargin> m = PositionMargin.of(p, BRACKETS);
        assertThat(m).containsOnlyKeys("BTCUSDT BOTH");
        BigDecimal lp = m.get("BTCUSDT BOTH").liquidationPrice();
        double balance = p.cash().doubleValue() - 0.5 * (lp.doubleValue() - 60_000); // the ledger's one wallet
        LeverageBracket b = BRACKETS.forSymbol("BTCUSDT").bracketFor(lp.multiply(new BigDecimal("0.5")));
        double maintenance = 0.5 * lp.doubleValue() * b.maintMarginRatio().doubleValue() - b.cum().doubleValue();
        assertThat(balance).isCloseTo(maintenance, within(1e-6));
        assertThat(lp.doubleValue()).isGreaterThan(60_000);
        assertThat(m.get("BTCUSDT BOTH").initialMargin().round(MathContext.DECIMAL32)).isEqualByComparingTo("3000");
    }
}
