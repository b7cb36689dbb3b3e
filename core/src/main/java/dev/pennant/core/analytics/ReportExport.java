package dev.pennant.core.analytics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link PerformanceReport} as CSV files and as one self-contained HTML page (inline CSS and SVG plots; no
 * script, font or image is loaded from anywhere). Times are ISO-8601 UTC; numbers use {@code .} as decimal point.
 */
public final class ReportExport {

    private ReportExport() {
    }

    /**
     * Writes {@code file} (columns {@code metric,value,unit}) and beside it {@code <name>-equity.csv}
     * ({@code time_utc,equity,drawdown}), {@code <name>-trades.csv}, {@code <name>-daily.csv},
     * {@code <name>-monthly.csv} ({@code period,end_equity,return}) and {@code <name>-symbols.csv}.
     *
     * @return the files written, {@code file} first
     * @throws IOException when a file cannot be written
     */
    public static List<Path> writeCsv(PerformanceReport report, Path file) throws IOException {
        String name = file.getFileName().toString();
        String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        Path dir = file.toAbsolutePath().getParent();
        List<Path> written = new ArrayList<>();
        StringBuilder m = new StringBuilder("metric,value,unit\n");
        for (MetricRow r : MetricRow.of(report.metrics())) {
            m.append(r.key()).append(',').append(num(r.value())).append(',').append(r.unit()).append('\n');
        }
        written.add(write(file, m));
        StringBuilder eq = new StringBuilder("time_utc,equity,drawdown\n");
        for (int i = 0; i < report.times().length; i++) {
            eq.append(Instant.ofEpochMilli(report.times()[i])).append(',').append(num(report.equity()[i])).append(',')
                    .append(num(report.drawdown()[i])).append('\n');
        }
        written.add(write(dir.resolve(base + "-equity.csv"), eq));
        StringBuilder tr = new StringBuilder(
                "symbol,direction,entry_time_utc,exit_time_utc,quantity,entry_price,exit_price,pnl,fees,return,fills\n");
        for (Trade t : report.trades()) {
            tr.append(t.symbol()).append(',').append(t.direction()).append(',').append(Instant.ofEpochMilli(t.entryTime()))
                    .append(',').append(t.open() ? "" : Instant.ofEpochMilli(t.exitTime()).toString()).append(',')
                    .append(num(t.quantity())).append(',').append(num(t.entryPrice())).append(',')
                    .append(num(t.exitPrice())).append(',').append(num(t.pnl())).append(',').append(num(t.fees()))
                    .append(',').append(num(t.returnFraction())).append(',').append(t.fills()).append('\n');
        }
        written.add(write(dir.resolve(base + "-trades.csv"), tr));
        written.add(write(dir.resolve(base + "-daily.csv"), periods(report.daily())));
        written.add(write(dir.resolve(base + "-monthly.csv"), periods(report.monthly())));
        StringBuilder sy = new StringBuilder("symbol,closed_trades,realized_pnl,fees\n");
        for (SymbolPnl s : report.bySymbol()) {
            sy.append(s.symbol()).append(',').append(s.closedTrades()).append(',').append(num(s.realizedPnl())).append(',')
                    .append(num(s.fees())).append('\n');
        }
        written.add(write(dir.resolve(base + "-symbols.csv"), sy));
        return written;
    }

    /**
     * Writes the HTML report to {@code file}.
     *
     * @param title shown as the page heading (e.g. strategy and data), HTML-escaped
     * @throws IOException when the file cannot be written
     */
    public static void writeHtml(PerformanceReport report, String title, Path file) throws IOException {
        write(file, new StringBuilder(html(report, title)));
    }

    /** The self-contained HTML page of {@code report} (see {@link #writeHtml}). */
    public static String html(PerformanceReport report, String title) {
        return page(title, sections(report));
    }

    /**
     * A self-contained page around {@code body} (HTML): the report's inline style sheet, {@code title} as heading.
     * Other reports (the optimiser's) put their own sections and {@link #sections} in it.
     */
    public static String page(String title, String body) {
        StringBuilder h = new StringBuilder(body.length() + 2_000);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;background:#0d1117;color:#c9d1d9;margin:24px}")
                .append("h1{font-size:20px}h2{font-size:16px;margin-top:28px}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{padding:3px 8px;border-bottom:1px solid #30363d;text-align:right}")
                .append("th{color:#8b949e}td.l,th.l{text-align:left}.pos{color:#3fb950}.neg{color:#f85149}")
                .append(".hm td{width:58px;text-align:center;color:#0d1117}svg{background:#161b22}")
                .append("</style></head><body>");
        h.append("<h1>").append(esc(title)).append("</h1>").append(body).append("</body></html>\n");
        return h.toString();
    }

