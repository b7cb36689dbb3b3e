package dev.pennant.ui.viewmodel;

import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The "open chart" decision on the real recorded klines in {@code shared/data/binance}: no window, no network. */
class ChartSwitchTest {

    private static final Path SPOT = SharedData.binance().resolve("spot/klines");
    private static final Path FUTURES = SharedData.binance().resolve("futures-um/klines");

    @Test
    void replayOfAFolderSwitchesToTheSymbolsOwnKlinesInTheSameInterval() {
        ChartSwitch.Plan plan = ChartSwitch.plan(SPOT, Market.SPOT, "BTCUSDT", true, Interval.D1, Market.SPOT, "ETHUSDT");

        assertThat(plan).isInstanceOf(ChartSwitch.Replay.class);
        ChartSwitch.Replay r = (ChartSwitch.Replay) plan;
        assertThat(r.market()).isEqualTo(Market.SPOT);
        assertThat(r.note()).isEmpty();
        assertThat(r.data().symbol()).isEqualTo("ETHUSDT");
        assertThat(r.data().interval()).isEqualTo(Interval.D1);
        assertThat(r.data().bars()).hasSizeGreaterThan(2000).allMatch(b -> b.symbol().equals("ETHUSDT"));
        // ETH never traded above 5,000 USDT; BTC's daily closes in the same folder go above 100,000
        assertThat(r.data().bars().stream().mapToDouble(b -> b.high().doubleValue()).max().orElseThrow())
                .isBetween(4_000.0, 5_000.0);
    }

    @Test
    void aMissingIntervalFallsBackToOneTheSymbolHas() {
        // SOLUSDT is recorded in 1d only
        ChartSwitch.Plan plan = ChartSwitch.plan(SPOT, Market.SPOT, "BTCUSDT", true, Interval.H1, Market.SPOT, "SOLUSDT");

        ChartSwitch.Replay r = (ChartSwitch.Replay) plan;
        assertThat(r.data().symbol()).isEqualTo("SOLUSDT");
        assertThat(r.data().interval()).isEqualTo(Interval.D1);
        assertThat(r.note()).isEqualTo("no 1h klines recorded, showing 1d");
    }

    @Test
    void aSymbolWithoutRecordedKlinesIsRefusedAndNamesTheSymbolThatStays() {
        ChartSwitch.Plan plan = ChartSwitch.plan(SPOT, Market.SPOT, "BTCUSDT", true, Interval.D1, Market.SPOT, "DOGEUSDT");

        assertThat(plan).isEqualTo(new ChartSwitch.Refused(
                "No recorded klines for DOGEUSDT in " + SPOT + " — the chart stays on BTCUSDT"));
    }

    @Test
    void futuresRowsNeedAFuturesFolder() {
        ChartSwitch.Plan spotFolder = ChartSwitch.plan(SPOT, Market.SPOT, "BTCUSDT", true, Interval.H1,
                Market.USDM_FUTURES, "ETHUSDT");
        assertThat(spotFolder).isInstanceOf(ChartSwitch.Refused.class);
        assertThat(((ChartSwitch.Refused) spotFolder).message())
                .startsWith("No recorded USD-M futures klines for ETHUSDT in " + SPOT + " (it holds spot klines)")
                .endsWith("the chart stays on BTCUSDT");

        ChartSwitch.Replay fut = (ChartSwitch.Replay) ChartSwitch.plan(FUTURES, Market.USDM_FUTURES, "BTCUSDT", true,
                Interval.H1, Market.USDM_FUTURES, "ETHUSDT");
        assertThat(fut.market()).isEqualTo(Market.USDM_FUTURES);
        assertThat(fut.data().interval()).isEqualTo(Interval.H1);
        assertThat(fut.data().bars().getLast().symbol()).isEqualTo("ETHUSDT");
    }

    @Test
    void theSameChartIsLeftAloneAndLiveModeStartsALiveSession() {
        assertThat(ChartSwitch.plan(SPOT, Market.SPOT, "BTCUSDT", true, Interval.D1, Market.SPOT, "BTCUSDT"))
                .isInstanceOf(ChartSwitch.Unchanged.class);
        // the same symbol on the other market is another chart
        assertThat(ChartSwitch.plan(null, Market.SPOT, "BTCUSDT", true, Interval.M1, Market.USDM_FUTURES, "BTCUSDT"))
                .isEqualTo(new ChartSwitch.Live(Market.USDM_FUTURES, "BTCUSDT", Interval.M1));
        assertThat(ChartSwitch.plan(null, Market.SPOT, "BTCUSDT", false, Interval.M1, Market.SPOT, "BTCUSDT"))
                .isEqualTo(new ChartSwitch.Live(Market.SPOT, "BTCUSDT", Interval.M1));
        // another interval of the same chart: a new live session at it
        assertThat(ChartSwitch.plan(null, Market.USDM_FUTURES, "BTCUSDT", Interval.M1, true, Market.USDM_FUTURES,
                "BTCUSDT", Interval.H1, true)).isEqualTo(new ChartSwitch.Live(Market.USDM_FUTURES, "BTCUSDT", Interval.H1));
        assertThat(ChartSwitch.plan(null, Market.USDM_FUTURES, "BTCUSDT", Interval.H1, true, Market.USDM_FUTURES,
                "BTCUSDT", Interval.H1, true)).isInstanceOf(ChartSwitch.Unchanged.class);
    }

