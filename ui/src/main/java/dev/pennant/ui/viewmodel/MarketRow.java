package dev.pennant.ui.viewmodel;

import dev.pennant.core.model.Market;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One Market Watch row: an instrument of one market, updated in place (FX thread) as its 24 h ticker changes.
 * Price, change and volume are null until the symbol's first ticker (symbols without data stay null).
 */
public final class MarketRow {

    private final Market market;
    private final String symbol;
    private final String baseAsset;
    private final String quoteAsset;
    private final String searchKey;
    private final ReadOnlyObjectWrapper<BigDecimal> lastPrice = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BigDecimal> changePercent = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BigDecimal> quoteVolume = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper favourite = new ReadOnlyBooleanWrapper();

    MarketRow(Market market, String symbol, String baseAsset, String quoteAsset) {
        this.market = market;
        this.symbol = symbol;
        this.baseAsset = baseAsset;
        this.quoteAsset = quoteAsset;
        this.searchKey = (symbol + ' ' + baseAsset + ' ' + quoteAsset).toUpperCase(Locale.ROOT);
    }

    /** Key of the row: {@code SPOT:BTCUSDT}. */
    public String key() {
        return key(market, symbol);
    }

    static String key(Market market, String symbol) {
        return market.name() + ':' + symbol;
    }

    public Market market() { return market; }
    public String symbol() { return symbol; }
    public String baseAsset() { return baseAsset; }
    public String quoteAsset() { return quoteAsset; }

    /** True when the upper-case {@code query} is contained in the symbol, base or quote asset. */
    boolean matches(String upperQuery) {
        return upperQuery.isEmpty() || searchKey.contains(upperQuery);
    }

    /** Short market badge text: {@code SPOT} or {@code FUT} (USDⓈ-M futures). */
    public String marketBadge() {
        return market == Market.SPOT ? "SPOT" : "FUT";
    }

    /** Last price (quote asset), or null. */
    public ReadOnlyObjectProperty<BigDecimal> lastPriceProperty() { return lastPrice.getReadOnlyProperty(); }
    /** 24 h change in percent, or null. */
    public ReadOnlyObjectProperty<BigDecimal> changePercentProperty() { return changePercent.getReadOnlyProperty(); }
    /** 24 h quote-asset volume, or null. */
    public ReadOnlyObjectProperty<BigDecimal> quoteVolumeProperty() { return quoteVolume.getReadOnlyProperty(); }
    /** Starred by the trader. */
    public ReadOnlyBooleanProperty favouriteProperty() { return favourite.getReadOnlyProperty(); }

    public boolean isFavourite() { return favourite.get(); }

    boolean hasTicker() {
        return lastPrice.get() != null;
    }

    void setFavourite(boolean f) {
        favourite.set(f);
    }

    void update(BigDecimal last, BigDecimal change, BigDecimal quoteVol) {
        if (!last.equals(lastPrice.get())) lastPrice.set(last);
        if (!change.equals(changePercent.get())) changePercent.set(change);
        if (!quoteVol.equals(quoteVolume.get())) quoteVolume.set(quoteVol);
    }

    @Override
    public String toString() {
        return key();
    }
}
