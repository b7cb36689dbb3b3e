package dev.pennant.core.analytics;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A five-day hand-made series whose every figure the test computes itself from the formula (see
 * {@link PerformanceMetrics} for the sources): daily bars, start 100 USDT, then 110, 99, 105, 121, 115.5.
 */
class PerformanceReportTest {

    private static final long DAY = 86_400_000L;
    private static final long T0 = Instant.parse("2024-01-30T00:00:00Z").toEpochMilli();
    private static final double[] EQUITY = {110, 99, 105, 121, 115.5};
    private static final long[] TIMES = {T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY, T0 + 4 * DAY};

    private static Fill fill(long id, String symbol, Side side, String qty, String price, String fee, long time,
                             String pnl) {
        return new Fill(id, "c" + id, symbol, side, new BigDecimal(qty), new BigDecimal(price), new BigDecimal(fee),
                "USDT", LiquiditySide.TAKER, time, new BigDecimal(pnl));
    }

    private static List<Fill> fills() {
        return List.of(
                fill(1, "BTCUSDT", Side.BUY, "1", "100", "0.1", T0, "-0.1"),
                fill(2, "BTCUSDT", Side.SELL, "1", "108", "0.108", T0 + DAY, "7.892"),
                fill(3, "BTCUSDT", Side.BUY, "2", "50", "0.1", T0 + 2 * DAY, "-0.1"),
                fill(4, "BTCUSDT", Side.SELL, "1", "45", "0.045", T0 + 3 * DAY - 1000, "-5.045"),
                fill(5, "BTCUSDT", Side.SELL, "1", "40", "0.04", T0 + 3 * DAY, "-10.04"),
                fill(6, "ETHUSDT", Side.BUY, "1", "10", "0.01", T0 + 3 * DAY, "-0.01"));
    }

    private static List<Bar> bars() {
        return List.of(
                Bar.ohlcv("BTCUSDT", Interval.D1, T0, bd("99.5"), bd("120"), bd("90"), bd("110"), bd("1")),
                Bar.ohlcv("BTCUSDT", Interval.D1, T0 + DAY, bd("108.2"), bd("120"), bd("90"), bd("99"), bd("1")));
    }

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    private final PerformanceReport report = PerformanceReport.compute(100, TIMES, EQUITY, fills(), DAY, bars());
    private final PerformanceMetrics m = report.metrics();

    @Test
    void returnRatiosFromTheFormulas() {
        double[] e = {100, 110, 99, 105, 121, 115.5};
        double[] r = new double[5];
        double mean = 0;
        for (int i = 0; i < 5; i++) {
            r[i] = e[i + 1] / e[i] - 1;
            mean += r[i] / 5;
        }
        double ss = 0;
        double down = 0;
        for (double x : r) {
            ss += (x - mean) * (x - mean);
            down += x < 0 ? x * x : 0;
        }
        double sharpe = mean / Math.sqrt(ss / 4) * Math.sqrt(365);
        double sortino = mean / Math.sqrt(down / 5) * Math.sqrt(365);
        double cagr = Math.pow(1.155, 365.0 / 5) - 1;

        assertThat(m.barsPerYear()).isEqualTo(365.0);
        assertThat(m.sharpe()).isCloseTo(sharpe, within(1e-12));
        assertThat(m.sortino()).isCloseTo(sortino, within(1e-12));
        assertThat(m.totalReturn()).isCloseTo(0.155, within(1e-12));
        assertThat(m.netProfit()).isCloseTo(15.5, within(1e-12));
        assertThat(m.cagr()).isCloseTo(cagr, within(1e-9 * cagr));
        assertThat(m.calmar()).isCloseTo(cagr / 0.1, within(1e-9 * cagr));
    }

    @Test
    void drawdownDepthAndDuration() {
        // peak 110 (day 1) → trough 99 (day 2) → back above at 121 (day 4): 10 %, 11 USDT, 3 days
        assertThat(m.maxDrawdown()).isCloseTo(0.1, within(1e-12));
        assertThat(m.maxDrawdownQuote()).isCloseTo(11, within(1e-12));
        assertThat(m.maxDrawdownDurationMs()).isEqualTo(3 * DAY);
        assertThat(m.maxDrawdownRecovered()).isTrue();
        assertThat(m.longestDrawdownMs()).isEqualTo(3 * DAY);
        assertThat(report.drawdown()).hasSize(6);
        assertThat(report.drawdown()[5]).isCloseTo((121 - 115.5) / 121, within(1e-12));
        assertThat(report.times()[0]).isEqualTo(T0 - DAY);
    }

