package dev.pennant.core.marketdata.parse;

/** What {@link MarketMessageParser#parse(String, MarketMessageHandler)} found in a frame. */
public enum MessageType {
    /** {@code depthUpdate}, delivered to {@link MarketMessageHandler#onDepth}. */
    DEPTH,
    /** {@code kline}, delivered to {@link MarketMessageHandler#onKline}. */
    KLINE,
    /** {@code aggTrade}, delivered to {@link MarketMessageHandler#onAggTrade}. */
    AGG_TRADE,
    /** {@code bookTicker} (spot frames have no {@code "e"}), delivered to {@link MarketMessageHandler#onBookTicker}. */
    BOOK_TICKER,
    /**
     * {@code markPriceUpdate} (one object, or an {@code !markPrice@arr} array with one delivery per element),
     * delivered to {@link MarketMessageHandler#onMarkPrice}.
     */
    MARK_PRICE,
    /** Any other event (ticker, subscription result, ...): not delivered. */
    OTHER
}
