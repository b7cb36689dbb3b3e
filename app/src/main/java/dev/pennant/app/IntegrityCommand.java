package dev.pennant.app;

import dev.pennant.core.config.DataDirectory;
import dev.pennant.core.persistence.backup.IntegrityCheck;
import dev.pennant.core.persistence.backup.IntegrityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code integrity}: checks the history database and reports problems without changing anything. */
@Command(name = "integrity", mixinStandardHelpOptions = true,
        description = "Check the history database without changing it (opened read-only): every table and index read "
                + "back, schema history, session references, imported bars' OHLC rules, the audit hash chain, and the "
                + "ledger: order filled quantities and stored positions (quantity; spot realised P&L) against the fills.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:no problem found", "1:the check could not run (no database, or in use)", "2:bad arguments",
                "3:problems found (listed)"})
final class IntegrityCommand implements Callable<Integer> {

    /** Exit code when problems were found. */
    static final int PROBLEMS = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (history database).")
    Path dataDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = DataDirectory.resolve(dataDir);
        out.println("integrity: checking " + dir.resolve("history.mv.db") + " (read-only) …");
        out.flush();
        IntegrityReport r = IntegrityCheck.run(dir);
        for (String c : r.checks()) {
            out.println("check: " + c);
        }
        for (String p : r.problems()) {
            out.println("problem: " + p);
        }
        out.println(r.ok() ? "integrity: OK" : String.format(Locale.ROOT, "integrity: %d problem(s)", r.problems().size()));
        out.flush();
        return r.ok() ? 0 : PROBLEMS;
    }
}
