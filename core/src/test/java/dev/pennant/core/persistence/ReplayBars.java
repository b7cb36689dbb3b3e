package dev.pennant.core.persistence;

import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.testkit.SharedData;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Long 1m replays for the history tests: the real BTCUSDT 1m file ({@link SharedData#btc1m()}, 10,080 bars)
 * repeated, every bar re-timed one minute after the previous so engine time runs on without gaps or overlaps.
 */
final class ReplayBars {
    private ReplayBars() {
    }

    /** {@code n} closed 1m bars starting at the file's first open time. */
    static List<Bar> btc1m(int n) throws IOException {
        List<Bar> real = new KlineCsvImporter().read(SharedData.btc1m()).bars();
        long t0 = real.getFirst().openTime();
        List<Bar> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Bar b = real.get(i % real.size());
            long open = t0 + i * 60_000L;
            out.add(new Bar(b.symbol(), b.interval(), open, open + 59_999, b.open(), b.high(), b.low(), b.close(),
                    b.volume(), b.quoteVolume(), b.trades(), b.takerBuyBaseVolume(), b.takerBuyQuoteVolume(), true));
        }
        return out;
    }
}
