package dev.pennant.core.marketdata.feed;

import dev.pennant.core.marketdata.feed.FuturesFigures.Figure;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.Await;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RecordedMarketFeed#subscribeFutures} over the real shared data: the funding rate is the recorded BTCUSDT
 * funding event that ends the period in progress at the replay time; mark price, index price and open interest were
 * never recorded and stay null with "not in the recording"; a symbol without funding history says so.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordedFuturesFiguresTest {

    @Test
    void fundingComesFromTheRecordedHistoryAndUnrecordedFiguresAreMissing() throws Exception {
        RecordedMarketFeed.FundingHistory history = RecordedMarketFeed
                .loadFunding(SharedData.binance().resolve("futures-um/fundingRate")).get("BTCUSDT");
        assertThat(history.times()).hasSize(1731); // SOURCES.md: 1731 events, 2025-01-01 → 2026-07-31
        try (RecordedMarketFeed feed = new RecordedMarketFeed(SharedData.binance(), 0)) {
            List<FuturesFigures> btc = new CopyOnWriteArrayList<>();
            List<FuturesFigures> eth = new CopyOnWriteArrayList<>();
            feed.start();
            Await.until(() -> !feed.instruments(Market.USDM_FUTURES).isEmpty(), Duration.ofSeconds(30), "instruments");
            AutoCloseable a = feed.subscribeFutures("BTCUSDT", btc::add);
            AutoCloseable b = feed.subscribeFutures("ETHUSDT", eth::add);
            Await.until(() -> btc.size() >= 3 && btc.getLast().fundingRate() != null, Duration.ofSeconds(30),
                    "replayed funding");

            for (FuturesFigures f : btc.subList(1, btc.size())) {
                if (f.fundingRate() == null) continue;
                int i = indexOf(history.times(), f.nextFundingTime());
                assertThat(i).as("next funding is a recorded event").isGreaterThanOrEqualTo(0);
                assertThat(f.fundingRate()).isEqualByComparingTo(history.rates()[i]);
                // the period in progress: the event is the first one after the replay time
                assertThat(f.nextFundingTime()).isGreaterThan(f.time());
                if (i > 0) assertThat(history.times()[i - 1]).isLessThanOrEqualTo(f.time() + 999);
                assertThat(f.note(Figure.FUNDING)).contains("recorded funding history");
            }
            FuturesFigures f = btc.getLast();
            assertThat(f.markPrice()).isNull();
            assertThat(f.indexPrice()).isNull();
            assertThat(f.openInterest()).isNull();
            assertThat(f.openInterestNotional()).isNull();
            assertThat(f.notes()).containsEntry(Figure.MARK_PRICE, RecordedMarketFeed.NO_MARK)
                    .containsEntry(Figure.INDEX_PRICE, RecordedMarketFeed.NO_INDEX)
                    .containsEntry(Figure.OPEN_INTEREST, RecordedMarketFeed.NO_OPEN_INTEREST);
            assertThat(Map.copyOf(f.notes()).values()).allMatch(n -> !n.isBlank());

            Await.until(() -> !eth.isEmpty() && eth.getLast().note(Figure.FUNDING).contains("not in the recording"),
                    Duration.ofSeconds(30), "ETHUSDT without funding history");
            assertThat(eth.getLast().fundingRate()).isNull();
            assertThat(eth.getLast().note(Figure.FUNDING)).contains("no funding history of ETHUSDT");

            assertThatThrownBy(() -> feed.subscribeFutures("NOSUCHPERP", x -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
            a.close();
            b.close();
        }
    }

    private static int indexOf(long[] a, long v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }
}
