package dev.pennant.core.exchange.binance;

import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The instrument a session trades with, and where its filters came from: a Binance exchangeInfo response (live or
 * recorded), or — only when the symbol is in none — {@link Instrument#defaultSpotUsdt BTCUSDT-like spot defaults},
 * with the reason. {@link #describe()} is the one line the CLI prints and the terminal shows.
 *
 * <p>Filters as Binance documents them ("Filters": {@code PRICE_FILTER.tickSize}, {@code LOT_SIZE.stepSize},
 * {@code NOTIONAL.minNotional} / {@code MIN_NOTIONAL}); prices in the quote asset, quantities in the base asset.
 *
 * @param instrument     the instrument to build the session's {@code EngineConfig} with
 * @param source         where the filters came from, e.g. {@code exchangeInfo-spot-full-20230908.json.gz} or
 *                       {@code live spot exchangeInfo, serverTime 2026-08-01T10:00:00Z}; {@code "defaults"} for the
 *                       fallback
 * @param fallbackReason why the defaults are used (e.g. {@code SOLUSDT not in exchangeInfo-spot-….json});
 *                       {@code null} when the filters are the exchange's
 */
public record InstrumentChoice(Instrument instrument, String source, String fallbackReason) {

    /** @throws NullPointerException when instrument or source is null */
    public InstrumentChoice {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(source, "source");
    }

    /** The exchange's own filters for the symbol, read from {@code source}. */
    public static InstrumentChoice exchangeInfo(Instrument instrument, String source) {
        return new InstrumentChoice(instrument, source, null);
    }

    /**
     * The fallback: {@link Instrument#defaultSpotUsdt} for {@code symbol} (BTCUSDT's spot filters, whatever the
     * market), because of {@code reason}.
     *
     * @param market the market the session wanted (only named in the description)
     * @throws NullPointerException when an argument is null
     */
    public static InstrumentChoice defaults(Market market, String symbol, String reason) {
        Objects.requireNonNull(market, "market");
        return new InstrumentChoice(Instrument.defaultSpotUsdt(symbol), "defaults", Objects.requireNonNull(reason, "reason"));
    }

    /** True when the session trades with the defaults instead of the symbol's real filters. */
    public boolean usesDefaults() {
        return fallbackReason != null;
    }

    /**
     * One plain line without a prefix, e.g. {@code SOLUSDT tick 0.01, step 0.01, min notional 5 USDT
     * (exchangeInfo-spot-full-20230908.json.gz)} or {@code defaults (SOLUSDT not in exchangeInfo-spot-….json; BTCUSDT-like
     * spot filters: tick 0.01, step 0.00001, min notional 5 USDT)}. A symbol whose status is not {@code TRADING} says
     * so ({@code status BREAK}).
     */
    public String describe() {
        Instrument i = instrument;
        String figures = "tick " + plain(i.tickSize()) + ", step " + plain(i.stepSize()) + ", min notional "
                + plain(i.minNotional()) + " " + i.quoteAsset();
        if (usesDefaults()) {
            return "defaults (" + fallbackReason + "; BTCUSDT-like spot filters: " + figures + ")";
        }
        return i.symbol() + " " + figures + (i.isTrading() ? "" : ", status " + i.status()) + " (" + source + ")";
    }

    /** {@code spot} or {@code USD-M futures}, for messages. */
    static String label(Market market) {
        return market == Market.SPOT ? "spot" : "USD-M futures";
    }

    private static String plain(BigDecimal v) {
        return v == null ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
