package dev.pennant.ui;

import dev.pennant.core.analytics.PerformanceReport;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.persistence.SessionInfo;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.viewmodel.AnalyticsViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The strategy scope of the dashboard chains a strategy's sessions: two paper sessions over consecutive halves of
 * real 1h bars give one report whose total return compounds the two sessions' own returns and whose fills are both
 * sessions' fills.
 */
class AnalyticsChainTest {

    @TempDir
    Path dataDir;

    @Test
    void aStrategysSessionsCompoundIntoOneReport() throws Exception {
        List<Bar> bars = new KlineCsvImporter().read(
                SharedData.file("spot/klines/BTCUSDT/BTCUSDT-1h-20210408_20210607.gatrading.csv.gz")).bars();
        EngineConfig config = EngineConfig.defaults("BTCUSDT", Interval.H1);
        int half = bars.size() / 2;
        try (HistoryStore store = HistoryStore.open(dataDir)) {
            for (List<Bar> part : List.of(bars.subList(0, half), bars.subList(half, bars.size()))) {
                try (PaperSession s = PaperSession.replay(config, part, "chain", 0, 0, store)) {
                    s.start();
                    assertThat(s.awaitFinished(120, TimeUnit.SECONDS)).isTrue();
                }
            }
            List<SessionInfo> sessions = store.sessions("PAPER").stream()
                    .sorted(Comparator.comparingLong(SessionInfo::startedAt)).toList();
            assertThat(sessions).hasSize(2);
            double compounded = 1;
            int fills = 0;
            for (SessionInfo s : sessions) {
                compounded *= store.equity(s.id()).getLast().equity().doubleValue() / s.startingCash().doubleValue();
                fills += store.fills(s.id()).size();
            }
            PerformanceReport r = AnalyticsViewModel.report(store, sessions);
            assertThat(r.metrics().totalReturn()).isCloseTo(compounded - 1, within(1e-9));
            assertThat(r.equity()).hasSize(store.equity(sessions.get(0).id()).size()
                    + store.equity(sessions.get(1).id()).size() + 1);
            assertThat(fills).isPositive();
            assertThat(r.metrics().feesPaid()).isPositive();
        }
    }
}
