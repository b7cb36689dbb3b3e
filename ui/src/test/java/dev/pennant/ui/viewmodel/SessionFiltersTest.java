package dev.pennant.ui.viewmodel;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.TerminalOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A replay session in the terminal trades with the symbol's recorded exchangeInfo filters, or says it fell back. */
class SessionFiltersTest {

    @TempDir
    Path dir;

    private TerminalViewModel vm;

    @BeforeEach
    void toolkit() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (vm != null) vm.close();
    }

    private TerminalViewModel replay(Path file, String symbol) throws Exception {
        TerminalOptions o = new TerminalOptions(dir.resolve("data"), file, 0, symbol, Interval.D1);
        vm = WaitForAsyncUtils.asyncFx(() -> {
            TerminalViewModel v = new TerminalViewModel(o);
            v.start();
            return v;
        }).get();
        return vm;
    }

    @Test
    void aSolusdtReplayFillsOnSolusdtsOwnStepWithoutABanner() throws Exception {
        TerminalViewModel v = replay(SharedData.file("spot/klines/SOLUSDT/SOLUSDT-1d-20200811_20260106.ohlcv.yanniedog.csv.gz"),
                "SOLUSDT");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> v.orders().fills().size() >= 4);
        List<Fill> fills = WaitForAsyncUtils.asyncFx(() -> List.copyOf(v.orders().fills())).get();
        for (Fill f : fills) {
            assertThat(f.quantity().remainder(new BigDecimal("0.01"))).as("%s on SOLUSDT's 0.01 step", f.quantity()).isZero();
        }
        assertThat(WaitForAsyncUtils.asyncFx(() -> v.problemProperty().get()).get()).doesNotContain("Filters");
    }

    @Test
    void aSymbolInNoExchangeInfoTradesOnTheDefaultsAndTheBannerSaysSo() throws Exception {
        Path nope = Files.copy(SharedData.file("spot/klines/SOLUSDT/SOLUSDT-1d-20200811_20260106.ohlcv.yanniedog.csv.gz"),
                dir.resolve("NOPEUSDT-1d-20200811_20260106.csv.gz"));
        TerminalViewModel v = replay(nope, "NOPEUSDT");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> v.problemProperty().get().startsWith("Filters:"));
        assertThat(WaitForAsyncUtils.asyncFx(() -> v.problemProperty().get()).get()).isEqualTo("Filters: defaults (NOPEUSDT not in "
                + "exchangeInfo-spot-1symbol-20250823.json, exchangeInfo-spot-full-20230908.json.gz, "
                + "exchangeInfo-spot-full-20211012.cryptofeed.json.gz; BTCUSDT-like spot filters: tick 0.01, "
                + "step 0.00001, min notional 5 USDT) — orders are rounded and checked with these, not NOPEUSDT's own.");
    }
}
