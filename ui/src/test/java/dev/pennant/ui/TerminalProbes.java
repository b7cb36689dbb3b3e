package dev.pennant.ui;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.financial.OhlcvDataSet;
import io.fair_acc.dataset.spi.financial.api.ohlcv.IOhlcv;

import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads what the terminal window shows, for the TestFX tests: candles of the price chart, session ids, progress. */
final class TerminalProbes {
    private static final Pattern SESSION_ID = Pattern.compile("Session (pn-[0-9a-z]+) ");
    private static final Pattern DELIVERED = Pattern.compile("· ([0-9,]+) / [0-9,]+ bars");

    private TerminalProbes() {
    }

    /** The session id in the toolbar's session header ("Session pn-… · BTCUSDT 1m …"); fails when absent. */
    static String sessionId(String header) {
        Matcher m = SESSION_ID.matcher(header);
        assertThat(m.find()).as("session id in '%s'", header).isTrue();
        return m.group(1);
    }

    /** Bars delivered, from the status text "REPLAY: … · 1,234 / 3,265 bars"; -1 when absent. */
    static long delivered(String sourceText) {
        Matcher m = DELIVERED.matcher(sourceText);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
    }

    /**
     * Runs {@code query} on the FX thread and returns its answer, for polls of FX-owned state (table items, view-model
     * maps): streaming an ObservableList off the FX thread while it changes throws or sees half-made state.
     */
    static <T> T onFx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(10, TimeUnit.SECONDS);
    }

    /**
     * The number of candles in the price chart, read on the FX thread: each redraw makes the chart's data sets anew, so
     * streaming them from another thread can throw or miss the candles set (and a throwing waitFor condition fails).
     */
    static int candleCount(XYChart chart) throws Exception {
        return onFx(() -> candles(chart).size());
    }

    /** The candles data of the price chart (read on the FX thread). */
    static IOhlcv candles(XYChart chart) {
        return chart.getRenderers().stream().flatMap(r -> r.getDatasets().stream())
                .filter(ds -> ds.getName().equals("candles")).map(ds -> ((OhlcvDataSet) ds).getData())
                .findFirst().orElseThrow();
    }
}
