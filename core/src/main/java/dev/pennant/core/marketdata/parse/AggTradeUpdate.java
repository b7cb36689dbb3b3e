package dev.pennant.core.marketdata.parse;

/**
 * An aggregate-trade event ({@code "e":"aggTrade"}, stream {@code <symbol>@aggTrade}), spot or futures. Price in the
 * quote asset, quantity in the base asset, times epoch ms UTC. Reused by the parser; not thread-safe.
 */
public final class AggTradeUpdate {

    String symbol;
    long eventTime;
    long aggregateId;
    long firstTradeId;
    long lastTradeId;
    long tradeTime;
    boolean buyerMaker;
    final DecimalField price = new DecimalField();
    final DecimalField quantity = new DecimalField();

    /** Symbol, upper case. */
    public String symbol() {
        return symbol;
    }

    /** Event time {@code "E"}, epoch ms. */
    public long eventTime() {
        return eventTime;
    }

    /** Aggregate trade id {@code "a"}. */
    public long aggregateId() {
        return aggregateId;
    }

    /** First trade id {@code "f"}. */
    public long firstTradeId() {
        return firstTradeId;
    }

    /** Last trade id {@code "l"}. */
    public long lastTradeId() {
        return lastTradeId;
    }

    /** Trade time {@code "T"}, epoch ms. */
    public long tradeTime() {
        return tradeTime;
    }

    /** {@code "m"}: true when the buyer was the maker (the taker sold). */
    public boolean buyerMaker() {
        return buyerMaker;
    }

    /** Price {@code "p"}. */
    public DecimalField price() {
        return price;
    }

    /** Quantity {@code "q"}. */
    public DecimalField quantity() {
        return quantity;
    }
}
