package dev.pennant.core.exchange.binance;

import dev.pennant.core.execution.FillBooking;
import dev.pennant.core.execution.FillReport;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Books Binance trades into the single-currency ledger ({@link dev.pennant.core.portfolio.Portfolio}: commissions in
 * the quote asset), so that the ledger moves exactly as the Binance balances do.
 *
 * <p>Binance charges the commission in the asset the trade delivers (spot BUY: the base asset), or in BNB when "use BNB
 * for fees" is on (Binance FAQ "Trading fees"; {@code commission}/{@code commissionAsset} of {@code fills},
 * {@code myTrades} and {@code executionReport}). Rules, per trade of quantity q at price p with commission c:
 * <ul>
 *   <li>c in the quote asset (or none): one fill, as it is;</li>
 *   <li>c in the base asset (spot): the trade with commission {@code c × p} in the quote asset, then an adjustment
 *       fill SELL c @ p with no commission and trade id {@code −tradeId} — the fee "paid in kind". Net: the position
 *       moves by {@code ±q − c} and the cash by {@code ∓q·p}, exactly the Binance base and quote balances; the fee
 *       ({@code c × p}) is in the ledger's fees and realised P&L, and the average entry stays p;</li>
 *   <li>c in a third asset (BNB): the trade with commission {@code c × price(asset)} from {@code assetPrices} (the
 *       asset's price in the quote asset); when no price is known the fee is booked as 0 and a WARN names the amount
 *       (the BNB balance is outside the USDT ledger either way).</li>
 * </ul>
 * Futures trades keep their market and positionSide; Binance's own {@code realizedPnl} is left to the portfolio to
 * recompute. Thread-safe if the lookups are.
 */
public final class BinanceFillBooking implements FillBooking {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceFillBooking.class);

    private final BiFunction<Market, String, Instrument> instruments;
    private final String ledgerQuote;
    private final Function<String, BigDecimal> assetPrices;

    /**
     * @param instruments (market, symbol) → instrument (base and quote asset), or null when unknown (then the base is
     *                    the symbol minus the ledger's quote suffix)
     * @param ledgerQuote the ledger's quote asset, e.g. {@code USDT}
     * @param assetPrices asset → its price in the ledger's quote asset, or null when unknown
     */
    public BinanceFillBooking(BiFunction<Market, String, Instrument> instruments, String ledgerQuote,
                              Function<String, BigDecimal> assetPrices) {
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.ledgerQuote = Objects.requireNonNull(ledgerQuote, "ledgerQuote");
        this.assetPrices = Objects.requireNonNull(assetPrices, "assetPrices");
    }

    @Override
    public List<Fill> book(FillReport t, String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Instrument ins = instruments.apply(t.market(), t.symbol());
        String quote = ins != null ? ins.quoteAsset() : ledgerQuote;
        String base = ins != null ? ins.baseAsset()
                : t.symbol().endsWith(ledgerQuote) ? t.symbol().substring(0, t.symbol().length() - ledgerQuote.length())
                : t.symbol();
        String asset = t.commissionAsset();
        BigDecimal c = t.commission();
        if (c.signum() == 0 || asset.isEmpty()) return List.of(fill(t, clientOrderId, BigDecimal.ZERO, quote));
        if (asset.equals(quote)) return List.of(fill(t, clientOrderId, c, quote));
        if (asset.equals(base) && t.market() == Market.SPOT) {
            Fill trade = fill(t, clientOrderId, c.multiply(t.price()), quote);
            Fill inKind = new Fill(-t.tradeId(), clientOrderId, t.symbol(), Side.SELL, c, t.price(), BigDecimal.ZERO,
                    quote, t.liquiditySide(), t.time(), BigDecimal.ZERO, t.market(), t.positionSide());
            return List.of(trade, inKind);
        }
        BigDecimal px = assetPrices.apply(asset);
        if (px == null) {
            LOG.warn("trade {} of {} {}: commission {} {} has no {} price; booked as 0 {}", t.tradeId(), t.market(),
                    t.symbol(), c.toPlainString(), asset, quote, quote);
            return List.of(fill(t, clientOrderId, BigDecimal.ZERO, quote));
        }
        return List.of(fill(t, clientOrderId, c.multiply(px), quote));
    }

    private static Fill fill(FillReport t, String id, BigDecimal commission, String asset) {
        return new Fill(t.tradeId(), id, t.symbol(), t.side(), t.quantity(), t.price(), commission, asset,
                t.liquiditySide(), t.time(), BigDecimal.ZERO, t.market(), t.positionSide());
    }
}
