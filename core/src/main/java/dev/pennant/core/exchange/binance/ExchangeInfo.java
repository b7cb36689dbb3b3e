package dev.pennant.core.exchange.binance;

import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed exchangeInfo response for one market. Immutable.
 *
 * @param market      SPOT or USDM_FUTURES
 * @param serverTime  {@code serverTime}, epoch ms UTC (0 when absent)
 * @param rateLimits  {@code rateLimits}, in response order
 * @param instruments every symbol, in response order (all statuses, not only TRADING)
 */
public record ExchangeInfo(Market market, long serverTime, List<RateLimit> rateLimits, List<Instrument> instruments) {

    public ExchangeInfo {
        Objects.requireNonNull(market, "market");
        rateLimits = List.copyOf(rateLimits);
        instruments = List.copyOf(instruments);
    }

    /** The instrument named {@code symbol}, if listed. O(n). */
    public Optional<Instrument> instrument(String symbol) {
        return instruments.stream().filter(i -> i.symbol().equals(symbol)).findFirst();
    }

    /** Symbol → instrument, in response order. */
    public Map<String, Instrument> bySymbol() {
        Map<String, Instrument> m = new LinkedHashMap<>();
        for (Instrument i : instruments) m.put(i.symbol(), i);
        return m;
    }
}
