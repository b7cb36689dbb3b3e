package dev.pennant.core.marketdata.parse;

/**
 * A USDⓈ-M mark price event ({@code "e":"markPriceUpdate"}, streams {@code <symbol>@markPrice[@1s]} and
 * {@code !markPrice@arr[@1s]}). Reused by the parser; not thread-safe.
 */
public final class MarkPriceUpdate {

    String symbol;
    long eventTime;
    long nextFundingTime;
    boolean hasIndexPrice;
    boolean hasEstimatedSettlePrice;
    boolean hasFundingRate;
    final DecimalField markPrice = new DecimalField();
    final DecimalField indexPrice = new DecimalField();
    final DecimalField estimatedSettlePrice = new DecimalField();
    final DecimalField fundingRate = new DecimalField();

    /** Symbol, upper case. */
    public String symbol() {
        return symbol;
    }

    /** Event time {@code "E"}, epoch ms. */
    public long eventTime() {
        return eventTime;
    }

    /** Mark price {@code "p"}. */
    public DecimalField markPrice() {
        return markPrice;
    }

    /** Index price {@code "i"}; read only when {@link #hasIndexPrice()}. */
    public DecimalField indexPrice() {
        return indexPrice;
    }

    /** Whether {@code "i"} was sent and not empty. */
    public boolean hasIndexPrice() {
        return hasIndexPrice;
    }

    /** Estimated settle price {@code "P"}; read only when {@link #hasEstimatedSettlePrice()}. */
    public DecimalField estimatedSettlePrice() {
        return estimatedSettlePrice;
    }

    /** Whether {@code "P"} was sent and not empty. */
    public boolean hasEstimatedSettlePrice() {
        return hasEstimatedSettlePrice;
    }

    /** Funding rate {@code "r"} as a fraction; read only when {@link #hasFundingRate()}. */
    public DecimalField fundingRate() {
        return fundingRate;
    }

    /** Whether {@code "r"} was sent and not empty (delivery contracts send {@code ""}). */
    public boolean hasFundingRate() {
        return hasFundingRate;
    }

    /** Next funding time {@code "T"}, epoch ms; 0 when none. */
    public long nextFundingTime() {
        return nextFundingTime;
    }
}
