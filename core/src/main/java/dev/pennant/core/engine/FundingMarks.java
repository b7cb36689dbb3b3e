package dev.pennant.core.engine;

import dev.pennant.core.marketdata.feed.MarkPrice;
import dev.pennant.core.model.Bar;
import dev.pennant.core.portfolio.margin.FundingRates;

import java.util.List;
import java.util.Objects;

/**
 * Mark-price events for a USDⓈ-M session that has only klines (backtests, kline replays): after each closed bar, a
 * {@link MarkPrice} at the bar's close carrying the <b>recorded</b> funding rate of the next funding time
 * ({@code ../shared/data/binance/futures-um/fundingRate/}). A venue settles funding when a mark event's time passes
 * the previous event's {@code nextFundingTime}, so the payment at funding time F uses the last close before F and
 * the rate Binance actually applied at F — the same path a live session takes with {@code <symbol>@markPrice}.
 * Per bar: deliver {@link #before(Bar)} (if not null), the bar, then {@link #after(Bar)}.
 *
 * <p>Approximation, stated: the mark price is the bar's close (the recorded data has no mark-price klines), which is
 * within the premium (typically a few basis points) of Binance's mark.
 */
public final class FundingMarks {

    private final FundingRates rates;
    private final List<FundingRates.FundingEvent> events;
    private int next;
    private long pendingFunding;
    private java.math.BigDecimal lastClose;

    /** Marks for {@code rates.symbol()}. @throws NullPointerException when rates is null */
    public FundingMarks(FundingRates rates) {
        this.rates = Objects.requireNonNull(rates, "rates");
        this.events = rates.events();
    }

    /** The symbol. */
    public String symbol() {
        return rates.symbol();
    }

    /**
     * The mark event to deliver just <b>before</b> {@code bar} when a funding time F passed between the previous bar's
     * close and this bar's open: time F, price = the previous close. It makes the venue settle F on the positions held
     * at F — before this bar's fills can change them. {@code null} when no funding falls in that gap.
     */
    public MarkPrice before(Bar bar) {
        if (pendingFunding == 0 || pendingFunding > bar.openTime() || lastClose == null) {
            return null;
        }
        long f = pendingFunding;
        while (next < events.size() && events.get(next).nominalTime() <= f) {
            next++;
        }
        pendingFunding = 0;
        if (next >= events.size()) {
            return new MarkPrice(bar.symbol(), lastClose, null, null, 0, f);
        }
        FundingRates.FundingEvent e = events.get(next);
        pendingFunding = e.nominalTime();
        return new MarkPrice(bar.symbol(), lastClose, null, e.fundingRate(), e.nominalTime(), f);
    }

    /**
     * The mark event to deliver after {@code bar} (bars in time order): price = close, time = close time, rate and
     * nextFundingTime of the first recorded funding after the close; {@code nextFundingTime} 0 and rate {@code null}
     * past the end of the recording (no funding is invented).
     *
     * @throws IllegalArgumentException when the bar is for another symbol
     */
    public MarkPrice after(Bar bar) {
        if (!bar.symbol().equals(rates.symbol())) {
            throw new IllegalArgumentException("bar symbol " + bar.symbol() + " is not " + rates.symbol());
        }
        lastClose = bar.close();
        while (next < events.size() && events.get(next).nominalTime() <= bar.closeTime()) {
            next++;
        }
        if (next >= events.size()) {
            pendingFunding = 0;
            return new MarkPrice(bar.symbol(), bar.close(), null, null, 0, bar.closeTime());
        }
        FundingRates.FundingEvent e = events.get(next);
        pendingFunding = e.nominalTime();
        return new MarkPrice(bar.symbol(), bar.close(), null, e.fundingRate(), e.nominalTime(), bar.closeTime());
    }
}
