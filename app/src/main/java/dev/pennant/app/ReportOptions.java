package dev.pennant.app;

import dev.pennant.core.analytics.PerformanceReport;
import dev.pennant.core.analytics.PerformanceTracker;
import dev.pennant.core.analytics.ReportExport;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.model.Bar;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --html FILE} / {@code --csv FILE}: performance report export for a command that runs a backtest (picocli
 * mixin). Use: {@code @Mixin ReportOptions report;}, pass {@link #listener(EngineConfig)} to the backtest's listeners,
 * then call {@link #write(List, String, PrintWriter)}.
 */
final class ReportOptions {

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML performance report.")
    Path html;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the metrics as CSV, with FILE-equity.csv, "
            + "-trades.csv, -daily.csv, -monthly.csv and -symbols.csv beside it.")
    Path csv;

    private PerformanceTracker tracker;

    /** The listener that records the run for the report (a no-op when neither option is given). */
    EngineListener listener(EngineConfig config) {
        if (html == null && csv == null) {
            return new EngineListener() { };
        }
        tracker = new PerformanceTracker(config.startingCash(), config.interval().millis());
        return tracker;
    }

    /**
     * Writes the requested files and a {@code report:} line per file.
     *
     * @param bars  the bars the run traded (slippage reference)
     * @param title HTML heading
     * @throws IOException when a file cannot be written
     */
    void write(List<Bar> bars, String title, PrintWriter out) throws IOException {
        if (tracker == null) {
            return;
        }
        PerformanceReport report = tracker.report(bars);
        if (html != null) {
            ReportExport.writeHtml(report, title, html);
            out.println("report: " + html);
        }
        if (csv != null) {
            for (Path p : ReportExport.writeCsv(report, csv)) {
                out.println("report: " + p);
            }
        }
        out.flush();
    }
}
