package dev.pennant.core.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One figure of a {@link PerformanceMetrics}, ready for a table, a CSV line or the CLI.
 *
 * @param key     machine name, snake_case (CSV column {@code metric})
 * @param label   human label
 * @param value   the raw value (fractions as fractions, money in the quote asset, durations in ms)
 * @param unit    {@code fraction}, {@code quote}, {@code ms}, {@code ratio} or {@code count}
 * @param display the value formatted for people (percent, 2 decimals, days), "n/a" for NaN
 */
public record MetricRow(String key, String label, double value, String unit, String display) {

    /** The figures of {@code m} in report order. */
    public static List<MetricRow> of(PerformanceMetrics m) {
        List<MetricRow> r = new ArrayList<>();
        r.add(quote("starting_equity", "Starting equity", m.startingEquity()));
        r.add(quote("final_equity", "Final equity", m.finalEquity()));
        r.add(quote("net_profit", "Net profit", m.netProfit()));
        r.add(pct("total_return", "Total return", m.totalReturn()));
        r.add(pct("cagr", "CAGR (365-day year)", m.cagr()));
        r.add(ratio("sharpe", "Sharpe (annualised, rf 0)", m.sharpe()));
        r.add(ratio("sortino", "Sortino (annualised, target 0)", m.sortino()));
        r.add(ratio("calmar", "Calmar (CAGR / max DD)", m.calmar()));
        r.add(pct("max_drawdown", "Max drawdown", m.maxDrawdown()));
        r.add(quote("max_drawdown_quote", "Max drawdown (quote)", m.maxDrawdownQuote()));
        r.add(duration("max_drawdown_duration", "Max drawdown duration" + (m.maxDrawdownRecovered() ? "" : " (not recovered)"),
                m.maxDrawdownDurationMs()));
        r.add(duration("longest_drawdown", "Longest drawdown", m.longestDrawdownMs()));
        r.add(count("closed_trades", "Closed trades", m.closedTrades()));
        r.add(count("wins", "Winning trades", m.wins()));
        r.add(count("losses", "Losing trades", m.losses()));
        r.add(pct("win_rate", "Win rate", m.winRate()));
        r.add(quote("average_win", "Average win", m.averageWin()));
        r.add(quote("average_loss", "Average loss", m.averageLoss()));
        r.add(ratio("win_loss_ratio", "Win/loss ratio", m.winLossRatio()));
        r.add(ratio("profit_factor", "Profit factor", m.profitFactor()));
        r.add(quote("expectancy", "Expectancy per trade", m.expectancy()));
        r.add(pct("exposure", "Exposure time", m.exposure()));
        r.add(quote("fees_paid", "Fees paid", m.feesPaid()));
        r.add(quote("slippage_paid", "Slippage paid (vs bar open)", m.slippagePaid()));
        r.add(new MetricRow("bars_per_year", "Bars per year (365 d)", m.barsPerYear(), "count",
                String.format(Locale.ROOT, "%.0f", m.barsPerYear())));
        return List.copyOf(r);
    }

    private static String na(double v, String fmt) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        return String.format(Locale.ROOT, fmt, v);
    }

    private static MetricRow quote(String k, String l, double v) {
        return new MetricRow(k, l, v, "quote", na(v, "%,.2f"));
    }

    private static MetricRow pct(String k, String l, double v) {
        return new MetricRow(k, l, v, "fraction", na(v * 100, "%.2f %%"));
    }

    private static MetricRow ratio(String k, String l, double v) {
        return new MetricRow(k, l, v, "ratio", na(v, "%.3f"));
    }

    private static MetricRow count(String k, String l, long v) {
        return new MetricRow(k, l, v, "count", Long.toString(v));
    }

    private static MetricRow duration(String k, String l, long ms) {
        return new MetricRow(k, l, ms, "ms", String.format(Locale.ROOT, "%.1f d", ms / 86_400_000.0));
    }
}
