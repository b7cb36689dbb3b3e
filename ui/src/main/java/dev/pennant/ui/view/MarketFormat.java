package dev.pennant.ui.view;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formats of the market views. */
public final class MarketFormat {

    private MarketFormat() {
    }

    /** Exact price without trailing zeros, e.g. {@code 26123.4}; "—" for null. */
    public static String price(BigDecimal p) {
        return p == null ? "—" : p.stripTrailingZeros().toPlainString();
    }

    /** Signed percent with two decimals, e.g. {@code +1.25%}; "—" for null. */
    public static String percent(BigDecimal p) {
        return p == null ? "—" : String.format(Locale.ROOT, "%+.2f%%", p.doubleValue());
    }

    /** Compact volume: {@code 950}, {@code 12.3K}, {@code 1.2M}, {@code 3.4B}; "—" for null. */
    public static String compact(BigDecimal v) {
        if (v == null) {
            return "—";
        }
        return compact(v.doubleValue());
    }

    private static String unit(double v, String u) {
        return String.format(Locale.ROOT, Math.abs(v) >= 99.95 ? "%.0f%s" : "%.1f%s", v, u);
    }

    /** Compact number, see {@link #compact(BigDecimal)}. */
    public static String compact(double d) {
        double a = Math.abs(d);
        if (a >= 1e12) return unit(d / 1e12, "T");
        if (a >= 1e9) return unit(d / 1e9, "B");
        if (a >= 1e6) return unit(d / 1e6, "M");
        if (a >= 1e3) return unit(d / 1e3, "K");
        if (a >= 100 || a == Math.rint(a)) return String.format(Locale.ROOT, "%.0f", d);
        return String.format(Locale.ROOT, "%.4g", d);
    }
}
