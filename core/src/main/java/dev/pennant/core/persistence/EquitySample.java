package dev.pennant.core.persistence;

import dev.pennant.core.model.EquitySnapshot;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One stored equity row: the account value at the last of {@code bars} consecutive bars, with the lowest and highest
 * equity over those bars, so a sampled equity curve keeps its drawdowns (decision 0012). All money in the quote
 * asset.
 *
 * @param last      the snapshot at the last bar of the sample (its {@code time} is the row's time, epoch ms UTC)
 * @param minEquity lowest equity over the sample's bars
 * @param maxEquity highest equity over the sample's bars
 * @param bars      how many bars the row stands for (≥ 1)
 */
public record EquitySample(EquitySnapshot last, BigDecimal minEquity, BigDecimal maxEquity, int bars) {

    /** @throws NullPointerException naming the missing field; IllegalArgumentException when bars &lt; 1 or min &gt; max */
    public EquitySample {
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(minEquity, "minEquity");
        Objects.requireNonNull(maxEquity, "maxEquity");
        if (bars < 1) {
            throw new IllegalArgumentException("bars must be >= 1, was " + bars);
        }
        if (minEquity.compareTo(maxEquity) > 0) {
            throw new IllegalArgumentException("minEquity " + minEquity.toPlainString() + " is above maxEquity "
                    + maxEquity.toPlainString());
        }
    }

    /** A one-bar sample of {@code s}. */
    public static EquitySample of(EquitySnapshot s) {
        return new EquitySample(s, s.equity(), s.equity(), 1);
    }
}
