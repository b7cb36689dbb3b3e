package dev.pennant.app;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench persistence} prints its four figures (run small here: speed is measured by the bench, not tests). */
class PersistenceBenchTest {

    @Test
    void printsTheFourFiguresWithUnits() throws Exception {
        StringWriter text = new StringWriter();
        PersistenceBench.run(new PrintWriter(text), BarData.sharedBinanceDir(), 20_000, 20_000);
        String out = text.toString();
        assertThat(out.lines()).hasSize(4);
        assertThat(figure(out, "fills_per_s", "fills/s")).isPositive();
        assertThat(figure(out, "history_query_ms", "ms")).isPositive();
        // a fill, its order and its share of positions cannot take less than a few dozen bytes, nor kilobytes
        assertThat(figure(out, "db_bytes_per_fill", "bytes/fill")).isBetween(30.0, 5_000.0);
        assertThat(figure(out, "db_mb_after_1m_bars", "MB")).isPositive().isLessThan(20.0);
    }

    private static double figure(String out, String name, String unit) {
        Matcher m = Pattern.compile("(?m)^" + name + ": ([0-9.]+) " + Pattern.quote(unit) + "$").matcher(out);
        assertThat(m.find()).as(name + " line in:\n" + out).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
