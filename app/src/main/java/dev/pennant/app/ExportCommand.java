package dev.pennant.app;

import dev.pennant.core.config.DataDirectory;
import dev.pennant.core.persistence.backup.DatabaseAccess;
import dev.pennant.core.persistence.export.CsvExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code export}: a history table or report to CSV. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a table or report of the history database to CSV (RFC 4180, header line, epoch ms UTC "
                + "times, plain decimals). Reads only; the terminal must not hold the database.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:exported", "1:the database is missing or in use, or writing failed", "2:bad arguments"})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--table", required = true, paramLabel = "NAME",
            description = "One of: sessions, orders, fills, positions, signals, equity, bars, trades, agg-trades, audit, "
                    + "session-summary (report: fills, fees, realised P&L and final equity per session).")
    String table;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write, or - for standard output.")
    String out;

    @Option(names = "--session", paramLabel = "ID|last", description = "Only this session (last = the newest).")
    String session;

    @Option(names = "--symbol", description = "Only this symbol.")
    String symbol;

    @Option(names = "--market", converter = MarketConverter.class, paramLabel = "spot|futures",
            description = "Only this market (bars, trades, agg-trades).")
    dev.pennant.core.model.Market market;

    @Option(names = "--interval", converter = IntervalConverter.class, description = "Only this kline interval (bars).")
    dev.pennant.core.model.Interval interval;

    @Option(names = "--from", converter = UtcDate.Converter.class, paramLabel = "DATE",
            description = "From this UTC date or instant (inclusive).")
    UtcDate from;

    @Option(names = "--to", converter = UtcDate.Converter.class, paramLabel = "DATE",
            description = "To this UTC date or instant (inclusive: a date includes its whole day).")
    UtcDate to;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (history database).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        CsvExport.Table t;
        try {
            t = CsvExport.Table.parse(table);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        Path dir = DataDirectory.resolve(dataDir);
        try (Connection c = DatabaseAccess.openForReading(dir)) {
            String sessionId = session;
            if ("last".equals(session)) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT id FROM trading_session ORDER BY started_at DESC, id DESC FETCH FIRST 1 ROW ONLY")) {
                    if (!rs.next()) {
                        throw new CommandLine.ParameterException(cl, "--session last: the database holds no session");
                    }
                    sessionId = rs.getString(1);
                }
            }
            CsvExport.Filter filter = new CsvExport.Filter(sessionId,
                    symbol == null ? null : symbol.trim().toUpperCase(Locale.ROOT),
                    market == null ? null : market.name(), interval == null ? null : interval.code(),
                    from == null ? null : from.start(), to == null ? null : to.endExclusive());
            long rows;
            if (out.equals("-")) {
                Writer w = cl.getOut();
                rows = export(cl, c, t, filter, w);
            } else {
                Path file = Path.of(out);
                Path tmp = file.toAbsolutePath().resolveSibling(file.getFileName() + ".part");
                try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8))) {
                    rows = export(cl, c, t, filter, w);
                } catch (RuntimeException | java.io.IOException | java.sql.SQLException e) {
                    Files.deleteIfExists(tmp);
                    throw e;
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                cl.getOut().printf(Locale.ROOT, "export: %d row(s) of %s to %s%n", rows, t.cliName(), file);
            }
        }
        cl.getOut().flush();
        return 0;
    }

    private static long export(CommandLine cl, Connection c, CsvExport.Table t, CsvExport.Filter f, Writer w)
            throws Exception {
        try {
            return CsvExport.export(c, t, f, w);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        } catch (java.sql.SQLException e) {
            throw new java.io.IOException("cannot export " + t.cliName() + " (an older database without this table?): "
                    + e.getMessage(), e);
        }
    }
}
