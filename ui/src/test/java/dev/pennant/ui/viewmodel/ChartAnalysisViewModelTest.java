package dev.pennant.ui.viewmodel;

import dev.pennant.core.analysis.IndicatorDefinition;
import dev.pennant.core.analysis.IndicatorSeries;
import dev.pennant.core.analysis.Indicators;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.testkit.SharedData;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's analysis layer over 300 real BTCUSDT 1m bars, every computation run inline (both executors
 * {@code Runnable::run}), so each change's result is there when the call returns.
 */
class ChartAnalysisViewModelTest {

    private static List<Bar> bars(int from, int n) throws IOException {
        return new KlineCsvImporter().read(SharedData.btc1m()).bars().subList(from, from + n);
    }

    private static List<ChartPoint> points(List<Bar> bars) {
        return bars.stream().map(b -> new ChartPoint(b, null)).toList();
    }

    private static ChartAnalysisViewModel vm(ObservableList<ChartPoint> chart, Optional<Path> folder) {
        return new ChartAnalysisViewModel(chart, new SimpleStringProperty("BTCUSDT"), new SimpleObjectProperty<>(Interval.M1),
                () -> folder, Runnable::run, Runnable::run);
    }

    @Test
    void pickedIndicatorsAreDrawnWithTheCatalogueValuesAndLevelsFollowTheToggles() throws IOException {
        ObservableList<ChartPoint> chart = FXCollections.observableArrayList();
        ChartAnalysisViewModel vm = vm(chart, Optional.empty());
        List<Bar> bars = bars(3000, 300);
        List<ChartPoint> points = new ArrayList<>();
        bars.forEach(b -> points.add(new ChartPoint(b, null)));
        chart.setAll(points);
        assertThat(vm.add("BB(20,2)")).isEmpty();
        assertThat(vm.add("RSI")).isEmpty();
        assertThat(vm.add("EMA(0)")).contains("EMA parameter period must be in [1, 1000], was 0");
        assertThat(vm.selected()).extracting(IndicatorDefinition::name).containsExactly("BB(20,2)", "RSI(14)");

        ChartAnalysisViewModel.Result r = vm.resultProperty().get();
        IndicatorSeries bb = Indicators.compute(bars, IndicatorDefinition.parse("BB(20,2)"));
        assertThat(r.overlays()).extracting(l -> l.spec().name()).containsExactly("BB(20,2)", "BB(20,2) upper", "BB(20,2) lower");
        ChartAnalysisViewModel.Line upper = r.overlays().get(1);
        assertThat(upper.x()).hasSize(300 - 19);
        assertThat(upper.x()[0]).isEqualTo(bars.get(19).openTime() / 1000.0);
        assertThat(upper.y()[0]).isEqualTo(bb.value("BB(20,2) upper", 19));
        assertThat(r.subPanes()).containsOnlyKeys("RSI(14)");
        assertThat(r.subPanes().get("RSI(14)").getFirst().spec().upper()).isEqualTo(70);
        assertThat(r.levels()).anyMatch(l -> l.kind().equals("FIB")).anyMatch(l -> l.label().startsWith("S ×") || l.label().startsWith("R ×"));
        assertThat(r.trendText()).startsWith("Trend: ");
        assertThat(r.levelsText()).contains("Fib ");
        assertThat(ChartAnalysisViewModel.nearest(List.of(new ChartAnalysisViewModel.Level("S ×3", 95, "SUPPORT"),
                new ChartAnalysisViewModel.Level("S ×2", 90, "SUPPORT"), new ChartAnalysisViewModel.Level("R ×4", 110, "RESISTANCE"),
                new ChartAnalysisViewModel.Level("Fib 61.8%", 101, "FIB"), new ChartAnalysisViewModel.Level("Fib 50%", 104, "FIB")), 100))
                .isEqualTo("S 95.00 ×3 · R 110.00 ×4 · Fib 61.8% 101.00");

        vm.showFibonacciProperty().set(false);
        assertThat(vm.resultProperty().get().levels()).noneMatch(l -> l.kind().startsWith("FIB"));
        vm.showLevelsProperty().set(false);
        vm.showTrendProperty().set(false);
        assertThat(vm.resultProperty().get().levels()).isEmpty();
        assertThat(vm.resultProperty().get().trendText()).isEmpty();
        vm.toggle(IndicatorDefinition.parse("RSI"), false);
        assertThat(vm.resultProperty().get().subPanes()).isEmpty();
    }

    @Test
    void aSupersededComputationIsSkipped() throws IOException {
        ObservableList<ChartPoint> chart = FXCollections.observableArrayList();
        List<Runnable> queued = new ArrayList<>();
        ChartAnalysisViewModel vm = new ChartAnalysisViewModel(chart, new SimpleStringProperty("BTCUSDT"),
                new SimpleObjectProperty<>(Interval.M1), Optional::empty, queued::add, Runnable::run);
        AtomicReference<Integer> published = new AtomicReference<>(0);
        vm.resultProperty().addListener((o, a, b) -> published.set(published.get() + 1));
        for (Bar b : bars(0, 100)) chart.add(new ChartPoint(b, null));
        vm.add("SMA(10)");
        int tasks = queued.size();
        assertThat(tasks).isGreaterThan(100);
        queued.forEach(Runnable::run);
        assertThat(published.get()).as("only the latest of %d requests is computed and published", tasks).isEqualTo(1);
        assertThat(vm.resultProperty().get().overlays()).singleElement().satisfies(l -> assertThat(l.x()).hasSize(91));
    }

    @Test
    void multiTimeframeFromTheRecordedFolderOrElseTheChartsBars() throws IOException {
        ObservableList<ChartPoint> chart = FXCollections.observableArrayList();
        ChartAnalysisViewModel own = vm(chart, Optional.empty());
        chart.setAll(points(bars(0, 10_000)));
        own.refreshMultiTimeframe();
        assertThat(own.mtfRows()).extracting(ChartAnalysisViewModel.MtfRow::interval)
                .containsExactly("1m", "5m", "15m", "1h", "4h", "1d");
        assertThat(own.mtfRows().get(1).source()).isEqualTo("aggregated from 1m");
        assertThat(own.mtfRows().get(5).trend()).startsWith("— (");
        assertThat(own.mtfSummaryProperty().get()).startsWith("Consensus ").contains("as of 2021-05-22 ");

        ObservableList<ChartPoint> chart2 = FXCollections.observableArrayList();
        ChartAnalysisViewModel rec = vm(chart2, Optional.of(SharedData.binance().resolve("spot/klines/BTCUSDT")));
        chart2.setAll(points(bars(0, 10_000)));
        assertThat(rec.mtfRows()).as("filled on the symbol's first bars").hasSize(6);
        assertThat(rec.mtfRows().get(5).source()).isEqualTo("bars");
        assertThat(rec.mtfRows().get(5).trend()).isEqualTo("BEARISH");
    }
}
