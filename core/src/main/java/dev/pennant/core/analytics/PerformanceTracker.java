package dev.pennant.core.analytics;

import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Position;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects fills and the per-bar equity curve of a session and computes {@link PerformanceStats}.
 *
 * <p>The equity curve is kept as {@code double} (a hot loop over every bar that only feeds statistics); money
 * figures in the result come from the fills' {@link BigDecimal}s. Engine-thread only.
 */
public final class PerformanceTracker implements EngineListener {

    private final BigDecimal startingEquity;
    private final long barMillis;
    private final List<Fill> fills = new ArrayList<>();
    private double[] equity = new double[1024];
    private long[] times = new long[1024];
    private int n;
    private BigDecimal lastEquity;
    // round-trip bookkeeping: P&L accumulates from the first fill out of flat until the position is flat again
    private BigDecimal tripPnl = BigDecimal.ZERO;
    private boolean inTrip;
    private final List<BigDecimal> closedTrips = new ArrayList<>();

    /**
     * @param startingEquity equity before the first bar, quote asset
     * @param barMillis      bar interval in ms (annualises the Sharpe ratio)
     */
    public PerformanceTracker(BigDecimal startingEquity, long barMillis) {
        this.startingEquity = startingEquity;
        this.lastEquity = startingEquity;
        this.barMillis = barMillis;
    }

    @Override
    public void onFill(Fill fill, Position position) {
        fills.add(fill);
        inTrip = true;
        tripPnl = tripPnl.add(fill.realizedPnl());
        if (position.isFlat()) {
            closedTrips.add(tripPnl);
            tripPnl = BigDecimal.ZERO;
            inTrip = false;
        }
    }

    @Override
    public void onEquity(EquitySnapshot snapshot) {
        if (n == equity.length) {
            equity = Arrays.copyOf(equity, n * 2);
            times = Arrays.copyOf(times, n * 2);
        }
        times[n] = snapshot.time();
        equity[n++] = snapshot.equity().doubleValue();
        lastEquity = snapshot.equity();
    }

    /** Fills seen so far, in order. */
    public List<Fill> fills() {
        return List.copyOf(fills);
    }

    /** The statistics now. */
    public PerformanceStats stats() {
        return PerformanceStats.compute(startingEquity, lastEquity, Arrays.copyOf(equity, n), closedTrips,
                inTrip, fills.size(), barMillis);
    }

    /**
     * The full analytics of what was seen so far ({@link PerformanceReport#compute}).
     *
     * @param bars the bars the session traded, for the slippage reference (the open of each fill's bar); may be
     *             {@code null}
     * @throws IllegalStateException before the first equity sample
     */
    public PerformanceReport report(List<Bar> bars) {
        if (n == 0) {
            throw new IllegalStateException("no equity sample yet: the report needs at least one closed bar");
        }
        return PerformanceReport.compute(startingEquity.doubleValue(), Arrays.copyOf(times, n), Arrays.copyOf(equity, n),
                fills, barMillis, bars);
    }
}
