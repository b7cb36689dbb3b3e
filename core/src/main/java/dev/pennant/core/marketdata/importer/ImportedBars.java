package dev.pennant.core.marketdata.importer;

import dev.pennant.core.marketdata.BarSource;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;

import java.util.List;
import java.util.Objects;

/**
 * The bars imported into the history database ({@code market_bar}) of one market, as a {@link BarSource}:
 * what {@code backtest --imported} runs on.
 */
public final class ImportedBars implements BarSource {

    private final MarketDataStore store;
    private final Market market;

    /** Bars of {@code market} in {@code store}. */
    public ImportedBars(MarketDataStore store, Market market) {
        this.store = Objects.requireNonNull(store, "store");
        this.market = Objects.requireNonNull(market, "market");
    }

    /** {@inheritDoc} */
    @Override
    public List<Bar> bars(String symbol, Interval interval, long fromOpenTime, long toOpenTime) {
        return store.bars(market, symbol, interval, fromOpenTime, toOpenTime);
    }

    /** The market these bars are of. */
    public Market market() {
        return market;
    }
}
