package dev.pennant.core.marketdata.parse;

/**
 * Receives parsed frames from {@link MarketMessageParser}, on the thread that called {@code parse}. The argument
 * objects are reused for the next frame: copy what you keep. Every method defaults to ignoring the event.
 */
public interface MarketMessageHandler {

    /** A diff-depth event. */
    default void onDepth(DepthUpdate update) {
    }

    /** A kline event. */
    default void onKline(KlineUpdate kline) {
    }

    /** An aggregate-trade event. */
    default void onAggTrade(AggTradeUpdate trade) {
    }

    /** A best bid/offer event. */
    default void onBookTicker(BookTickerUpdate ticker) {
    }

    /** A USDⓈ-M mark price event (called once per element of an {@code !markPrice@arr} frame). */
    default void onMarkPrice(MarkPriceUpdate markPrice) {
    }
}
