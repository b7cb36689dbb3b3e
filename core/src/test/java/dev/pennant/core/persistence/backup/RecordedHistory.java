package dev.pennant.core.persistence.backup;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.ReplaySource;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.core.vault.KdfParams;
import dev.pennant.core.vault.VaultFile;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real history database: a paper session on the real BTCUSDT 1m data, and a second one resuming it; a vault. */
final class RecordedHistory {
    private RecordedHistory() {
    }

    /** Records into {@code dataDir}; returns the two session ids (first, resumed). */
    static List<String> record(Path dataDir) throws Exception {
        List<Bar> bars = new KlineCsvImporter().read(SharedData.btc1m()).bars().subList(0, 4_000);
        EngineConfig config = EngineConfig.defaults("BTCUSDT", Interval.M1);
        String a;
        String b;
        try (HistoryStore store = HistoryStore.open(dataDir)) {
            PaperSession s = PaperSession.replay(config, bars.subList(0, 2_500), "part 1", 0, 0, store);
            s.start();
            if (!s.awaitFinished(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("session did not finish");
            }
            a = s.id();
            s.close();
            PaperSession r = PaperSession.resume(config, new ReplaySource(bars.subList(2_500, 4_000), "part 2", 0, 0), store, a);
            r.start();
            if (!r.awaitFinished(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("resumed session did not finish");
            }
            b = r.id();
            r.close();
        }
        try (var v = VaultFile.create(VaultFile.defaultPath(dataDir), "test-only-password".toCharArray(), KdfParams.DEFAULT)) {
            // an empty vault: its bytes are what a backup keeps
        }
        return List.of(a, b);
    }
}
