package dev.pennant.core.backtest.optimize;

import dev.pennant.core.model.Bar;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Date-range selection of bars for backtests and optimisations. */
public final class BarWindow {

    private BarWindow() {
    }

    /**
     * The bars opening on {@code from} … {@code to} (UTC calendar days, both inclusive), as a view of {@code bars}.
     *
     * @param bars bars in time order
     * @param from first day, or {@code null} for the first bar
     * @param to   last day, or {@code null} for the last bar
     * @throws IllegalArgumentException when {@code to} is before {@code from}, or no bar falls in the range (naming
     *                                  the range and the data's own span)
     */
    public static List<Bar> between(List<Bar> bars, LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") must not be before from (" + from + ")");
        }
        long lo = from == null ? Long.MIN_VALUE : from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long hi = to == null ? Long.MAX_VALUE : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        int a = 0;
        while (a < bars.size() && bars.get(a).openTime() < lo) {
            a++;
        }
        int b = a;
        while (b < bars.size() && bars.get(b).openTime() < hi) {
            b++;
        }
        if (a == b) {
            String span = bars.isEmpty() ? "no bars" : bars.getFirst().openInstant() + " → " + bars.getLast().openInstant();
            throw new IllegalArgumentException("no bar between " + (from == null ? "the start" : from) + " and "
                    + (to == null ? "the end" : to) + " (the data covers " + span + ")");
        }
        return bars.subList(a, b);
    }
}