    /** The report's sections (curves, metrics, monthly heat map, by symbol, trades) as HTML, without the page. */
    public static String sections(PerformanceReport report) {
        StringBuilder h = new StringBuilder(64_000);
        long[] t = report.times();
        h.append("<p>").append(Instant.ofEpochMilli(t[0])).append(" → ").append(Instant.ofEpochMilli(t[t.length - 1]))
                .append(" (UTC). Annualisation: 365-day year of ")
                .append(String.format(Locale.ROOT, "%.0f", report.metrics().barsPerYear())).append(" bars.</p>");
        h.append("<h2>Equity</h2>").append(svgLine(report.times(), report.equity(), false, "#58a6ff"));
        h.append("<h2>Drawdown</h2>").append(svgLine(report.times(), report.drawdown(), true, "#f85149"));
        h.append("<h2>Metrics</h2><table>");
        for (MetricRow r : MetricRow.of(report.metrics())) {
            h.append("<tr><td class=\"l\">").append(esc(r.label())).append("</td><td>").append(esc(r.display()))
                    .append("</td></tr>");
        }
        h.append("</table><h2>Monthly returns</h2><table class=\"hm\"><tr><th class=\"l\">Year</th>");
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (String mo : months) {
            h.append("<th>").append(mo).append("</th>");
        }
        h.append("</tr>");
        PerformanceReport.MonthlyGrid grid = report.monthlyGrid();
        for (int y = 0; y < grid.years().size(); y++) {
            h.append("<tr><th class=\"l\">").append(grid.years().get(y)).append("</th>");
            for (double v : grid.values()[y]) {
                if (Double.isNaN(v)) {
                    h.append("<td style=\"background:#21262d\"></td>");
                } else {
                    h.append("<td style=\"background:").append(heatColour(v, 0.10)).append("\">")
                            .append(String.format(Locale.ROOT, "%+.1f%%", v * 100)).append("</td>");
                }
            }
            h.append("</tr>");
        }
        h.append("</table><h2>P&amp;L by symbol</h2><table><tr><th class=\"l\">Symbol</th><th>Closed trades</th>")
                .append("<th>Realised P&amp;L</th><th>Fees</th></tr>");
        for (SymbolPnl s : report.bySymbol()) {
            h.append("<tr><td class=\"l\">").append(esc(s.symbol())).append("</td><td>").append(s.closedTrades())
                    .append("</td><td class=\"").append(s.realizedPnl() >= 0 ? "pos" : "neg").append("\">")
                    .append(money(s.realizedPnl())).append("</td><td>").append(money(s.fees())).append("</td></tr>");
        }
        h.append("</table><h2>Trades (").append(report.trades().size()).append(")</h2><table><tr>")
                .append("<th class=\"l\">Symbol</th><th class=\"l\">Dir</th><th class=\"l\">Entry (UTC)</th>")
                .append("<th class=\"l\">Exit (UTC)</th><th>Qty</th><th>Entry</th><th>Exit</th><th>P&amp;L</th>")
                .append("<th>Return</th><th>Fees</th></tr>");
        for (Trade tr : report.trades()) {
            h.append("<tr><td class=\"l\">").append(esc(tr.symbol())).append("</td><td class=\"l\">").append(tr.direction())
                    .append("</td><td class=\"l\">").append(Instant.ofEpochMilli(tr.entryTime())).append("</td><td class=\"l\">")
                    .append(tr.open() ? "open" : Instant.ofEpochMilli(tr.exitTime()).toString()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.6f", tr.quantity())).append("</td><td>").append(money(tr.entryPrice()))
                    .append("</td><td>").append(money(tr.exitPrice())).append("</td><td class=\"")
                    .append(tr.pnl() >= 0 ? "pos" : "neg").append("\">").append(money(tr.pnl())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%+.2f%%", tr.returnFraction() * 100)).append("</td><td>")
                    .append(money(tr.fees())).append("</td></tr>");
        }
        h.append("</table>");
        return h.toString();
    }

    /**
     * A diverging red-white-green colour for a return, saturated at ±{@code scale}; also used by the parameter heat
     * maps.
     *
     * @return a CSS {@code rgb(r,g,b)} colour
     */
    public static String heatColour(double value, double scale) {
        double x = Math.max(-1, Math.min(1, value / scale));
        int r;
        int g;
        int b;
        if (x >= 0) {
            r = (int) Math.round(230 - 190 * x);
            g = (int) Math.round(230 - 45 * x);
            b = (int) Math.round(230 - 150 * x);
        } else {
            r = (int) Math.round(230 + 18 * x * -1);
            g = (int) Math.round(230 - 150 * -x);
            b = (int) Math.round(230 - 150 * -x);
        }
        return "rgb(" + Math.min(255, r) + "," + g + "," + b + ")";
    }

    private static String svgLine(long[] t, double[] v, boolean invert, String colour) {
        int w = 960;
        int hgt = 220;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (invert) {
            min = 0;
        }
        if (max - min < 1e-12) {
            max = min + 1;
        }
        long t0 = t[0];
        double span = Math.max(1, t[t.length - 1] - t0);
        int step = Math.max(1, v.length / 2000); // at most ~2,000 points: the page stays small on 1m runs
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < v.length; i += step) {
            double x = 50 + (t[i] - t0) / span * (w - 60);
            double frac = (v[i] - min) / (max - min);
            double y = invert ? 10 + frac * (hgt - 30) : hgt - 20 - frac * (hgt - 30);
            p.append(p.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        String top = invert ? "0 %" : money(max);
        String bottom = invert ? String.format(Locale.ROOT, "-%.1f %%", max * 100) : money(min);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + hgt + "\" viewBox=\"0 0 " + w
                + " " + hgt + "\"><path d=\"" + p + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.3\"/>"
                + "<text x=\"4\" y=\"16\" fill=\"#8b949e\" font-size=\"11\">" + top + "</text>"
                + "<text x=\"4\" y=\"" + (hgt - 8) + "\" fill=\"#8b949e\" font-size=\"11\">" + bottom + "</text></svg>";
    }

    private static StringBuilder periods(List<PeriodReturn> ps) {
        StringBuilder s = new StringBuilder("period,end_equity,return\n");
        for (PeriodReturn p : ps) {
            s.append(p.period()).append(',').append(num(p.endEquity())).append(',').append(num(p.returnFraction())).append('\n');
        }
        return s;
    }

    private static Path write(Path file, CharSequence text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(v);
    }

    private static String money(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%,.2f", v);
    }

    /** {@code s} escaped for HTML text and attributes. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
