package dev.pennant.core.execution;

import dev.pennant.core.model.Market;
import dev.pennant.core.model.PositionSide;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A venue's position in one symbol and positionSide (NautilusTrader's {@code PositionStatusReport}): Binance USDⓈ-M
 * {@code positionAmt}/{@code entryPrice} of {@code /fapi/v2/account}.
 *
 * @param quantity   signed base-asset quantity (&lt; 0 short)
 * @param entryPrice average entry in the quote asset; zero when flat
 */
public record PositionReport(Market market, String symbol, PositionSide positionSide, BigDecimal quantity,
                             BigDecimal entryPrice) {

    /** @throws NullPointerException naming the missing field */
    public PositionReport {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(positionSide, "positionSide");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(entryPrice, "entryPrice");
    }
}
