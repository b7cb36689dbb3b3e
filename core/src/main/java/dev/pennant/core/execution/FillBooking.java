package dev.pennant.core.execution;

import dev.pennant.core.model.Fill;

import java.util.List;

/**
 * How a venue trade becomes ledger {@link Fill}s for the single-currency {@link dev.pennant.core.portfolio.Portfolio}
 * (commission in the quote asset). A venue adapter knows its fee rules: Binance takes a spot BUY's fee in the base asset
 * it delivers unless BNB pays it, so its booking adds an in-kind adjustment (see
 * {@code dev.pennant.core.exchange.binance.BinanceFillBooking}).
 */
@FunctionalInterface
public interface FillBooking {

    /**
     * The ledger fills of one venue trade, in booking order; the first is the trade itself (same trade id, quantity,
     * price), the others bookkeeping entries with negative trade ids.
     *
     * @param trade         the venue trade
     * @param clientOrderId the order it belongs to (the trade's own, or resolved by the caller)
     * @throws IllegalArgumentException when the trade cannot be booked (the message says why)
     */
    List<Fill> book(FillReport trade, String clientOrderId);

    /** Books the trade as it is: commission must already be in the ledger's quote asset ("" means none). */
    static FillBooking asIs(String quoteAsset) {
        return (t, id) -> List.of(new Fill(t.tradeId(), id, t.symbol(), t.side(), t.quantity(), t.price(),
                t.commissionAsset().isEmpty() ? java.math.BigDecimal.ZERO : t.commission(),
                t.commissionAsset().isEmpty() ? quoteAsset : t.commissionAsset(), t.liquiditySide(), t.time(),
                java.math.BigDecimal.ZERO, t.market(), t.positionSide()));
    }
}