    @Test
    void tradeFiguresFromTheFills() {
        double win = -0.1 + 7.892;
        double loss = 0.1 + 5.045 + 10.04;
        assertThat(report.trades()).hasSize(3);
        Trade first = report.trades().get(0);
        assertThat(first.direction()).isEqualTo("LONG");
        assertThat(first.pnl()).isCloseTo(win, within(1e-12));
        assertThat(first.returnFraction()).isCloseTo(win / 100, within(1e-12));
        Trade second = report.trades().get(1);
        assertThat(second.quantity()).isEqualTo(2);
        assertThat(second.exitPrice()).isCloseTo((45 + 40) / 2.0, within(1e-12));
        assertThat(report.trades().get(2).open()).isTrue();
        assertThat(m.closedTrades()).isEqualTo(2);
        assertThat(m.wins()).isEqualTo(1);
        assertThat(m.losses()).isEqualTo(1);
        assertThat(m.winRate()).isEqualTo(0.5);
        assertThat(m.averageWin()).isCloseTo(win, within(1e-12));
        assertThat(m.averageLoss()).isCloseTo(loss, within(1e-12));
        assertThat(m.winLossRatio()).isCloseTo(win / loss, within(1e-12));
        assertThat(m.profitFactor()).isCloseTo(win / loss, within(1e-12));
        assertThat(m.expectancy()).isCloseTo((win - loss) / 2, within(1e-12));
        assertThat(m.openTrade()).isTrue();
        assertThat(m.feesPaid()).isCloseTo(0.1 + 0.108 + 0.1 + 0.045 + 0.04 + 0.01, within(1e-12));
        // BUY 1 @ 100 in a bar that opened at 99.5, SELL 1 @ 108 in one that opened at 108.2; no bar for the others
        assertThat(m.slippagePaid()).isCloseTo(0.5 + 0.2, within(1e-9));
        // in a position Jan 30→31, Feb 1→2 and Feb 2→3 (ETH stays open to the end) of the 5 days from the start
        assertThat(m.exposure()).isCloseTo((1 + 1 + 1) / 5.0, within(1e-12));
    }

    @Test
    void periodsAndSymbols() {
        assertThat(report.daily()).extracting(PeriodReturn::period)
                .containsExactly("2024-01-30", "2024-01-31", "2024-02-01", "2024-02-02", "2024-02-03");
        assertThat(report.daily().get(2).returnFraction()).isCloseTo(105 / 99.0 - 1, within(1e-12));
        assertThat(report.monthly()).extracting(PeriodReturn::period).containsExactly("2024-01", "2024-02");
        assertThat(report.monthly().get(0).returnFraction()).isCloseTo(-0.01, within(1e-12));
        assertThat(report.monthly().get(1).returnFraction()).isCloseTo(115.5 / 99 - 1, within(1e-12));
        PerformanceReport.MonthlyGrid grid = report.monthlyGrid();
        assertThat(grid.years()).containsExactly(2024);
        assertThat(grid.values()[0][0]).isCloseTo(-0.01, within(1e-12));
        assertThat(grid.values()[0][2]).isNaN();
        assertThat(report.bySymbol()).extracting(SymbolPnl::symbol).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(report.bySymbol().get(0).closedTrades()).isEqualTo(2);
        assertThat(report.bySymbol().get(0).realizedPnl()).isCloseTo(-0.1 + 7.892 - 0.1 - 5.045 - 10.04, within(1e-12));
        assertThat(report.bySymbol().get(1).realizedPnl()).isCloseTo(-0.01, within(1e-12));
    }

    @Test
    void undefinedFiguresAreNaNNotZero() {
        PerformanceReport flat = PerformanceReport.compute(100, new long[] {T0, T0 + DAY}, new double[] {100, 100},
                List.of(), DAY, null);
        assertThat(flat.metrics().sharpe()).isNaN();
        assertThat(flat.metrics().sortino()).isNaN();
        assertThat(flat.metrics().winRate()).isNaN();
        assertThat(flat.metrics().profitFactor()).isNaN();
        assertThat(flat.metrics().calmar()).isNaN();
        assertThat(flat.metrics().exposure()).isZero();
        assertThat(flat.metrics().maxDrawdownDurationMs()).isZero();
    }

    @Test
    void badInputNamesTheArgument() {
        assertThatThrownBy(() -> PerformanceReport.compute(100, new long[1], new double[2], List.of(), DAY, null))
                .hasMessageContaining("times and equity");
        assertThatThrownBy(() -> PerformanceReport.compute(0, new long[1], new double[1], List.of(), DAY, null))
                .hasMessageContaining("startingEquity");
        assertThatThrownBy(() -> PerformanceReport.compute(100, new long[] {5, 4}, new double[2], List.of(), DAY, null))
                .hasMessageContaining("ascending");
    }

    @Test
    void csvAndSelfContainedHtml(@TempDir Path dir) throws Exception {
        List<Path> files = ReportExport.writeCsv(report, dir.resolve("run.csv"));
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("run.csv", "run-equity.csv",
                "run-trades.csv", "run-daily.csv", "run-monthly.csv", "run-symbols.csv");
        List<String> metrics = Files.readAllLines(dir.resolve("run.csv"));
        assertThat(metrics.getFirst()).isEqualTo("metric,value,unit");
        assertThat(metrics).contains("max_drawdown," + Double.toString(m.maxDrawdown()) + ",fraction");
        assertThat(Files.readAllLines(dir.resolve("run-equity.csv"))).hasSize(7)
                .contains("2024-02-03T00:00:00Z,115.5," + Double.toString((121 - 115.5) / 121));
        assertThat(Files.readAllLines(dir.resolve("run-trades.csv"))).hasSize(4);

        Path html = dir.resolve("run.html");
        ReportExport.writeHtml(report, "EMA <test>", html);
        String page = Files.readString(html);
        assertThat(page).contains("<svg", "EMA &lt;test&gt;", "Sharpe", "Monthly returns", "-1.0%")
                .doesNotContain("<script", "src=", "@import", "url(", "<link");
    }
}
