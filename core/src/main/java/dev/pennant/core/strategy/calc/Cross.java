package dev.pennant.core.strategy.calc;

/**
 * Detects crossings of two series with ta4j 0.22's {@code CrossedUpIndicatorRule} / {@code CrossedDownIndicatorRule}
 * semantics: at the first bar where both are defined nothing crosses; afterwards {@code a} crosses above {@code b}
 * when {@code a > b} now and, at the latest earlier bar where they differed, {@code a < b} (equal bars are skipped).
 */
public final class Cross {

    /** Result codes of {@link #update}. */
    public static final int UP = 1, DOWN = -1, NONE = 0;

    private boolean started;
    private int last;

    /** Feeds the values of this bar. @return {@link #UP}, {@link #DOWN} or {@link #NONE} */
    public int update(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return NONE;
        }
        int s = a > b ? 1 : a < b ? -1 : 0;
        if (!started) {
            started = true;
            last = s;
            return NONE;
        }
        int r = s > 0 && last < 0 ? UP : s < 0 && last > 0 ? DOWN : NONE;
        if (s != 0) {
            last = s;
        }
        return r;
    }
}
