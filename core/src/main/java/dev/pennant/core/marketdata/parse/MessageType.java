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
    /** Any other event (ticker, markPrice, subscription result, ...): not delivered. */
    OTHER
}
