package dev.pennant.ui.viewmodel;

import dev.pennant.core.model.Market;
import dev.pennant.core.model.Position;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.portfolio.margin.FuturesPosition;
import dev.pennant.core.portfolio.margin.LeverageBracketTable;
import dev.pennant.core.portfolio.margin.LiquidationPrice;
import dev.pennant.core.portfolio.margin.MarginMode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Margin figures of one open USDⓈ-M position for the positions table.
 *
 * @param leverage         the ledger's leverage for the symbol (1..125)
 * @param initialMargin    Binance's {@code positionInitialMargin}: |quantity| × mark price / leverage, USDT
 * @param liquidationPrice Binance's cross-margin liquidation price ({@link LiquidationPrice#cross}, bracket at the
 *                         liquidation notional; WB = the ledger's wallet, the other symbols' cross positions as
 *                         TMM1/UPNL1), USDT; null when the position cannot be liquidated by its own price
 */
public record PositionMargin(int leverage, BigDecimal initialMargin, BigDecimal liquidationPrice) {

    /** @throws NullPointerException when initialMargin is null */
    public PositionMargin {
        Objects.requireNonNull(initialMargin, "initialMargin");
    }

    /** The key of a position in {@link #of}'s map: {@code "BTCUSDT BOTH"}. */
    public static String key(Position p) {
        return p.symbol() + " " + p.positionSide();
    }

    /**
     * The margin figures of every open USDⓈ-M position of {@code portfolio} (engine thread: the ledger is read as it
     * is). The engine's ledger is cross margin only, so every position is CROSSED; the mark is the position's last
     * price (its entry price before the first mark).
     *
     * @param brackets the leverage brackets to find maintenance margins in
     * @return key ({@link #key}) → figures; spot and flat positions are absent
     */
    public static Map<String, PositionMargin> of(Portfolio portfolio, LeverageBracketTable brackets) {
        List<FuturesPosition> futures = new ArrayList<>();
        List<Position> open = new ArrayList<>();
        for (Position p : portfolio.positions()) {
            if (p.market() != Market.USDM_FUTURES || p.isFlat()) {
                continue;
            }
            BigDecimal mark = p.lastPrice().signum() > 0 ? p.lastPrice() : p.averageEntryPrice();
            futures.add(new FuturesPosition(p.symbol(), p.positionSide(), p.quantity(), p.averageEntryPrice(), mark,
                    portfolio.leverage(p.symbol()), MarginMode.CROSSED, BigDecimal.ZERO));
            open.add(p);
        }
        Map<String, PositionMargin> out = new HashMap<>();
        for (int i = 0; i < open.size(); i++) {
            Position p = open.get(i);
            FuturesPosition f = futures.get(i);
            BigDecimal im = f.positionAmt().abs().multiply(f.markPrice()).divide(BigDecimal.valueOf(f.leverage()),
                    MathContext.DECIMAL64);
            BigDecimal lp = LiquidationPrice.cross(p.symbol(), portfolio.cash(), futures, brackets).orElse(null);
            out.put(key(p), new PositionMargin(f.leverage(), im, lp));
        }
        return out;
    }
}
