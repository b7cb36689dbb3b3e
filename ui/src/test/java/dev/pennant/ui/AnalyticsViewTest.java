package dev.pennant.ui;

import atlantafx.base.theme.PrimerDark;
import dev.pennant.core.analytics.MetricRow;
import dev.pennant.core.analytics.PerformanceReport;
import dev.pennant.core.analytics.PerformanceTracker;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Interval;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.persistence.SessionInfo;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.view.AnalyticsView;
import dev.pennant.ui.view.MainView;
import dev.pennant.ui.viewmodel.AnalyticsViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The analytics dashboard over a real paper session recorded into a temp history database (1h BTCUSDT bars,
 * April–June 2021, default strategy): its metrics table equals a {@link PerformanceReport} computed directly from the
 * stored fills and equity, its final equity and fees equal those the session's own {@link PerformanceTracker} saw
 * live, the heat map has the run's months, and the paper vs live note says LIVE has no session. Leaves
 * {@code target/analytics-*.png}.
 */
class AnalyticsViewTest {

    private static final Path FILE = SharedData.file("spot/klines/BTCUSDT/BTCUSDT-1h-20210408_20210607.gatrading.csv.gz");

    @TempDir
    Path dataDir;

    private AnalyticsViewModel vm;
    private Stage stage;

    @AfterEach
    void stop() throws Exception {
        if (vm != null) {
            vm.close();
        }
        FxToolkit.hideStage();
        FxToolkit.cleanupStages();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theDashboardShowsTheReportOfTheStoredFillsAndEquity() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        List<Bar> bars = new KlineCsvImporter().read(FILE).bars();
        EngineConfig config = EngineConfig.defaults("BTCUSDT", Interval.H1);
        PerformanceTracker live = new PerformanceTracker(config.startingCash(), Interval.H1.millis());
        try (HistoryStore store = HistoryStore.open(dataDir)) {
            String id;
            try (PaperSession s = PaperSession.replay(config, bars, "analytics test", 0, 0, store)) {
                s.addListener(live);
                s.start();
                assertThat(s.awaitFinished(120, TimeUnit.SECONDS)).isTrue();
                id = s.id();
            }
            SessionInfo info = store.sessions().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            List<EquitySnapshot> eq = store.equity(id);
            assertThat(store.fills(id)).isNotEmpty();
            PerformanceReport expected = PerformanceReport.compute(info.startingCash().doubleValue(),
                    eq.stream().mapToLong(EquitySnapshot::time).toArray(),
                    eq.stream().mapToDouble(e -> e.equity().doubleValue()).toArray(), store.fills(id),
                    info.interval().millis(), null);

            stage = FxToolkit.registerPrimaryStage();
            vm = new AnalyticsViewModel(store);
            FxToolkit.setupStage(st -> {
                Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
                Scene scene = new Scene(new AnalyticsView(vm).root(), 1400, 900);
                scene.getStylesheets().add(MainView.stylesheet());
                st.setScene(scene);
                st.show();
            });
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> vm.scopes().size() == 2));
            onFx(() -> {
                vm.scopes().stream().filter(x -> x.kind() == AnalyticsViewModel.Kind.SESSION).findFirst()
                        .ifPresent(x -> new org.testfx.api.FxRobot().lookup("#analyticsScope")
                                .<javafx.scene.control.ComboBox<AnalyticsViewModel.Scope>>query().setValue(x));
                return null;
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> !vm.comparison().isEmpty()));
            WaitForAsyncUtils.waitForFxEvents();

            List<String> shown = onFx(() -> vm.metrics().stream().map(m -> m.label() + "=" + m.value()).toList());
            assertThat(shown).containsExactlyElementsOf(MetricRow.of(expected.metrics()).stream()
                    .map(m -> m.label() + "=" + m.display()).toList());
            // sampling-independent figures agree with what the session saw live
            PerformanceReport seen = live.report(null);
            assertThat(expected.metrics().finalEquity()).isCloseTo(seen.metrics().finalEquity(), within(1e-6));
            assertThat(expected.metrics().feesPaid()).isCloseTo(seen.metrics().feesPaid(), within(1e-6));
            assertThat(onFx(() -> vm.bySymbol().stream().map(AnalyticsViewModel.SymbolLine::symbol).toList()))
                    .containsExactly("BTCUSDT");
            int cells = onFx(() -> new org.testfx.api.FxRobot().lookup("#analyticsHeat")
                    .queryAs(javafx.scene.layout.GridPane.class).getChildren().size());
            assertThat(cells).isEqualTo(12 + expected.monthlyGrid().years().size() * 13);
            assertThat(onFx(() -> vm.comparisonNoteProperty().get())).contains("no LIVE session");
            assertThat(onFx(() -> vm.comparison().getFirst().live())).isEqualTo("—");
            screenshot("session");
        }
    }

    private void screenshot(String name) throws Exception {
        java.awt.image.BufferedImage shot = onFx(() -> javafx.embed.swing.SwingFXUtils.fromFXImage(
                stage.getScene().snapshot(null), null));
        Files.createDirectories(Path.of("target"));
        javax.imageio.ImageIO.write(shot, "png", Path.of("target", "analytics-" + name + ".png").toFile());
    }
}
