package dev.pennant.core.backtest.optimize;

import dev.pennant.core.analytics.PerformanceReport;
import dev.pennant.core.analytics.ReportExport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes an optimisation as CSV (every trial; the walk-forward windows; the heat map) and as one self-contained
 * HTML page (top trials, heat map, walk-forward table, then the full report of the best set).
 */
public final class OptimizationExport {

    private OptimizationExport() {
    }

    /**
     * Writes {@code file} (one row per trial: {@code rank,<parameters…>,score,total_return,sharpe,sortino,calmar,
     * max_drawdown,profit_factor,win_rate,trades}), {@code <name>-heatmap.csv} ({@code y\x} grid) and, with a
     * walk-forward, {@code <name>-walkforward.csv}.
     *
     * @param walkForward may be {@code null}
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public static List<Path> writeCsv(OptimizationResult result, HeatMap heatMap, WalkForward.Result walkForward, Path file)
            throws IOException {
        String name = file.getFileName().toString();
        String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        Path dir = file.toAbsolutePath().getParent();
        List<Path> out = new ArrayList<>();
        StringBuilder s = new StringBuilder("rank");
        if (!result.trials().isEmpty()) {
            result.trials().getFirst().parameters().values().keySet().forEach(k -> s.append(',').append(k));
        }
        s.append(",score,total_return,sharpe,sortino,calmar,max_drawdown,profit_factor,win_rate,trades\n");
        int rank = 1;
        for (Trial t : result.trials()) {
            s.append(rank++);
            t.parameters().values().values().forEach(v -> s.append(',').append(v));
            s.append(',').append(num(t.score())).append(',').append(metrics(t.metrics())).append('\n');
        }
        out.add(write(file, s));
        if (heatMap != null) {
            StringBuilder h = new StringBuilder(heatMap.y() + "\\" + heatMap.x());
            for (double x : heatMap.xs()) {
                h.append(',').append(fmt(x));
            }
            h.append('\n');
            for (int yi = 0; yi < heatMap.ys().length; yi++) {
                h.append(fmt(heatMap.ys()[yi]));
                for (double v : heatMap.values()[yi]) {
                    h.append(',').append(num(v));
                }
                h.append('\n');
            }
            out.add(write(dir.resolve(base + "-heatmap.csv"), h));
        }
        if (walkForward != null) {
            StringBuilder w = new StringBuilder("window,is_from_utc,is_to_utc,oos_from_utc,oos_to_utc,parameters,"
                    + "is_total_return,is_sharpe,oos_total_return,oos_sharpe,oos_max_drawdown,oos_trades\n");
            for (WalkForward.Window x : walkForward.windows()) {
                w.append(x.index()).append(',').append(Instant.ofEpochMilli(x.isFrom())).append(',')
                        .append(Instant.ofEpochMilli(x.isTo())).append(',').append(Instant.ofEpochMilli(x.oosFrom())).append(',')
                        .append(Instant.ofEpochMilli(x.oosTo())).append(",\"").append(x.best()).append("\",")
                        .append(num(x.inSample().totalReturn())).append(',').append(num(x.inSample().sharpe())).append(',')
                        .append(num(x.outOfSample().totalReturn())).append(',').append(num(x.outOfSample().sharpe()))
                        .append(',').append(num(x.outOfSample().maxDrawdown())).append(',')
                        .append(x.outOfSample().trades()).append('\n');
            }
            out.add(write(dir.resolve(base + "-walkforward.csv"), w));
        }
        return out;
    }

    /**
     * The HTML page.
     *
     * @param heatMap     may be {@code null}
     * @param walkForward may be {@code null}
     * @param best        report of the best set's backtest over all bars, may be {@code null}
     * @param top         trials listed
     */
    public static String html(String title, OptimizationResult result, HeatMap heatMap, WalkForward.Result walkForward,
                              PerformanceReport best, int top) {
        StringBuilder h = new StringBuilder();
        h.append("<p>").append(result.method()).append(" search, ").append(result.trials().size())
                .append(" trials ranked by ").append(result.metric()).append(String.format(Locale.ROOT, " in %.2f s",
                        result.elapsedNanos() / 1e9)).append(result.cancelled() ? " (cancelled)" : "").append(".</p>");
        h.append("<h2>Top trials</h2><table><tr><th>#</th><th class=\"l\">Parameters</th><th>Score</th><th>Return</th>")
                .append("<th>Sharpe</th><th>Max DD</th><th>PF</th><th>Trades</th></tr>");
        for (int i = 0; i < Math.min(top, result.trials().size()); i++) {
            Trial t = result.trials().get(i);
            TrialMetrics m = t.metrics();
            h.append("<tr><td>").append(i + 1).append("</td><td class=\"l\">").append(ReportExport.esc(t.parameters().toString()))
                    .append("</td><td>").append(fmt3(t.score())).append("</td><td>").append(pct(m.totalReturn()))
                    .append("</td><td>").append(fmt3(m.sharpe())).append("</td><td>").append(ddPct(m.maxDrawdown()))
                    .append("</td><td>").append(fmt3(m.profitFactor())).append("</td><td>").append(m.trades())
                    .append("</td></tr>");
        }
        h.append("</table>");
        if (heatMap != null && heatMap.xs().length > 0) {
            double[] range = heatMap.range();
            double scale = Math.max(Math.abs(range[0]), Math.abs(range[1]));
            h.append("<h2>Heat map: best ").append(heatMap.metric()).append(" by ").append(ReportExport.esc(heatMap.y()))
                    .append(" (rows) × ").append(ReportExport.esc(heatMap.x())).append(" (columns)</h2>")
                    .append("<table class=\"hm\"><tr><th></th>");
            for (double x : heatMap.xs()) {
                h.append("<th>").append(fmt(x)).append("</th>");
            }
            h.append("</tr>");
            for (int yi = 0; yi < heatMap.ys().length; yi++) {
                h.append("<tr><th>").append(fmt(heatMap.ys()[yi])).append("</th>");
                for (double v : heatMap.values()[yi]) {
                    boolean defined = !Double.isNaN(v) && !Double.isInfinite(v);
                    h.append("<td style=\"background:").append(defined ? ReportExport.heatColour(v, scale > 0 ? scale : 1)
                            : "#21262d").append("\">").append(defined ? String.format(Locale.ROOT, "%.2f", v) : "")
                            .append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</table>");
        }
        if (walkForward != null) {
            h.append("<h2>Walk-forward (out-of-sample)</h2><p>").append(String.format(Locale.ROOT,
                    "OOS compounded return %+.2f %%, mean OOS Sharpe %s, walk-forward efficiency %s",
                    walkForward.oosCompoundedReturn() * 100, fmt3(walkForward.oosMeanSharpe()), fmt3(walkForward.efficiency())))
                    .append("</p><table><tr><th>#</th><th class=\"l\">IS</th><th class=\"l\">OOS</th>")
                    .append("<th class=\"l\">Best IS parameters</th><th>IS return</th><th>OOS return</th>")
                    .append("<th>OOS Sharpe</th><th>OOS max DD</th><th>OOS trades</th></tr>");
            for (WalkForward.Window w : walkForward.windows()) {
                h.append("<tr><td>").append(w.index() + 1).append("</td><td class=\"l\">").append(day(w.isFrom()))
                        .append(" → ").append(day(w.isTo())).append("</td><td class=\"l\">").append(day(w.oosFrom()))
                        .append(" → ").append(day(w.oosTo())).append("</td><td class=\"l\">")
                        .append(ReportExport.esc(w.best().toString())).append("</td><td>").append(pct(w.inSample().totalReturn()))
                        .append("</td><td>").append(pct(w.outOfSample().totalReturn())).append("</td><td>")
                        .append(fmt3(w.outOfSample().sharpe())).append("</td><td>").append(ddPct(w.outOfSample().maxDrawdown()))
                        .append("</td><td>").append(w.outOfSample().trades()).append("</td></tr>");
            }
            h.append("</table>");
        }
        if (best != null && !result.trials().isEmpty()) {
            h.append("<h2>Best set over all bars: ").append(ReportExport.esc(result.best().parameters().toString()))
                    .append("</h2>").append(ReportExport.sections(best));
        }
        return ReportExport.page(title, h.toString());
    }

    private static String metrics(TrialMetrics m) {
        return num(m.totalReturn()) + "," + num(m.sharpe()) + "," + num(m.sortino()) + "," + num(m.calmar()) + ","
                + num(m.maxDrawdown()) + "," + num(m.profitFactor()) + "," + num(m.winRate()) + "," + m.trades();
    }

    private static String day(long ms) {
        return Instant.ofEpochMilli(ms).toString().substring(0, 10);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.2f %%", v * 100);
    }

    private static String ddPct(double v) {
        return String.format(Locale.ROOT, "%.2f %%", v * 100);
    }

    private static String fmt3(double v) {
        return Double.isNaN(v) ? "n/a" : Double.isInfinite(v) ? (v > 0 ? "∞" : "-∞") : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A parameter value: whole numbers without decimals. */
    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity") : Double.toString(v);
    }

    private static Path write(Path file, CharSequence text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