    @Test
    void anotherIntervalOfTheSameSymbolReplaysExactlyThatInterval() {
        ChartSwitch.Plan plan = ChartSwitch.plan(SPOT, Market.SPOT, "BTCUSDT", Interval.D1, true, Market.SPOT,
                "BTCUSDT", Interval.H4, true);

        ChartSwitch.Replay r = (ChartSwitch.Replay) plan;
        assertThat(r.note()).isEmpty();
        assertThat(r.data().symbol()).isEqualTo("BTCUSDT");
        assertThat(r.data().interval()).isEqualTo(Interval.H4);
        assertThat(r.data().bars()).hasSizeGreaterThan(10_000)
                .allMatch(b -> b.closeTime() - b.openTime() == Interval.H4.millis() - 1);
    }

    @Test
    void anIntervalTheFolderLacksIsRefusedNamingTheIntervalsItHolds() {
        ChartSwitch.Plan plan = ChartSwitch.plan(SPOT, Market.SPOT, "BTCUSDT", Interval.D1, true, Market.SPOT,
                "BTCUSDT", Interval.M5, true);

        assertThat(plan).isEqualTo(new ChartSwitch.Refused("No recorded 5m klines for BTCUSDT in " + SPOT
                + " (it holds 1m, 1h, 4h, 1d) — the chart stays on BTCUSDT 1d"));
        // no fallback for a picked interval: SOLUSDT is recorded in 1d only
        assertThat(ChartSwitch.plan(SPOT, Market.SPOT, "SOLUSDT", Interval.D1, true, Market.SPOT, "SOLUSDT",
                Interval.H1, true)).isEqualTo(new ChartSwitch.Refused("No recorded 1h klines for SOLUSDT in " + SPOT
                + " (it holds 1d) — the chart stays on SOLUSDT 1d"));
    }

    @Test
    void aReplayedFileCannotSwitchIntervals() {
        ChartSwitch.Plan plan = ChartSwitch.plan(SharedData.btc1m(), Market.SPOT, "BTCUSDT", Interval.M1, true,
                Market.SPOT, "BTCUSDT", Interval.H1, true);
        assertThat(plan).isEqualTo(new ChartSwitch.Refused("The replay is one file ("
                + SharedData.btc1m().getFileName() + "), which holds BTCUSDT 1m klines only — the chart stays on"
                + " BTCUSDT 1m. Replay a folder (File ▸ Replay from folder…) to switch intervals."));
    }

    @Test
    void aReplayedFileCannotSwitchSymbols() {
        ChartSwitch.Plan plan = ChartSwitch.plan(SharedData.btc1m(), Market.SPOT, "BTCUSDT", true, Interval.M1,
                Market.SPOT, "ETHUSDT");
        assertThat(plan).isInstanceOf(ChartSwitch.Refused.class);
        assertThat(((ChartSwitch.Refused) plan).message())
                .contains("BTCUSDT-1m-20210515_20210522.gatrading.csv.gz").contains("the chart stays on BTCUSDT");
    }

    @Test
    void aBrokenFileOfTheSymbolIsReportedNotMistakenForNoData(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ETHUSDT-1h-broken.csv"), "open_time,open,high,low,close,volume\n"
                + "1700000000000,10,11,9,10.5,3\n1700003600000,10,abc,9,10.5,3\n");

        ChartSwitch.Plan plan = ChartSwitch.plan(dir, Market.SPOT, "BTCUSDT", true, Interval.H1, Market.SPOT, "ETHUSDT");

        assertThat(plan).isInstanceOf(ChartSwitch.Refused.class);
        assertThat(((ChartSwitch.Refused) plan).message()).startsWith("Cannot read the recorded klines for ETHUSDT in " + dir)
                .contains("line 3").endsWith("the chart stays on BTCUSDT");
        assertThatThrownBy(() -> ChartSwitch.readSymbol(dir, "ETHUSDT", Interval.H1)).hasMessageContaining("line 3");
        assertThat(ChartSwitch.readSymbol(dir, "BTCUSDT", Interval.H1)).isEmpty();
    }

    @Test
    void folderMarketReadsTheSharedDataLayout() {
        assertThat(ChartSwitch.folderMarket(SPOT.resolve("ETHUSDT"))).contains(Market.SPOT);
        assertThat(ChartSwitch.folderMarket(FUTURES)).contains(Market.USDM_FUTURES);
        assertThat(ChartSwitch.folderMarket(Path.of("/tmp/my-klines"))).isEmpty();
    }
}
