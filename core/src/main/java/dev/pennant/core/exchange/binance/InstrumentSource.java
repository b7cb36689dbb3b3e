package dev.pennant.core.exchange.binance;

import dev.pennant.core.model.Market;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a session gets its instrument (tick size, step size, min notional and every other Binance filter) before its
 * {@code EngineConfig} is built: the venue's exchangeInfo for a live session ({@link #live}), the recorded exchangeInfo
 * closest in date to the replayed data for a replay, backtest or paper run ({@link #recorded}). Only when the symbol
 * is in no exchangeInfo does the answer fall back to {@link InstrumentChoice#defaults defaults}, saying why.
 *
 * <p>The market matters: a USDⓈ-M session gets the USDⓈ-M instrument (spot and futures BTCUSDT differ in tick size,
 * step and min notional). Source of the filter semantics: Binance "Filters" documentation.
 */
@FunctionalInterface
public interface InstrumentSource {

    /**
     * The instrument for a session on {@code symbol} of {@code market}. Never throws for an unknown symbol or missing
     * data: that is a {@link InstrumentChoice#usesDefaults() fallback} with the reason. May block (reads files, or
     * waits for the first exchangeInfo of a live venue); call it off the UI thread.
     *
     * @param market     SPOT or USDM_FUTURES
     * @param symbol     e.g. {@code SOLUSDT} (case-insensitive)
     * @param fromMillis open time of the first bar the session trades, epoch ms UTC (live: now)
     * @param toMillis   open time of the last bar, epoch ms UTC (live: now); {@code ≥ fromMillis}
     */
    InstrumentChoice choose(Market market, String symbol, long fromMillis, long toMillis);

    /**
     * The live venue's exchangeInfo, as kept by {@code registry} (the one {@code BinanceMarketFeed} already refreshes:
     * nothing is fetched twice). Waits at most {@code wait} for the first load of the market; when it has not loaded
     * (or failed) by then, or the venue does not list the symbol, the defaults with the reason.
     *
     * @throws NullPointerException when an argument is null
     */
    static InstrumentSource live(InstrumentRegistry registry, Duration wait) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(wait, "wait");
        return (market, symbol, fromMillis, toMillis) -> {
            String sym = symbol.trim().toUpperCase(Locale.ROOT);
            String label = InstrumentChoice.label(market);
            Optional<ExchangeInfo> info = registry.awaitExchangeInfo(market, wait);
            if (info.isEmpty()) {
                return InstrumentChoice.defaults(market, sym, "the venue's " + label + " exchangeInfo is not loaded: "
                        + registry.lastFailure(market).orElse("no answer within " + (wait.toMillis() % 1000 == 0
                        ? wait.toSeconds() + " s" : wait.toMillis() + " ms")));
            }
            String source = "live " + label + " exchangeInfo" + (info.get().serverTime() > 0
                    ? ", serverTime " + Instant.ofEpochMilli(info.get().serverTime()) : "");
            return info.get().instrument(sym).map(i -> InstrumentChoice.exchangeInfo(i, source))
                    .orElseGet(() -> InstrumentChoice.defaults(market, sym, sym + " not in the " + source));
        };
    }

    /**
     * The recorded exchangeInfo responses under {@code binanceDir/exchangeInfo} ({@code shared/data/binance}); see
     * {@link RecordedExchangeInfo} for which file is picked.
     */
    static InstrumentSource recorded(Path binanceDir) {
        return new RecordedExchangeInfo(binanceDir);
    }
}
