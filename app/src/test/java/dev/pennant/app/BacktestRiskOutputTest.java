package dev.pennant.app;

import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A backtest tells when the risk engine halted, which limit, the value, and what lifts it (issue 9). */
class BacktestRiskOutputTest {

    @Test
    void lowRiskBacktestOfTheCrashWeekPrintsItsHaltsAndTheirLifts() {
        CommandLine cl = PennantCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute("backtest", "--data", SharedData.btc1m().toString(), "--risk-level", "LOW");
        assertThat(code).isZero();
        String o = out.toString();
        // LOW: 2 % daily loss; each daily-loss halt names its value and lifts at the next UTC midnight of the data
        Matcher m = Pattern.compile("(?m)^risk HALT (\\S+) account daily_loss (\\d+\\.\\d\\d) % \\(\\S+\\) >= 2\\.00 % "
                + "-> HALTED; lifts: at (\\S+) \\(new UTC day, market-data time\\)$").matcher(o);
        int halts = 0;
        while (m.find()) {
            halts++;
            assertThat(Double.parseDouble(m.group(2))).isGreaterThanOrEqualTo(2.0);
            java.time.Instant at = java.time.Instant.parse(m.group(1));
            assertThat(m.group(3)).isEqualTo(at.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(java.time.Duration.ofDays(1)).toString());
            assertThat(o).contains("risk RESUME " + java.time.Instant.parse(m.group(3)).plusMillis(59_999)
                    + " account daily_loss -> ACTIVE; lifts: new UTC day");
        }
        assertThat(halts).isPositive();
        assertThat(o).containsPattern("(?m)^risk: \\d+ halts, \\d+ resumes, 0 reductions, \\d+ orders vetoed \\(.*daily_loss \\d+.*\\); state at end: ");
    }
}
