package dev.pennant.core.exchange.paper;

import dev.pennant.core.model.Bar;

import java.math.BigDecimal;
import java.util.List;

/**
 * The intra-bar price path the paper venue assumes for a bar (docs/decisions/0011-paper-fill-model.md): open → low →
 * high → close when the bar closed at or above its open, otherwise open → high → low → close. Between two points the
 * price moves monotonically through every price in between.
 */
public final class BarPath {

    private BarPath() {
    }

    /** The four path points of {@code bar}, in order (consecutive points may be equal). */
    public static List<BigDecimal> points(Bar bar) {
        return bar.close().compareTo(bar.open()) >= 0
                ? List.of(bar.open(), bar.low(), bar.high(), bar.close())
                : List.of(bar.open(), bar.high(), bar.low(), bar.close());
    }

    /**
     * Nominal times of the four points: the open at {@code openTime}, the close at {@code closeTime}, the two extremes
     * at one and two thirds of the bar (a bar does not say when its high and low traded).
     */
    public static long[] times(Bar bar) {
        long span = bar.closeTime() - bar.openTime();
        return new long[]{bar.openTime(), bar.openTime() + span / 3, bar.openTime() + 2 * span / 3, bar.closeTime()};
    }
}
