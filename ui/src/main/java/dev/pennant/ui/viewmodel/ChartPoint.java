package dev.pennant.ui.viewmodel;

import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.model.Bar;

/**
 * One candle for the chart with the strategy's indicator values at it.
 *
 * @param bar        the bar (closed, or still forming for live data)
 * @param indicators indicator values; {@code null} for a forming bar
 */
public record ChartPoint(Bar bar, IndicatorSnapshot indicators) {

    /** Bar open time in epoch <b>seconds</b> (ChartFX time axes use seconds). */
    public double x() {
        return bar.openTime() / 1000.0;
    }
}
