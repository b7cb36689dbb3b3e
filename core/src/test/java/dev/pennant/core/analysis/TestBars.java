package dev.pennant.core.analysis;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Hand-made bars for the analysis tests (1m, from 2024-01-01T00:00Z). */
final class TestBars {
    static final long T0 = 1_704_067_200_000L;

    private TestBars() {
    }

    static Bar bar(int i, double open, double high, double low, double close) {
        return Bar.ohlcv("TESTUSDT", Interval.M1, T0 + i * 60_000L, bd(open), bd(high), bd(low), bd(close), BigDecimal.ONE);
    }

    /** Bars whose close follows {@code closes}, each bar open = previous close, high/low = max/min ± halfRange. */
    static List<Bar> path(double halfRange, double... closes) {
        List<Bar> out = new ArrayList<>();
        double prev = closes[0];
        for (int i = 0; i < closes.length; i++) {
            double c = closes[i];
            out.add(bar(i, prev, Math.max(prev, c) + halfRange, Math.min(prev, c) - halfRange, c));
            prev = c;
        }
        return out;
    }

    static BigDecimal bd(double v) {
        return BigDecimal.valueOf(v);
    }
}
